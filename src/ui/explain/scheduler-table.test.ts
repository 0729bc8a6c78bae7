import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/cluster';
import type { Json, TraceStep } from '../../sim/kernel/trace';
import { schedulerTable } from './scheduler-table';

const decision = (
  detail: Json,
  summary = 'schedule default/web-1: node-2 (2/3 nodes feasible)',
): TraceStep => ({
  id: 1,
  time: 0,
  from: 'control-plane/kube-scheduler',
  to: 'control-plane/kube-scheduler',
  kind: 'decision',
  summary,
  detail,
  causedBy: null,
});

describe('schedulerTable', () => {
  it('lists every node: the chosen one, the feasible ones by score, then the filtered ones with their reason', () => {
    const table = schedulerTable(
      decision({
        pod: 'default/web-1',
        filtered: {
          'control-plane': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        },
        rejectedBy: { 'control-plane': 'TaintToleration' },
        scores: {
          'node-1': { TaintToleration: [0, 100], NodeResourcesFit: [82, 82], ImageLocality: [0, 0] },
          'node-2': { TaintToleration: [0, 100], NodeResourcesFit: [86, 86], ImageLocality: [0, 0] },
        },
        totals: { 'node-1': 382, 'node-2': 386 },
        chosen: 'node-2',
        feasible: 2,
        evaluated: 3,
      }),
    );
    expect(table).toMatchObject({
      pod: 'default/web-1',
      chosen: 'node-2',
      plugins: ['TaintToleration', 'NodeResourcesFit', 'ImageLocality'],
      weights: { TaintToleration: 3, NodeResourcesFit: 1, ImageLocality: 1 },
      feasible: 2,
      evaluated: 3,
      message: null,
    });
    expect(table?.rows.map((r) => [r.node, r.verdict, r.total, r.rejected?.plugin ?? null])).toEqual([
      ['node-2', 'chosen', 386, null],
      ['node-1', 'feasible', 382, null],
      ['control-plane', 'filtered', null, 'TaintToleration'],
    ]);
    expect(table?.rows[1]?.scores.NodeResourcesFit).toEqual({ raw: 82, normalized: 82 });
  });

  it('shows an unschedulable pod’s reasons, and no weights when the totals do not add up', () => {
    const table = schedulerTable(
      decision(
        {
          pod: 'default/huge',
          filtered: { 'node-1': 'Insufficient cpu', 'node-2': 'Insufficient cpu' },
          rejectedBy: { 'node-1': 'NodeResourcesFit', 'node-2': 'NodeResourcesFit' },
          scores: {},
          totals: {},
          chosen: null,
          message: '0/2 nodes are available: 2 Insufficient cpu.',
        },
        'schedule default/huge: 0/2 nodes are available: 2 Insufficient cpu.',
      ),
    );
    expect(table?.rows.map((r) => r.verdict)).toEqual(['filtered', 'filtered']);
    expect(table?.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    expect(table?.weights).toBeNull();
  });

  it('is null for other steps', () => {
    expect(schedulerTable(decision(null))).toBeNull();
    expect(schedulerTable({ ...decision({ pod: 'x', filtered: {} }), kind: 'request' })).toBeNull();
  });

  it('reads what the real scheduler records, whose totals match the default weights', () => {
    const cluster = createCluster({ seed: 2, workerNodes: 3 });
    const steps: TraceStep[] = [];
    cluster.kernel.trace.subscribe((s) => steps.push(s));
    cluster.kernel.runUntil(30_000);
    const tables = steps.map(schedulerTable).filter((t) => t !== null && t.plugins.length > 0);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table!.weights).not.toBeNull();
      expect(table!.rows[0]?.verdict).toBe('chosen');
    }
    const unschedulable = steps.map(schedulerTable).find((t) => t !== null && t.chosen === null);
    expect(unschedulable?.rows.every((r) => r.verdict === 'filtered' && r.rejected!.message !== '')).toBe(
      true,
    );
  });
});
