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
});
