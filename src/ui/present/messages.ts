/**
 * What the presenter window tells the audience windows over a BroadcastChannel: the
 * simulation's events, relayed as they happen (the audience shows the presenter's own
 * cluster, so the two cannot drift apart), and the walkthrough's narration. An audience
 * window that opens late says hello and gets the story so far. Every message received is
 * checked; anything else on the channel is ignored.
 */
import type { HostEvent } from '../../worker/protocol';

/** The channel presenter and audience share (one presentation per browser profile). */
export const PRESENT_CHANNEL = 'kubelab-present';

/** Version of these messages: a window ignores another version's. */
export const PRESENT_VERSION = 1;

/** What the audience shows of the walkthrough. */
export interface Narration {
  readonly lessonTitle: string;
  readonly stepTitle: string;
  /** 1-based, with the lesson's number of steps. */
  readonly step: number;
  readonly steps: number;
  /** The narration on screen (markdown), or null between cues. */
  readonly say: string | null;
  /** The trace step the narration is about, highlighted in the graph and timeline. */
  readonly stepId: number | null;
}

export type PresentMessage =
  /** A simulation event, as the presenter's host sent it. */
  | { readonly v: 1; readonly kind: 'event'; readonly event: HostEvent }
  | { readonly v: 1; readonly kind: 'narration'; readonly narration: Narration }
  /** An audience window opened: the presenter answers with the events so far. */
  | { readonly v: 1; readonly kind: 'hello' };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const HOST_EVENTS = new Set(['init', 'batch', 'nodes', 'rewound', 'checks', 'error']);

/** A narration, if `value` is a well-formed one. */
function narration(value: unknown): Narration | null {
  if (!isRecord(value)) return null;
  const { lessonTitle, stepTitle, step, steps, say, stepId } = value;
  const text = (s: unknown, max: number) => typeof s === 'string' && s.length <= max;
  const count = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 10_000;
  if (!text(lessonTitle, 200) || !text(stepTitle, 200) || !count(step) || !count(steps)) return null;
  if (say !== null && !text(say, 5_000)) return null;
  if (stepId !== null && !(Number.isSafeInteger(stepId) && (stepId as number) > 0)) return null;
  return value as unknown as Narration;
}

/**
 * `data` as a presentation message, or null if it is not one. Relayed events are only those
 * the audience's views use (the cluster's shape, its steps, node health, errors), each
 * checked for its type; the rest of their shape is the protocol's own, from the same page.
 */
export function parsePresentMessage(data: unknown): PresentMessage | null {
  if (!isRecord(data) || data.v !== PRESENT_VERSION) return null;
  switch (data.kind) {
    case 'hello':
      return { v: 1, kind: 'hello' };
    case 'narration': {
      const n = narration(data.narration);
      return n === null ? null : { v: 1, kind: 'narration', narration: n };
    }
    case 'event': {
      const event = data.event;
      if (!isRecord(event) || typeof event.type !== 'string' || !HOST_EVENTS.has(event.type)) return null;
      return { v: 1, kind: 'event', event: event as unknown as HostEvent };
    }
    default:
      return null;
  }
}
