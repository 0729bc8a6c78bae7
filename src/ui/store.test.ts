import { describe, expect, it } from 'vitest';
import type { Command, HostEvent } from '../worker/protocol';
import type { SimHost } from '../worker/host';
import { MAX_STEPS, createLabStore } from './store';
import { buildTopology } from '../sim/topology';

/** A host that records commands and lets the test play the simulation's part. */
function fakeHost() {
  const sent: Command[] = [];
  let listener: (e: HostEvent) => void = () => {};
  const host: SimHost = {
    kind: 'in-process',
    send: (c) => sent.push(c),
    subscribe: (l) => {
      listener = l;
      return () => {};
    },
    dispose: () => {},
  };
  return { host, sent, emit: (e: HostEvent) => listener(e) };
}

const clock = { time: 0, playing: false, speed: 1, pending: 0, next: null } as const;
const step = (id: number) =>
  ({
    id,
    time: id,
    from: 'a',
    to: 'b',
    kind: 'request',
    summary: `s${id}`,
    detail: null,
    causedBy: null,
  }) as const;

describe('lab store', () => {
  it('sends the user’s commands to the host', () => {
    const { host, sent } = fakeHost();
    const store = createLabStore(host);
    const s = store.getState();
    s.play();
    s.setSpeed(25);
    s.step();
    s.pause();
    expect(sent).toEqual([
      { type: 'play' },
      { type: 'setSpeed', speed: 25 },
      { type: 'step' },
      { type: 'pause' },
    ]);
  });

  it('mirrors the topology, clock and recent steps, keeping the newest', () => {
    const { host, emit } = fakeHost();
    const store = createLabStore(host);
    emit({
      type: 'init',
      options: {
        seed: 1,
        workerNodes: 3,
        epoch: 0,
        cni: 'kindnet',
        kubeProxyMode: 'iptables',
        ingressController: 'ingress-nginx',
        containerRuntime: 'containerd',
      },
      topology: buildTopology(3),
      clock,
    });
    expect(store.getState().topology?.machines).toHaveLength(4);
    const many = Array.from({ length: MAX_STEPS + 20 }, (_, i) => step(i + 1));
    emit({ type: 'batch', clock: { ...clock, time: 5000 }, steps: many });
    const state = store.getState();
    expect(state.clock?.time).toBe(5000);
    expect(state.steps).toHaveLength(MAX_STEPS);
    expect(state.steps[0]?.id).toBe(21);
    expect(state.steps.at(-1)?.id).toBe(MAX_STEPS + 20);
  });

  it('shows an error until it is dismissed', () => {
    const { host, emit } = fakeHost();
    const store = createLabStore(host);
    emit({ type: 'error', message: 'speed must be between 0.25x and 100x, or max; got 500' });
    expect(store.getState().error).toMatch(/speed must be/);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('runs the terminal’s kubectl commands by id and routes their output, exit and completions', async () => {
    const { host, sent, emit } = fakeHost();
    const { kubectl } = createLabStore(host).getState();
    const written: string[] = [];
    const first = kubectl.run('kubectl get pods -w', (stream, text) => written.push(`${stream}:${text}`));
    const second = kubectl.run('kubectl get nodes', (stream, text) => written.push(`2 ${stream}:${text}`));
    const completion = kubectl.complete('kubectl ge', 10);
    expect(sent).toEqual([
      { type: 'exec', id: 1, line: 'kubectl get pods -w' },
      { type: 'exec', id: 2, line: 'kubectl get nodes' },
      { type: 'complete', id: 3, line: 'kubectl ge', cursor: 10 },
    ]);
    emit({ type: 'output', id: 1, stream: 'stdout', text: 'NAME\n' });
    emit({ type: 'output', id: 2, stream: 'stderr', text: 'oops\n' });
    emit({ type: 'exit', id: 2, code: 1 });
    emit({ type: 'completions', id: 3, candidates: ['get'], replaceFrom: 8 });
    expect(written).toEqual(['stdout:NAME\n', '2 stderr:oops\n']);
    expect(await second.exit).toBe(1);
    expect(await completion).toEqual({ candidates: ['get'], replaceFrom: 8 });
    first.interrupt();
    expect(sent.at(-1)).toEqual({ type: 'interrupt', id: 1 });
    emit({ type: 'exit', id: 1, code: 130 });
    expect(await first.exit).toBe(130);
    second.interrupt();
    expect(sent).toHaveLength(4);
  });

  it('refuses a terminal line too long for the protocol without sending it', async () => {
    const { host, sent } = fakeHost();
    const { kubectl } = createLabStore(host).getState();
    const written: string[] = [];
    const long = `kubectl ${'x'.repeat(70_000)}`;
    expect(await kubectl.run(long, (_s, text) => written.push(text)).exit).toBe(2);
    expect(written[0]).toMatch(/too long/);
    expect(await kubectl.complete(long, 3)).toEqual({ candidates: [], replaceFrom: 3 });
    expect(sent).toEqual([]);
  });
});
