/**
 * The embedding API's messages (version 1): what a page that embeds the lab in an iframe
 * may ask of it through `postMessage`, and what the lab tells that page. Every message is a
 * plain object `{ source: 'kubelab', version: 1, type, ... }`. The README's "Embed" section
 * documents them for course authors; this file is the contract.
 */

/** Marks a message as the lab's API, beside whatever else a page posts. */
export const SOURCE = 'kubelab';

/** The API version this lab speaks. */
export const VERSION = 1;

/** The longest command line a page may ask the lab to run. */
export const MAX_COMMAND_LENGTH = 4096;

/** The highest step number a page may ask for (steps count from 1, as `?step=` does). */
export const MAX_STEP = 1000;

/** A lesson id as lesson folders are named: `02-apply-journey`. */
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Control characters (newlines included): a command is one line, typed as it is shown. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What the embedding page may ask of the lab. */
export type ParentRequest =
  /** Opens lesson `lesson` at step `step` (counted from 1; the first when absent). */
  | { readonly type: 'load-lesson'; readonly lesson: string; readonly step?: number }
  /** Types `command` at the terminal's prompt and runs it (a kubectl line, as a student would). */
  | { readonly type: 'run'; readonly command: string }
  /** Rebuilds the open lesson's cluster at the step shown, or a fresh cluster when none is open. */
  | { readonly type: 'reset' };

/** What the lab tells the embedding page. */
export type LabEvent =
  /** The lab is up (its cluster, the lesson the link asked for, the terminal) and takes requests. */
  | { readonly type: 'ready' }
  /** A lesson is set up, or the student moved to another step: `step` counts from 1. */
  | {
      readonly type: 'step';
      readonly lesson: string;
      readonly step: number;
      readonly steps: number;
      readonly title: string;
    }
  /** A task of the open lesson is done (once per task each time the lesson is opened). */
  | {
      readonly type: 'task-completed';
      readonly lesson: string;
      readonly task: string;
      readonly title: string;
    }
  /**
   * The student finished the open lesson: every task it checks is done, and with the tasks
   * done before (kept in the browser) the whole lesson is (once each time it is opened).
   */
  | { readonly type: 'lesson-completed'; readonly lesson: string }
  /** A request failed or was malformed, or a lesson could not be set up. */
  | { readonly type: 'error'; readonly message: string };

/** A message as posted: the event with the API's envelope. */
export type Envelope<T> = T & { readonly source: typeof SOURCE; readonly version: typeof VERSION };

/** Wraps a lab event in the API's envelope. */
export function envelope(event: LabEvent): Envelope<LabEvent> {
  return { source: SOURCE, version: VERSION, ...event };
}

/** What reading a posted message found. */
export type Parsed =
  /** Not meant for the lab (no `source: 'kubelab'`): other scripts post messages too. */
  | { readonly kind: 'foreign' }
  /** Meant for the lab but malformed: `error` says what is wrong, for the page's author. */
  | { readonly kind: 'invalid'; readonly error: string }
  | { readonly kind: 'request'; readonly request: ParentRequest };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields each request may carry besides the envelope; anything else is a mistake. */
const FIELDS: Readonly<Record<ParentRequest['type'], readonly string[]>> = {
  'load-lesson': ['lesson', 'step'],
  run: ['command'],
  reset: [],
};

const isRequestType = (type: unknown): type is ParentRequest['type'] =>
  typeof type === 'string' && Object.hasOwn(FIELDS, type);

/** Reads a request's own fields, once its type and fields are known good. */
function readRequest(type: ParentRequest['type'], data: Record<string, unknown>): ParentRequest | string {
  switch (type) {
    case 'load-lesson': {
      const { lesson, step } = data;
      if (typeof lesson !== 'string' || !LESSON_ID.test(lesson))
        return 'load-lesson needs a lesson id such as "01-tour"';
      if (step === undefined) return { type, lesson };
      if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step > MAX_STEP)
        return `load-lesson's step counts from 1 and is at most ${MAX_STEP}`;
      return { type, lesson, step };
    }
    case 'run': {
      const { command } = data;
      if (typeof command !== 'string' || command.trim() === '' || command.length > MAX_COMMAND_LENGTH)
        return `run needs a command of 1 to ${MAX_COMMAND_LENGTH} characters`;
      if (CONTROL.test(command)) return 'run takes one line: the command has a control character';
      return { type, command };
    }
    case 'reset':
      return { type };
  }
}

/**
 * Reads a posted message (structured-cloned `event.data`) against the schema: the envelope,
 * a known type, exactly its fields, their types and lengths. Where the message came from is
 * checked separately (config.ts).
 */
export function parseRequest(data: unknown): Parsed {
  if (!isRecord(data) || data.source !== SOURCE) return { kind: 'foreign' };
  if (data.version !== VERSION)
    return {
      kind: 'invalid',
      error: `this lab speaks version ${VERSION} of the API, not ${String(data.version)}`,
    };
  const { type } = data;
  if (!isRequestType(type))
    return { kind: 'invalid', error: `unknown request type; use one of ${Object.keys(FIELDS).join(', ')}` };
  const allowed = ['source', 'version', 'type', ...FIELDS[type]];
  const extra = Object.keys(data).filter((key) => !allowed.includes(key));
  if (extra.length > 0) {
    const takes = FIELDS[type].length === 0 ? 'no fields' : `only ${FIELDS[type].join(' and ')}`;
    return { kind: 'invalid', error: `${type} takes ${takes} besides source, version and type` };
  }
  const request = readRequest(type, data);
  return typeof request === 'string' ? { kind: 'invalid', error: request } : { kind: 'request', request };
}
