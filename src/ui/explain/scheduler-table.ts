/**
 * The per-node table of one scheduling decision: for every node the scheduler looked at,
 * whether it passed the filters (or which plugin rejected it and why), each Score plugin's
 * raw and normalized score, and the weighted total. Built from the detail kube-scheduler
 * records on its `schedule <pod>` decision step.
 */
import type { Json, TraceStep } from '../../sim/kernel/trace';

/** One node's row. */
export interface SchedulerRow {
  readonly node: string;
  readonly verdict: 'chosen' | 'feasible' | 'filtered';
  /** The Filter plugin that rejected the node and its message, for filtered nodes. */
  readonly rejected: { readonly plugin: string; readonly message: string } | null;
  /** Per Score plugin: raw and normalized (0-100) score, for feasible nodes. */
  readonly scores: Readonly<Record<string, { readonly raw: number; readonly normalized: number }>>;
  readonly total: number | null;
}

/** A scheduling decision as a table. */
export interface SchedulerTable {
  readonly pod: string;
  readonly chosen: string | null;
  /** The Score plugins that ran, in the order of their first appearance. */
  readonly plugins: readonly string[];
  /**
   * Each Score plugin's weight, when the totals agree with kube-scheduler's default weights
   * (the step does not record weights); null otherwise.
   */
  readonly weights: Readonly<Record<string, number>> | null;
  /** Chosen first, then feasible by total, then filtered by name. */
  readonly rows: readonly SchedulerRow[];
  readonly feasible: number | null;
  readonly evaluated: number | null;
  /** The failure message, when no node fit. */
  readonly message: string | null;
  readonly nominatedNode: string | null;
}

/** kube-scheduler's default plugin weights (the default profile's multipliers). */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
  VolumeBinding: 1,
};

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);
const num = (v: Json | undefined): number | null => (typeof v === 'number' ? v : null);

/** The table of a scheduler decision step, or null if `step` is not one. */
export function schedulerTable(step: TraceStep): SchedulerTable | null {
  const d = step.detail;
  if (step.kind !== 'decision' || !isObject(d) || typeof d.pod !== 'string' || !isObject(d.filtered))
    return null;
  const filtered = d.filtered;
  const rejectedBy = isObject(d.rejectedBy) ? d.rejectedBy : {};
  const scores = isObject(d.scores) ? d.scores : {};
  const totals = isObject(d.totals) ? d.totals : {};
  const chosen = str(d.chosen);
  const plugins: string[] = [];
  const rows: SchedulerRow[] = [];
  for (const [node, perPlugin] of Object.entries(scores)) {
    const cells: Record<string, { raw: number; normalized: number }> = {};
    if (isObject(perPlugin)) {
      for (const [plugin, pair] of Object.entries(perPlugin)) {
        if (!Array.isArray(pair)) continue;
        if (!plugins.includes(plugin)) plugins.push(plugin);
        cells[plugin] = { raw: num(pair[0]) ?? 0, normalized: num(pair[1]) ?? 0 };
      }
    }
    rows.push({
      node,
      verdict: node === chosen ? 'chosen' : 'feasible',
      rejected: null,
      scores: cells,
      total: num(totals[node]),
    });
  }
  // A pod that fit on the only node it was checked against has no scores (scoring is skipped).
  if (chosen !== null && !rows.some((r) => r.node === chosen))
    rows.push({ node: chosen, verdict: 'chosen', rejected: null, scores: {}, total: null });
  for (const [node, message] of Object.entries(filtered)) {
    rows.push({
      node,
      verdict: 'filtered',
      rejected: { plugin: str(rejectedBy[node]) ?? '', message: str(message) ?? '' },
      scores: {},
      total: null,
    });
  }
  const rank = { chosen: 0, feasible: 1, filtered: 2 } as const;
  rows.sort(
    (a, b) =>
      rank[a.verdict] - rank[b.verdict] ||
      (b.total ?? 0) - (a.total ?? 0) ||
      a.node.localeCompare(b.node, 'en', { numeric: true }),
  );
  return {
    pod: d.pod,
    chosen,
    plugins,
    weights: inferWeights(rows, plugins),
    rows,
    feasible: num(d.feasible),
    evaluated: num(d.evaluated),
    message: str(d.message),
    nominatedNode: str(d.nominatedNodeName),
  };
}

/** The default weights, if every scored row's total is its weighted sum under them. */
function inferWeights(
  rows: readonly SchedulerRow[],
  plugins: readonly string[],
): Record<string, number> | null {
  if (plugins.some((p) => DEFAULT_WEIGHTS[p] === undefined)) return null;
  const scored = rows.filter((r) => r.total !== null && Object.keys(r.scores).length > 0);
  if (scored.length === 0) return null;
  const consistent = scored.every(
    (r) =>
      Object.entries(r.scores).reduce((sum, [p, s]) => sum + s.normalized * (DEFAULT_WEIGHTS[p] ?? 0), 0) ===
      r.total,
  );
  return consistent ? Object.fromEntries(plugins.map((p) => [p, DEFAULT_WEIGHTS[p]!])) : null;
}

/** Short column names for the Score plugins. */
export const PLUGIN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  TaintToleration: 'Taint',
  NodeAffinity: 'Affinity',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'PodAff.',
  NodeResourcesFit: 'Fit',
  NodeResourcesBalancedAllocation: 'Balance',
  ImageLocality: 'Image',
  VolumeBinding: 'Volume',
};
