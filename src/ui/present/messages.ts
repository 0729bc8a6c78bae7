/**
 * What the presenter window tells the audience windows over a BroadcastChannel: the
 * simulation's events, relayed as they happen (the audience shows the presenter's own
 * cluster, so the two cannot drift apart), and the walkthrough's narration. An audience
 * window that opens late says hello and gets the story so far. Every message received is
 * checked, shape and types; anything else on the channel is ignored.
 */
import type { HostEvent } from '../../worker/protocol';
import { parseRelayedEvent } from './relayed-events';

/**
 * The channel a presentation uses: one per lesson (`kubelab-present:02-apply-journey`), so
 * two presentations of different lessons in one browser do not mix; `lab` without one.
 */
export function presentChannelName(lessonId: string | null): string {
  return `kubelab-present:${lessonId ?? 'lab'}`;
}

/** Version of these messages: a window ignores another version's. */
export const PRESENT_VERSION = 1;

/** The longest narration relayed (UTF-16 units); lessons write a sentence or two. */
export const MAX_SAY_LENGTH = 5_000;

/** What the audience shows of the walkthrough. */
export interface Narration {
  readonly lessonTitle: string;
  readonly stepTitle: string;
  /** 1-based, with the lesson's number of steps. */
  readonly step: number;
  readonly steps: number;
  /** The narration on screen (markdown), or null between cues. */
  readonly say: string | null;
  /** The trace step under review (the cue's, or one stepped to), highlighted in the graph and timeline. */
  readonly stepId: number | null;
}

/**
 * A message on the channel. Events and narrations go to every audience window, or, with
 * `to`, only to the one that said hello with that id (its catch-up).
 */
export type PresentMessage =
  /** A simulation event, as the presenter's host sent it. */
  | { readonly v: 1; readonly kind: 'event'; readonly event: HostEvent; readonly to?: string }
  | { readonly v: 1; readonly kind: 'narration'; readonly narration: Narration; readonly to?: string }
  /** Audience window `from` opened: the presenter answers it with the story so far. */
  | { readonly v: 1; readonly kind: 'hello'; readonly from: string };

/** The longest window id in a hello. */
const MAX_ID_LENGTH = 100;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A narration, if `value` is a well-formed one. */
function narration(value: unknown): Narration | null {
  if (!isRecord(value)) return null;
  const { lessonTitle, stepTitle, step, steps, say, stepId } = value;
  const text = (s: unknown, max: number): s is string => typeof s === 'string' && s.length <= max;
  const count = (n: unknown): n is number =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 10_000;
  if (!text(lessonTitle, 200) || !text(stepTitle, 200) || !count(step) || !count(steps)) return null;
  if (say !== null && !text(say, MAX_SAY_LENGTH)) return null;
  if (stepId !== null && !(Number.isSafeInteger(stepId) && (stepId as number) > 0)) return null;
  return { lessonTitle, stepTitle, step, steps, say, stepId: stepId as number | null };
}

/** `data` as a presentation message, or null if it is not one (see relayed-events.ts for events). */
export function parsePresentMessage(data: unknown): PresentMessage | null {
  if (!isRecord(data) || data.v !== PRESENT_VERSION) return null;
  const id = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= MAX_ID_LENGTH;
  const { to } = data;
  if (to !== undefined && !id(to)) return null;
  const addressed = to === undefined ? {} : { to };
  switch (data.kind) {
    case 'hello':
      return id(data.from) ? { v: 1, kind: 'hello', from: data.from } : null;
    case 'narration': {
      const n = narration(data.narration);
      return n === null ? null : { v: 1, kind: 'narration', narration: n, ...addressed };
    }
    case 'event': {
      const event = parseRelayedEvent(data.event);
      return event === null ? null : { v: 1, kind: 'event', event, ...addressed };
    }
    default:
      return null;
  }
}
