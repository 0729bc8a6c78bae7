/**
 * Running the Score extension point (upstream's RunScorePlugins): each plugin scores every
 * node, NormalizeScore rescales its scores, and each is multiplied by the plugin's weight.
 */
import type { CycleState } from './cycle-state';
import type { NodeScore, Plugin } from './interface';
import type { NodeInfo } from './node-info';
import { Status, statusOf } from './status';
import { MAX_NODE_SCORE, MIN_NODE_SCORE, type Pod } from './types';

/** One plugin's score for a node: raw, after NormalizeScore, and times the plugin's weight. */
export interface PluginScore {
  readonly plugin: string;
  readonly raw: number;
  readonly normalized: number;
  readonly weighted: number;
}

/** A node's scores from every Score plugin, and their weighted total. */
export interface NodePluginScores {
  readonly name: string;
  readonly scores: readonly PluginScore[];
  readonly total: number;
}

function attempt<T>(run: () => T): T | Status {
  try {
    return run();
  } catch (error) {
    return Status.error(error);
  }
}

/** Scores `nodes` with `plugins` (those not skipped this cycle), in plugin order. */
export function runScorePlugins(
  plugins: readonly Plugin[],
  weight: (plugin: string) => number,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
): NodePluginScores[] | Status {
  const raw = new Map<string, number[]>();
  const normalized = new Map<string, number[]>();
  for (const pl of plugins) {
    const scores: NodeScore[] = [];
    for (const node of nodes) {
      const s = attempt(() => pl.score?.(state, pod, node) ?? 0);
      if (s instanceof Status)
        return new Status('Error', [`running Score plugin "${pl.name}": ${s.message()}`]);
      scores.push({ name: node.name, score: s });
    }
    raw.set(
      pl.name,
      scores.map((s) => s.score),
    );
    if (pl.normalizeScore !== undefined) {
      const s = statusOf(attempt(() => pl.normalizeScore?.(state, pod, scores)));
      if (!s.isSuccess()) return new Status('Error', [`running Normalize on Score plugins: ${s.message()}`]);
    }
    normalized.set(
      pl.name,
      scores.map((s) => s.score),
    );
  }
  const out: NodePluginScores[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const scores: PluginScore[] = [];
    let total = 0;
    for (const pl of plugins) {
      const n = normalized.get(pl.name)?.[i] ?? 0;
      if (n > MAX_NODE_SCORE || n < MIN_NODE_SCORE) {
        return new Status('Error', [
          `plugin "${pl.name}" returns an invalid score ${n}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        ]);
      }
      const weighted = n * weight(pl.name);
      scores.push({ plugin: pl.name, raw: raw.get(pl.name)?.[i] ?? 0, normalized: n, weighted });
      total += weighted;
    }
    out.push({ name: nodes[i]?.name ?? '', scores, total });
  }
  return out;
}
