import { describe, expect, it } from 'vitest';
import { createCluster, type ClusterOptions } from '../sim/cluster';
import type { KubectlShell } from './kubectl-sessions';
import type { HostEvent } from './protocol';
import { SimulationRunner } from './runner';

/** A kubectl that echoes its line, and waits for Ctrl-C on lines ending in `-w`. */
const echoShell: KubectlShell = {
  run: (line, io) =>
    new Promise((resolve) => {
      io.stdout(`ran: ${line}\n`);
      if (line.endsWith('-w')) io.signal.addEventListener('abort', () => resolve(0));
      else resolve(0);
    }),
  complete: async (line, cursor) => ({ candidates: [line.slice(0, cursor)], replaceFrom: 0 }),
};

/** A runner on a fake frame clock: frames run only when the test says so. */
function harness(
  build?: (options: ClusterOptions) => ReturnType<typeof createCluster>,
  connect?: () => KubectlShell,
) {
  let realNow = 0;
  let frames: (() => void)[] = [];
  const events: HostEvent[] = [];
  // Reading the clock takes a little real time, so work inside a frame eventually uses up
  // the frame's budget, as it does in a browser.
  const now = () => (realNow += 0.001);
  const runner = new SimulationRunner(
    { now, requestFrame: (cb) => frames.push(cb), emit: (e) => events.push(e) },
    build,
    connect,
  );
  return {
    runner,
    events,
    /** Advances real time by `ms` and runs the frames that were requested. */
    frame(ms = 16) {
      realNow += ms;
      const due = frames;
      frames = [];
      for (const cb of due) cb();
    },
    pendingFrames: () => frames.length,
    batches: () => events.filter((e) => e.type === 'batch'),
  };
}

/** A cluster whose kernel has `count` events that each record one step, 1 s apart. */
function busyCluster(count: number) {
  return (options: ClusterOptions) => {
    const cluster = createCluster({
      ...options,
      controllers: [],
      kubelets: false,
      scheduler: false,
      cloudProvider: false,
    });
    for (let i = 1; i <= count; i++) {
      cluster.kernel.schedule(i * 1000, `event ${i}`, () =>
        cluster.kernel.trace.emit({
          from: 'kubectl',
          to: 'control-plane/kube-apiserver',
          kind: 'request',
          summary: `request ${i}`,
        }),
      );
    }
    return cluster;
  };
}

describe('SimulationRunner', () => {
  it('answers reset with the cluster topology and a paused clock at zero', () => {
    const h = harness();
    h.runner.handle({ type: 'reset', options: { seed: 7 } });
    const init = h.events[0];
    expect(init?.type).toBe('init');
    if (init?.type !== 'init') return;
    expect(init.options).toMatchObject({ seed: 7, workerNodes: 3 });
    expect(init.topology.machines.map((m) => m.name)).toEqual([
      'control-plane',
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(init.clock).toMatchObject({ time: 0, playing: false, speed: 1 });
    expect(init).not.toHaveProperty('id');
  });

  it('names the reset an init answers, when the reset had an id', () => {
    const h = harness();
    h.runner.handle({ type: 'reset', options: { seed: 7 }, id: 3 });
    expect(h.events[0]).toMatchObject({ type: 'init', id: 3 });
  });

  it.each([
    [{ type: 'play' }, 'no cluster yet: send reset first'],
    [{ type: 'warp' }, 'unknown command "warp"'],
    ['play', 'a command must be an object with a type'],
    [{ type: 'reset', options: { seed: 'x' } }, 'seed must be an integer'],
    [
      { type: 'reset', options: { seed: 1, workerNodes: -2 } },
      'workerNodes must be a whole number from 0 to 100',
    ],
    [
      { type: 'reset', options: { seed: 1, containerRuntime: 'docker' } },
      'containerRuntime must be one of containerd, cri-o',
    ],
    [
      { type: 'reset', options: { seed: 1, cni: 'weave' } },
      'cni must be one of kindnet, flannel, calico, cilium',
    ],
    [
      { type: 'reset', options: { seed: 1, workers: [{ labels: { disk: 1 } }] } },
      'workers[0].labels must map label keys to values',
    ],
    [
      { type: 'reset', options: { seed: 1, workers: [{ zone: 'a' }] } },
      'workers[0] may only have capacity and labels',
    ],
    [{ type: 'reset', options: { seed: 1, cloudProvider: 'yes' } }, 'cloudProvider must be true or false'],
    [{ type: 'reset', options: { seed: 1 }, id: 'mine' }, 'reset id must be a whole number'],
    [{ type: 'checks', tasks: 'all' }, 'checks needs a list of at most 200 tasks'],
    [{ type: 'checks', tasks: [{ check: { object: 'a/b' } }] }, 'checks task 0 needs an id'],
    [
      { type: 'checks', tasks: [{ id: 'x', check: { object: 'web' } }] },
      'checks task x: check.object: must be <resource>/<name>',
    ],
    [{ type: 'exec', id: -1, line: 'kubectl' }, 'exec needs a whole-number id'],
    [{ type: 'exec', id: 1 }, 'exec needs a line of at most 65536 characters'],
    [{ type: 'exec', id: 1, line: 'x'.repeat(65_537) }, 'exec needs a line of at most 65536 characters'],
    [{ type: 'interrupt', id: 1.5 }, 'interrupt needs a whole-number id'],
    [{ type: 'complete', id: 1, line: 'kubectl', cursor: 8 }, 'complete needs a cursor inside the line'],
  ])('refuses %j with "%s"', (command, message) => {
    const h = harness();
    h.runner.handle(command);
    expect(h.events).toEqual([{ type: 'error', message }]);
  });

  it('refuses a speed out of range and keeps the old one', () => {
    const h = harness();
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'setSpeed', speed: 500 });
    expect(h.events.at(-1)).toEqual({
      type: 'error',
      message: 'speed must be between 0.25x and 100x, or max; got 500',
    });
    h.runner.handle({ type: 'play' });
    h.frame();
    expect(h.batches().at(-1)).toMatchObject({ clock: { speed: 1, playing: true } });
  });

  it('runs the clock at the chosen multiple of real time', () => {
    const h = harness(busyCluster(0));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'setSpeed', speed: 10 });
    h.runner.handle({ type: 'play' });
    for (let i = 0; i < 5; i++) h.frame(20);
    const played = h.batches().at(-1)?.clock.time ?? 0;
    expect(played).toBeCloseTo(1000, 0);
    h.runner.handle({ type: 'pause' });
    h.frame(20);
    h.frame(20);
    expect(h.batches().at(-1)?.clock).toMatchObject({ time: played, playing: false });
    expect(h.pendingFrames()).toBe(0);
  });

  it('sends at most one batch per frame, carrying every step since the last', () => {
    const h = harness(busyCluster(50));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'setSpeed', speed: 'max' });
    h.runner.handle({ type: 'play' });
    const before = h.batches().length;
    h.frame();
    const batches = h.batches().slice(before);
    expect(batches).toHaveLength(1);
    const requests = batches[0]?.steps.filter((s) => s.summary.startsWith('request ')) ?? [];
    expect(requests).toHaveLength(50);
    // At max speed the clock runs on past the last request, through the apiserver's own
    // periodic work, until the frame's budget is spent.
    expect(batches[0]?.clock.time).toBeGreaterThan(50_000);
    expect(batches[0]?.clock.next).not.toMatch(/^event \d+$/);
  });

  it('coalesces several steps requested in one frame into one batch', () => {
    const h = harness(busyCluster(5));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'step' });
    h.runner.handle({ type: 'step' });
    h.frame();
    expect(h.batches()).toHaveLength(1);
    expect(h.batches()[0]).toMatchObject({
      clock: { time: 2000, playing: false, next: 'event 3' },
    });
    // Events 3 to 5 are still to come, besides the apiserver's own periodic work.
    expect(h.batches()[0]?.clock.pending).toBeGreaterThanOrEqual(3);
    expect(h.batches()[0]?.steps.map((s) => s.summary)).toEqual(['request 1', 'request 2']);
  });

  it('reset starts a fresh cluster and drops steps from the old one', () => {
    const h = harness(busyCluster(3));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'step' });
    h.runner.handle({ type: 'reset', options: { seed: 2, workerNodes: 1 } });
    h.frame();
    const init = h.events.filter((e) => e.type === 'init').at(-1);
    expect(init?.type === 'init' && init.topology.machines).toHaveLength(2);
    expect(h.batches().flatMap((b) => b.steps)).toEqual([]);
  });
});

describe('SimulationRunner: the terminal’s kubectl', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('sends a command’s output and exit with the next frame, after the batch', async () => {
    const h = harness(busyCluster(0), () => echoShell);
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.frame();
    h.runner.handle({ type: 'exec', id: 1, line: 'kubectl get pods' });
    h.runner.handle({ type: 'complete', id: 2, line: 'kubectl ge', cursor: 10 });
    await settle();
    const before = h.events.length;
    expect(h.pendingFrames()).toBe(1);
    h.frame();
    expect(h.events.slice(before)).toEqual([
      { type: 'output', id: 1, stream: 'stdout', text: 'ran: kubectl get pods\n' },
      { type: 'exit', id: 1, code: 0 },
      { type: 'completions', id: 2, candidates: ['kubectl ge'], replaceFrom: 0 },
    ]);
  });

  it('interrupts a running command, and ends it when the cluster is reset', async () => {
    const h = harness(busyCluster(0), () => echoShell);
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'exec', id: 1, line: 'kubectl get pods -w' });
    h.runner.handle({ type: 'exec', id: 2, line: 'kubectl get nodes -w' });
    h.runner.handle({ type: 'interrupt', id: 1 });
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    await settle();
    h.frame();
    expect(h.events.filter((e) => e.type === 'exit')).toEqual([
      { type: 'exit', id: 1, code: 130 },
      { type: 'exit', id: 2, code: 130 },
    ]);
  });

  it('runs the in-page kubectl against the cluster by default', async () => {
    const h = harness(busyCluster(0));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'exec', id: 1, line: 'kubectl version' });
    await settle();
    h.frame();
    const events = h.events.filter((e) => e.type === 'output' || e.type === 'exit');
    expect(events).toEqual([
      {
        type: 'output',
        id: 1,
        stream: 'stdout',
        text: 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n',
      },
      { type: 'exit', id: 1, code: 0 },
    ]);
    expect(
      h
        .batches()
        .at(-1)
        ?.steps.some((s) => s.from === 'kubectl' && s.summary.startsWith('GET /version')),
    ).toBe(true);
  });

  it('completes from the live cluster by default', async () => {
    const h = harness(busyCluster(0));
    h.runner.handle({ type: 'reset', options: { seed: 1 } });
    h.runner.handle({ type: 'complete', id: 1, line: 'kubectl get names', cursor: 17 });
    await settle();
    h.frame();
    expect(h.events.at(-1)).toEqual({
      type: 'completions',
      id: 1,
      candidates: ['namespaces'],
      replaceFrom: 12,
    });
    // Completion asks the apiserver like any client: its requests are trace steps.
    expect(
      h
        .batches()
        .at(-1)
        ?.steps.some((s) => s.from === 'kubectl' && s.summary === 'GET /api'),
    ).toBe(true);
  });
});
