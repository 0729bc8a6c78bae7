import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { buildTopology } from '../../sim/topology';
import type { SimHost } from '../../worker/host';
import type { Command, HostEvent } from '../../worker/protocol';
import { createTraceStore } from './trace-store';

function setup() {
  const sent: Command[] = [];
  const listeners: ((e: HostEvent) => void)[] = [];
  const raw: SimHost = {
    kind: 'in-process',
    send: (c) => sent.push(c),
    subscribe: (l) => {
      listeners.push(l);
      return () => {};
    },
    dispose: () => {},
  };
  const deferred: (() => void)[] = [];
  const { trace, host } = createTraceStore(raw, (run) => deferred.push(run));
  const emit = (e: HostEvent) => listeners.forEach((l) => l(e));
  const clock = { time: 0, playing: false, speed: 1, pending: 5, next: 'x' };
  emit({
    type: 'init',
    options: { seed: 1, workerNodes: 1, epoch: 0, containerRuntime: 'containerd' } as never,
    topology: buildTopology(1, true),
    clock,
  });
  const batch = (steps: TraceStep[]) => emit({ type: 'batch', clock, steps });
  const flush = () => deferred.splice(0).forEach((run) => run());
  return { trace, host, sent, emit, batch, flush, state: () => trace.state.getState() };
}

let nextId = 1;
const step = (over: Partial<TraceStep> = {}): TraceStep => ({
  id: nextId++,
  time: 0,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'POST /api/v1/namespaces/default/pods',
  detail: null,
  causedBy: null,
  ...over,
});
const lease = () =>
  step({
    from: 'node-1/kubelet',
    summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
  });

describe('trace store', () => {
  it('logs batches, streams them to listeners, and bumps its version a little later', () => {
    nextId = 1;
    const t = setup();
    const seen: number[] = [];
    t.trace.onSteps((steps) => seen.push(...steps.map((s) => s.id)));
    const version = t.state().version;
    t.batch([step(), step({ causedBy: 1, kind: 'storage' })]);
    expect(seen).toEqual([1, 2]);
    expect(t.trace.log.size).toBe(2);
    expect(t.state().version).toBe(version);
    t.flush();
    expect(t.state().version).toBe(version + 1);
  });

  it('names a journey after the terminal command whose requests started it', () => {
    nextId = 1;
    const t = setup();
    t.host.send({ type: 'exec', id: 7, line: 'kubectl create deployment web --image=nginx' });
    expect(t.sent.at(-1)).toEqual({
      type: 'exec',
      id: 7,
      line: 'kubectl create deployment web --image=nginx',
    });
    t.batch([
      step({ summary: 'GET /api' }),
      step({ summary: 'POST /apis/apps/v1/namespaces/default/deployments' }),
    ]);
    t.emit({ type: 'exit', id: 7, code: 0 });
    t.batch([step({ summary: 'GET /version' })]);
    const [later, command] = t.trace.log.journeys();
    expect(command).toMatchObject({
      key: 'cmd:7',
      command: 'kubectl create deployment web --image=nginx',
      steps: [1, 2],
    });
    expect(later).toMatchObject({ command: null, steps: [3] });
  });

  it('steps back by rewinding to before the current step, then reviews the one before it', () => {
    nextId = 1;
    const t = setup();
    const clock = { time: 0, playing: false, speed: 1, pending: 5, next: 'x' };
    t.batch([step(), lease(), step({ causedBy: 1, kind: 'storage' }), lease(), step()]);
    t.state().stepBack();
    expect(t.sent.slice(-2)).toEqual([{ type: 'pause' }, { type: 'rewind', before: 5 }]);
    // A second press before the answer does not ask again.
    t.state().stepBack();
    expect(t.sent.filter((c) => c.type === 'rewind')).toHaveLength(1);
    expect(t.state().rewinding).toBe(true);
    t.emit({ type: 'rewound', clock, lastStep: 4 });
    expect(t.trace.log.newestId).toBe(4);
    expect(t.state().rewinding).toBe(false);
    expect(t.state().selected).toBe(3);
    expect(t.state().expanded.has('step:1')).toBe(true);
    t.state().stepBack();
    expect(t.sent.at(-1)).toEqual({ type: 'rewind', before: 3 });
    t.emit({ type: 'rewound', clock, lastStep: 2 });
    expect(t.state().selected).toBe(1);
    // Steps recorded after the rewind follow on from the last one kept.
    t.batch([{ ...step(), id: 3 }]);
    expect(t.trace.log.newestId).toBe(3);
    t.state().stepForward();
    expect(t.state().selected).toBe(3);
  });

  it('at the newest step, runs the cluster to the next step it will show and selects it', () => {
    nextId = 1;
    const t = setup();
    t.batch([step()]);
    t.state().select(1);
    t.state().stepForward();
    expect(t.sent.at(-1)).toEqual({ type: 'step', until: 'shown' });
    // Only periodic work arrives, and the filters hide it: ask again.
    t.batch([lease()]);
    expect(t.sent.filter((c) => c.type === 'step')).toHaveLength(2);
    t.batch([
      step({ kind: 'decision', from: 'control-plane/kube-scheduler', to: 'control-plane/kube-scheduler' }),
    ]);
    expect(t.state().selected).toBe(3);
    t.state().setFilters({ hidePeriodic: false });
    t.state().stepForward();
    expect(t.sent.at(-1)).toEqual({ type: 'step', until: 'trace' });
  });

  it('starts over when a new cluster comes up', () => {
    nextId = 1;
    const t = setup();
    t.batch([step()]);
    t.state().select(1);
    t.emit({
      type: 'init',
      options: {} as never,
      topology: buildTopology(2),
      clock: { time: 0, playing: false, speed: 1, pending: 0, next: null },
    });
    expect(t.trace.log.size).toBe(0);
    expect(t.state().selected).toBeNull();
  });
});
