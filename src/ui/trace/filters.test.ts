import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { DEFAULT_FILTERS, isNarrowed, journeySteps, stepMatches, type StepFilters } from './filters';
import { JourneyIndex } from './journeys';

const step = (id: number, over: Partial<TraceStep> = {}): TraceStep => ({
  id,
  time: 0,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'POST /api/v1/namespaces/default/pods',
  detail: null,
  causedBy: null,
  ...over,
});
const cardOf = (id: string) => id.replace(/\/runc$/, '/container-runtime');
const filters = (over: Partial<StepFilters>): StepFilters => ({ ...DEFAULT_FILTERS, ...over });

describe('stepMatches', () => {
  it.each([
    ['the defaults show a request', DEFAULT_FILTERS, step(1), false, true],
    ['the defaults hide periodic work', DEFAULT_FILTERS, step(1), true, false],
    ['the switch shows it again', filters({ hidePeriodic: false }), step(1), true, true],
    ['a kind filter', filters({ kinds: new Set(['storage'] as const) }), step(1), false, false],
    ['a component, by either end', filters({ card: 'kubectl' }), step(1), false, true],
    [
      'a component, by the card an endpoint animates on',
      filters({ card: 'node-1/container-runtime' }),
      step(1, { from: 'node-1/container-runtime', to: 'node-1/runc', kind: 'runtime' }),
      false,
      true,
    ],
    ['another component', filters({ card: 'control-plane/etcd' }), step(1), false, false],
    ['a search in the summary, any case', filters({ search: 'NAMESPACES/default' }), step(1), false, true],
    ['a search in an endpoint', filters({ search: 'kube-apiserver' }), step(1), false, true],
    ['a search that finds nothing', filters({ search: 'etcd' }), step(1), false, false],
  ] as const)('%s', (_, f, s, periodic, shown) => {
    expect(stepMatches(s, periodic, f, cardOf)).toBe(shown);
  });

  it('knows when the view is narrowed', () => {
    expect(isNarrowed(DEFAULT_FILTERS)).toBe(false);
    expect(isNarrowed(filters({ hidePeriodic: false }))).toBe(false);
    expect(isNarrowed(filters({ search: 'x' }))).toBe(true);
  });
});

describe('journeySteps', () => {
  const index = new JourneyIndex();
  const steps = [
    step(1, { summary: 'GET /api' }),
    step(2, { summary: 'POST /apis/apps/v1/namespaces/default/deployments' }),
    step(3, { kind: 'storage', causedBy: 2, summary: 'PUT /registry/deployments/default/web (rev 3)' }),
  ];
  const command = { key: 'cmd:1', line: 'kubectl create deployment web' };
  for (const s of steps) index.add(s, false, s.causedBy === null ? command : null);
  const journey = index.get('cmd:1')!;
  const of = (id: number) => steps[id - 1];

  it('lists the journey’s steps that pass the filters', () => {
    expect(journeySteps(journey, of, () => false, DEFAULT_FILTERS, cardOf).map((s) => s.id)).toEqual([
      1, 2, 3,
    ]);
    expect(
      journeySteps(journey, of, () => false, filters({ search: 'registry' }), cardOf).map((s) => s.id),
    ).toEqual([3]);
  });

  it('lists them all when the search matches the command line', () => {
    expect(
      journeySteps(journey, of, () => false, filters({ search: 'create deployment' }), cardOf),
    ).toHaveLength(3);
  });

  it('hides a periodic journey unless asked', () => {
    const periodic = new JourneyIndex();
    periodic.add(
      step(1, {
        from: 'node-1/kubelet',
        summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
      }),
      true,
    );
    const lease = periodic.newestFirst()[0]!;
    expect(journeySteps(lease, of, () => true, DEFAULT_FILTERS, cardOf)).toEqual([]);
    expect(
      journeySteps(
        lease,
        () => step(1),
        () => true,
        filters({ hidePeriodic: false }),
        cardOf,
      ),
    ).toHaveLength(1);
  });
});
