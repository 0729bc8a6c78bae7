import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/cluster';
import type { TraceStep } from '../sim/kernel/trace';
import type { HostEvent } from './protocol';
import { SimulationRunner } from './runner';

/** A new task: lets the in-page kubectl's promise continuations run, as a page's task does. */
const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A runner with the real cluster and kubectl, driven frame by frame with a fake real-time
 * clock (each frame 100 ms of real time); it collects every step it sends.
 */
function lab() {
  let realNow = 0;
  let frames: (() => void)[] = [];
  const events: HostEvent[] = [];
  const runner = new SimulationRunner({
    now: () => (realNow += 0.001),
    requestFrame: (cb) => frames.push(cb),
    emit: (e) => events.push(e),
  });
  const steps = (): TraceStep[] => {
    // Steps as the UI keeps them: a rewind drops the ones after its last step.
    let kept: TraceStep[] = [];
    for (const e of events) {
      if (e.type === 'batch') kept.push(...e.steps);
      if (e.type === 'rewound') kept = kept.filter((s) => s.id <= e.lastStep);
    }
    return kept;
  };
  const frame = async (realMs = 100) => {
    realNow += realMs;
    const due = frames;
    frames = [];
    for (const cb of due) cb();
    await task();
  };
  return {
    runner,
    events,
    steps,
    frame,
    /** Plays `frames` frames at `speed`. */
    async play(count: number, speed = 10) {
      runner.handle({ type: 'setSpeed', speed });
      runner.handle({ type: 'play' });
      for (let i = 0; i < count; i++) await frame();
      runner.handle({ type: 'pause' });
      await frame();
    },
    /** Runs a kubectl line and waits for it to end; returns what it wrote. */
    async kubectl(id: number, line: string) {
      runner.handle({ type: 'exec', id, line });
      for (let i = 0; i < 50 && !events.some((e) => e.type === 'exit' && e.id === id); i++) await frame();
      return events
        .filter((e) => e.type === 'output' && e.id === id)
        .map((e) => (e.type === 'output' ? e.text : ''))
        .join('');
    },
    /** Rewinds to before step `before` and waits until it is done. */
    async rewind(before: number) {
      runner.handle({ type: 'rewind', before });
      for (let i = 0; i < 200 && !events.some((e) => e.type === 'rewound'); i++) await task();
      await frame();
    },
  };
}

/** A step without the fields that may legitimately differ (none should). */
const text = (steps: readonly TraceStep[]) => steps.map((s) => JSON.stringify(s));

describe('rewind', () => {
  it('goes back to before a kubectl command, and replaying forward gives the same trace', async () => {
    const a = lab();
    a.runner.handle({ type: 'reset', options: { seed: 11, workerNodes: 2 } });
    await a.play(5);
    expect(await a.kubectl(1, 'kubectl create deployment web --image=nginx --replicas=2')).toBe(
      'deployment.apps/web created\n',
    );
    await a.play(20);
    const original = a.steps();
    const post = original.find(
      (s) =>
        s.from === 'kubectl' && s.summary.startsWith('POST /apis/apps/v1/namespaces/default/deployments'),
    );
    expect(post).toBeDefined();
    if (post === undefined) return;

    await a.rewind(post.id);
    const rewound = a.events.findLast((e) => e.type === 'rewound');
    expect(rewound?.type === 'rewound' && rewound.lastStep).toBeLessThan(post.id);
    // Giving the same command again from there records the same steps as the first time.
    if (rewound?.type !== 'rewound') return;
    expect(await a.kubectl(5, 'kubectl create deployment web --image=nginx --replicas=2')).toContain(
      'deployment.apps/web created\n',
    );
    const redone = a.steps().filter((s) => s.id > rewound.lastStep);
    const first = original.filter((s) => s.id > rewound.lastStep).slice(0, redone.length);
    expect(redone.length).toBeGreaterThan(5);
    expect(text(redone)).toEqual(text(first));
    await a.rewind(post.id);
    // The cluster is as it was: the Deployment was never created.
    expect(await a.kubectl(2, 'kubectl get deployments')).toBe('No resources found in default namespace.\n');
    const errors = a.events.filter((e) => e.type === 'error');
    expect(errors).toEqual([]);
    // Up to the rewind point, the steps are the original ones; the rest are gone.
    const kept = a.steps().filter((s) => rewound?.type === 'rewound' && s.id <= rewound.lastStep);
    expect(text(kept)).toEqual(text(original.filter((s) => s.id < post.id).slice(0, kept.length)));
  });

  it('replays the inputs before the rewind point, and only those', async () => {
    const l = lab();
    l.runner.handle({ type: 'reset', options: { seed: 5, workerNodes: 1 } });
    await l.play(3);
    await l.kubectl(1, 'kubectl create namespace demo');
    await l.play(3);
    await l.kubectl(2, 'kubectl create configmap settings -n demo --from-literal=a=b');
    await l.play(3);
    const post = l
      .steps()
      .find((s) => s.from === 'kubectl' && s.summary.startsWith('POST /api/v1/namespaces/demo/configmaps'));
    expect(post).toBeDefined();
    await l.rewind(post?.id ?? 0);
    // The namespace, created before, is back; the ConfigMap, created after, is not.
    expect(await l.kubectl(3, 'kubectl get namespace demo -o name')).toBe('namespace/demo\n');
    await l.kubectl(4, 'kubectl get configmaps -n demo settings -o name');
    const stderr = l.events
      .filter((e) => e.type === 'output' && e.id === 4 && e.stream === 'stderr')
      .map((e) => (e.type === 'output' ? e.text : ''));
    expect(stderr.join('')).toBe('Error from server (NotFound): configmaps "settings" not found\n');
  });

  it('ends the commands running when it rewinds, and refuses a step it does not know', async () => {
    const l = lab();
    l.runner.handle({ type: 'reset', options: { seed: 3, workerNodes: 1 } });
    await l.play(2);
    l.runner.handle({ type: 'exec', id: 1, line: 'kubectl get pods -A -w' });
    await l.play(3);
    const first = l.steps()[10];
    await l.rewind(first?.id ?? 1);
    expect(l.events).toContainEqual({ type: 'exit', id: 1, code: 130 });
    l.runner.handle({ type: 'rewind', before: 10_000_000 });
    expect(l.events.at(-1)).toEqual({
      type: 'error',
      message: 'cannot rewind to before step 10000000: it is not in the log',
    });
    l.runner.handle({ type: 'rewind', before: 'the start' });
    expect(l.events.at(-1)).toEqual({
      type: 'error',
      message: 'rewind needs the id of a step; got "the start"',
    });
  });

  it('survives an event that throws: it says what failed, rebuilds the cluster up to before it, and keeps working', async () => {
    let realNow = 0;
    let frames: (() => void)[] = [];
    const events: HostEvent[] = [];
    const runner = new SimulationRunner(
      { now: () => (realNow += 0.001), requestFrame: (cb) => frames.push(cb), emit: (e) => events.push(e) },
      (options) => {
        const cluster = createCluster({ ...options, controllers: [], kubelets: false, scheduler: false });
        cluster.kernel.schedule(4_000, 'a good controller', () =>
          cluster.kernel.trace.emit({ from: 'good', to: 'good', kind: 'decision', summary: 'all is well' }),
        );
        cluster.kernel.schedule(5_000, 'a buggy controller', () => {
          cluster.kernel.trace.emit({
            from: 'buggy',
            to: 'buggy',
            kind: 'decision',
            summary: 'about to fail',
          });
          throw new Error('cannot read properties of undefined');
        });
        return cluster;
      },
    );
    const frame = async () => {
      realNow += 250;
      const due = frames;
      frames = [];
      for (const cb of due) cb();
      await task();
    };
    runner.handle({ type: 'reset', options: { seed: 9 } });
    runner.handle({ type: 'setSpeed', speed: 10 });
    runner.handle({ type: 'play' });
    for (let i = 0; i < 5 && !events.some((e) => e.type === 'rewound'); i++) await frame();
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.message).toMatch(
      /^The simulation failed at 5\.0 s \(seed 9, after \d+ events and 0 inputs\): cannot read properties of undefined\. The cluster was rebuilt up to just before it, and paused\.$/,
    );
    const rewound = events.find((e) => e.type === 'rewound');
    expect(rewound).toMatchObject({ type: 'rewound', clock: { playing: false } });
    const sent = events.flatMap((e) => (e.type === 'batch' ? e.steps : []));
    // The failing event's own step is undone; every step before it reached the UI, in order.
    expect(sent.map((step) => step.summary)).toEqual(['all is well']);
    expect(rewound?.type === 'rewound' && rewound.lastStep).toBe(sent.at(-1)?.id);
    runner.handle({ type: 'exec', id: 1, line: 'kubectl get namespace default -o name' });
    for (let i = 0; i < 5; i++) await frame();
    expect(events).toContainEqual({ type: 'output', id: 1, stream: 'stdout', text: 'namespace/default\n' });
  });
});
