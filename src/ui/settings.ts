import type { ClusterOptions } from '../sim/cluster';
import { parseThemeChoice, type ThemeChoice } from './theme/choice';

/** The parts of the lab a link (or an embedding page) can show; all of them by default. */
export const PANELS = ['graph', 'terminal', 'editor', 'lesson', 'steps', 'inspect', 'faults'] as const;
export type Panel = (typeof PANELS)[number];

/** Which window of an instructor's presentation this page is (see src/ui/present/). */
export type PresentRole = 'presenter' | 'audience';

/**
 * What the page's URL asks for: `?seed=42&nodes=5&host=in-process&theme=light`, and for
 * lessons, presenting and embedding `?lesson=02-apply-journey&step=3&present=presenter
 * &panels=graph,terminal,lesson&readonly=1`.
 */
export interface LabSettings {
  readonly cluster: ClusterOptions;
  /** Force the in-process host (no Web Worker), e.g. for debugging. */
  readonly inProcess: boolean;
  /** The colour theme the link asks for (a course page matching its own), else null. */
  readonly theme: ThemeChoice | null;
  /** The lesson to open and its step (0-based; `step=` in the URL counts from 1), else null. */
  readonly lesson: { readonly id: string; readonly step: number } | null;
  /** Which presentation window this is, else null (the ordinary lab). */
  readonly present: PresentRole | null;
  /** The panels to show, in no particular order. */
  readonly panels: readonly Panel[];
  /** Read-only: the lab can be watched and stepped, but takes no commands or edits. */
  readonly readOnly: boolean;
}

export const DEFAULT_SEED = 1;

/** How many worker nodes `?nodes=` may ask for (the simulation runs up to 100). */
export const MAX_NODES = 100;

/** A lesson id as lesson folders are named: `02-apply-journey`. */
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function lesson(params: URLSearchParams): LabSettings['lesson'] {
  const id = params.get('lesson');
  if (id === null || !LESSON_ID.test(id)) return null;
  const step = Number(params.get('step') ?? '1');
  return { id, step: Number.isInteger(step) && step >= 1 && step <= 1000 ? step - 1 : 0 };
}

function panels(params: URLSearchParams): readonly Panel[] {
  const asked = params.get('panels');
  if (asked === null) return PANELS;
  const chosen = PANELS.filter((p) => asked.split(',').includes(p));
  return chosen.length === 0 ? PANELS : chosen;
}

/**
 * Reads the lab's settings from a query string. Values that are not usable fall back to
 * the defaults, so a mistyped link still opens a working lab.
 */
export function readSettings(search: string): LabSettings {
  const params = new URLSearchParams(search);
  const seed = Number(params.get('seed'));
  const nodes = Number(params.get('nodes') ?? NaN);
  const present = params.get('present');
  const readOnly = params.get('readonly');
  return {
    cluster: {
      seed: params.has('seed') && Number.isSafeInteger(seed) ? seed : DEFAULT_SEED,
      ...(Number.isInteger(nodes) && nodes >= 1 && nodes <= MAX_NODES ? { workerNodes: nodes } : {}),
    },
    inProcess: params.get('host') === 'in-process',
    theme: parseThemeChoice(params.get('theme')),
    lesson: lesson(params),
    present: present === 'presenter' || present === 'audience' ? present : null,
    panels: panels(params),
    readOnly: readOnly === '1' || readOnly === 'true',
  };
}
