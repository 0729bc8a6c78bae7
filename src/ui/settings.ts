import type { ClusterOptions } from '../sim/cluster';
import { parseThemeChoice, type ThemeChoice } from './theme/choice';

/** What the page's URL asks for: `?seed=42&nodes=5&host=in-process&theme=light`. */
export interface LabSettings {
  readonly cluster: ClusterOptions;
  /** Force the in-process host (no Web Worker), e.g. for debugging. */
  readonly inProcess: boolean;
  /** The colour theme the link asks for (a course page matching its own), else null. */
  readonly theme: ThemeChoice | null;
}

export const DEFAULT_SEED = 1;

/** How many worker nodes `?nodes=` may ask for (the simulation runs up to 100). */
export const MAX_NODES = 100;

/**
 * Reads the lab's settings from a query string. Values that are not usable fall back to
 * the defaults, so a mistyped link still opens a working lab.
 */
export function readSettings(search: string): LabSettings {
  const params = new URLSearchParams(search);
  const seed = Number(params.get('seed'));
  const nodes = Number(params.get('nodes') ?? NaN);
  return {
    cluster: {
      seed: params.has('seed') && Number.isSafeInteger(seed) ? seed : DEFAULT_SEED,
      ...(Number.isInteger(nodes) && nodes >= 1 && nodes <= MAX_NODES ? { workerNodes: nodes } : {}),
    },
    inProcess: params.get('host') === 'in-process',
    theme: parseThemeChoice(params.get('theme')),
  };
}
