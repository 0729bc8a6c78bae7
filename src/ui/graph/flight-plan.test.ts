import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { FlightPlanner, hopDuration, type PlannedStep } from './flight-plan';

const AS = 'control-plane/kube-apiserver';
const planned = (
  id: number,
  from: string,
  to: string,
  causedBy: number | null = null,
  kind: TraceStep['kind'] = 'request',
): PlannedStep => ({
  step: { id, time: 0, from, to, kind, summary: '', detail: null, causedBy },
  from,
  to,
  part: null,
});

describe('hopDuration', () => {
  it('is slower at low speeds and quicker (but bounded) at high ones', () => {
    const hops = [0.25, 1, 5, 20, 100].map(hopDuration);
    expect(hops).toEqual([...hops].sort((a, b) => b - a));
    expect(hopDuration(0.25)).toBeLessThanOrEqual(1500);
    expect(hopDuration('max')).toBe(220);
    expect(hopDuration(100)).toBeGreaterThanOrEqual(220);
  });
});

describe('FlightPlanner', () => {
  it('starts each step when the step that caused it arrives', () => {
    const planner = new FlightPlanner();
    const { created } = planner.plan(
      [
        planned(1, 'kubectl', AS),
        planned(2, AS, AS, 1, 'decision'),
        planned(3, AS, 'control-plane/etcd', 2, 'storage'),
        planned(4, 'node-1/kubelet', AS),
      ],
      1000,
      500,
    );
    expect(created.map((f) => [f.step, f.start, f.duration])).toEqual([
      [1, 1000, 500],
      [2, 1500, 175],
      [3, 1675, 500],
      [4, 1000, 500],
    ]);
  });

  it('remembers arrivals across batches, and compresses chains that fall too far behind', () => {
    const planner = new FlightPlanner({ cap: 48, maxLagHops: 2, selfFraction: 0.5, bulk: 600 });
    planner.plan([planned(1, 'kubectl', AS)], 0, 100);
    const chain = Array.from({ length: 5 }, (_, i) =>
      planned(i + 2, i % 2 === 0 ? AS : 'kubectl', i % 2 === 0 ? 'kubectl' : AS, i + 1),
    );
    const { created } = planner.plan(chain, 50, 100);
    // The last two are on the same route at the same (compressed) moment: one dot counts both.
    expect(created.map((f) => [f.start, f.count])).toEqual([
      [100, 1],
      [200, 1],
      [250, 2],
      [250, 1],
    ]);
  });

  it('merges steps on the same route at the same moment into one counted dot', () => {
    const planner = new FlightPlanner();
    const fanOut = [1, 2, 3].map((id) => planned(id, AS, 'node-1/kubelet', null, 'watch'));
    const { created, merged } = planner.plan(fanOut, 0, 400);
    expect(created).toHaveLength(1);
    expect(created[0]?.count).toBe(3);
    expect(merged).toEqual([]);
    const later = planner.plan([planned(4, AS, 'node-1/kubelet', null, 'watch')], 50, 400);
    expect(later.created).toEqual([]);
    expect(later.merged.map((f) => f.count)).toEqual([4]);
  });

  it('never has more than `cap` dots in the air: the rest join one', () => {
    const planner = new FlightPlanner({ cap: 4, maxLagHops: 10, selfFraction: 0.35, bulk: 600 });
    const watches = Array.from({ length: 20 }, (_, i) =>
      planned(i + 1, AS, `node-${i + 1}/kubelet`, null, 'watch'),
    );
    const { created } = planner.plan(watches, 0, 400);
    expect(created).toHaveLength(4);
    expect(created.reduce((sum, f) => sum + f.count, 0)).toBe(20);
    expect(planner.inFlight(0)).toBe(4);
    expect(planner.inFlight(10_000)).toBe(0);
  });

  it('groups a huge batch by route without ordering it', () => {
    const planner = new FlightPlanner({ cap: 48, maxLagHops: 10, selfFraction: 0.35, bulk: 10 });
    const steps = Array.from({ length: 1000 }, (_, i) =>
      planned(i + 1, AS, `node-${(i % 3) + 1}/kubelet`, i === 0 ? null : i, 'watch'),
    );
    const { created } = planner.plan(steps, 0, 400);
    expect(created.map((f) => [f.to, f.count, f.start])).toEqual([
      ['node-1/kubelet', 334, 0],
      ['node-2/kubelet', 333, 0],
      ['node-3/kubelet', 333, 0],
    ]);
  });

  it('takes steps already grouped by route, keeping their counts', () => {
    const planner = new FlightPlanner();
    const grouped = { ...planned(1, AS, 'node-1/kubelet', null, 'watch'), count: 40 };
    const { created } = planner.plan([grouped, planned(2, AS, 'node-2/kubelet', null, 'watch')], 0, 400);
    expect(created.map((f) => [f.to, f.count])).toEqual([
      ['node-1/kubelet', 40],
      ['node-2/kubelet', 1],
    ]);
  });
});
