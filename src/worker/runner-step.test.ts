import { describe, expect, it } from 'vitest';
import { createCluster, type ClusterOptions } from '../sim/cluster';
import type { HostEvent, StepUntil } from './protocol';
import { parseCommand } from './protocol';
import { SimulationRunner } from './runner';

/**
 * A quiet cluster whose kernel runs: an event that records nothing, a kubelet lease renewal
 * (periodic), then a kubectl request, each a second apart.
 */
function scripted(options: ClusterOptions) {
  const cluster = createCluster({
    ...options,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  const { kernel } = cluster;
  kernel.schedule(1000, 'silent', () => {});
  kernel.schedule(2000, 'lease', () =>
    kernel.trace.emit({
      from: 'node-1/kubelet',
      to: 'control-plane/kube-apiserver',
      kind: 'request',
      summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
    }),
  );
  kernel.schedule(3000, 'create', () =>
    kernel.trace.emit({
      from: 'kubectl',
      to: 'control-plane/kube-apiserver',
      kind: 'request',
      summary: 'POST /api/v1/namespaces/default/pods',
    }),
  );
  return cluster;
}

/** Steps once with `until` and returns the clock and the summaries of what it recorded. */
function stepOnce(until?: StepUntil) {
  let frames: (() => void)[] = [];
  const events: HostEvent[] = [];
  const runner = new SimulationRunner(
    { now: () => 0, requestFrame: (cb) => frames.push(cb), emit: (e) => events.push(e) },
    scripted,
  );
  runner.handle({ type: 'reset', options: { seed: 1 } });
  runner.handle(until === undefined ? { type: 'step' } : { type: 'step', until });
  const due = frames;
  frames = [];
  for (const cb of due) cb();
  const batch = events.find((e) => e.type === 'batch');
  if (batch?.type !== 'batch') throw new Error('no batch');
  return {
    time: batch.clock.time,
    playing: batch.clock.playing,
    summaries: batch.steps.map((s) => s.summary.split(' ')[0]),
  };
}

describe('step', () => {
  it.each([
    [undefined, 1000, []],
    ['event', 1000, []],
    ['trace', 2000, ['PUT']],
    ['shown', 3000, ['PUT', 'POST']],
    [{ match: { from: '^kubectl$' } }, 3000, ['PUT', 'POST']],
    [{ match: { summary: 'leases' } }, 2000, ['PUT']],
  ] as const)('until %j runs to %i ms and records %j', (until, time, summaries) => {
    expect(stepOnce(until)).toEqual({ time, playing: false, summaries });
  });

  it('accepts only the known modes', () => {
    expect(parseCommand({ type: 'step', until: 'shown' })).toEqual({ type: 'step', until: 'shown' });
    expect(parseCommand({ type: 'step', until: 'forever' })).toEqual({
      error: 'step until must be event, trace, shown or {match}; got "forever"',
    });
    expect(parseCommand({ type: 'step', until: { match: { from: 'kubectl' } } })).toEqual({
      type: 'step',
      until: { match: { from: 'kubectl' } },
    });
    expect(parseCommand({ type: 'step', until: { match: { from: '(' } } })).toMatchObject({
      error: expect.stringMatching(/^step until match\.from: Invalid regular expression/),
    });
  });
});
