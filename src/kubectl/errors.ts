/**
 * kubectl's errors and how it prints them (cmdutil.CheckErr): API failures as
 * `Error from server (NotFound): pods "x" not found`, configuration problems as
 * `Error in configuration: ...`, everything else as `error: ...`, and several errors one
 * per line. Commands throw these; the dispatcher prints them and exits 1.
 */
import type { Status } from '../sim/apiserver/types';
import { ConnectionError } from './client/transport';

/** A request the server answered with a failure `Status`. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
  get code(): number {
    return this.status.code ?? 0;
  }
}

/** A kubeconfig that cannot be used as asked (a missing context). */
export class ConfigError extends Error {}

/**
 * A usage mistake, printed with a pointer to the command's help:
 * `<message>\nSee 'kubectl get -h' for help and examples`.
 */
export class UsageError extends Error {
  constructor(commandPath: string, message: string) {
    super(`${message}\nSee '${commandPath} -h' for help and examples`);
  }
}

/** Ends the command with exit code 1 and prints nothing more (kubectl's ErrExit). */
export class ExitError extends Error {
  constructor(readonly code = 1) {
    super('exit');
  }
}

/**
 * An error kubectl prints exactly as its message, without `error: ` (as CheckErr prints
 * a RESTMapper's no-match errors: `the server doesn't have a resource type "foo"`).
 */
export class PlainError extends Error {}

/** Whether `error` is a StatusError with the given reason (`NotFound`...). */
export function hasReason(error: unknown, reason: string): error is StatusError {
  return error instanceof StatusError && error.reason === reason;
}

/** The message kubectl recognises a known error by, or undefined (StandardErrorMessage). */
function standardMessage(error: unknown): string | undefined {
  if (error instanceof StatusError) {
    if (error.reason === 'Unauthorized')
      return `error: You must be logged in to the server (${error.message})`;
    if (error.reason !== '') return `Error from server (${error.reason}): ${error.message}`;
    return `Error from server: ${error.message}`;
  }
  if (error instanceof ConnectionError) return error.message;
  return undefined;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** One error's line in a list of several (messageForError). */
function messageForError(error: unknown): string {
  return standardMessage(error) ?? messageOf(error);
}

/** The errors inside an AggregateError, nested ones flattened. */
function flatten(error: unknown): unknown[] {
  return error instanceof AggregateError ? error.errors.flatMap(flatten) : [error];
}

/** `The Pod "x" is invalid: ...` for a 422 Invalid Status. */
function invalidMessage(status: Status): string {
  const details = status.details;
  let text = 'The request is invalid';
  if (details === undefined) return status.message ? `${text}: ${status.message}` : text;
  if ((details.kind ?? '') !== '' || (details.name ?? '') !== '')
    text = `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid`;
  else if (status.message && (details.causes ?? []).length === 0) text += `: ${status.message}`;
  const seen = new Set<string>();
  const causes = (details.causes ?? [])
    .map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)
    .filter((c) => !seen.has(c) && seen.add(c));
  if (causes.length === 0) return text;
  if (causes.length === 1) return `${text}: ${causes[0]}\n`;
  return `${text}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/**
 * The text kubectl prints to stderr for an error that ends a command (ending in a newline,
 * or empty for ExitError), as cmdutil.CheckErr formats it.
 */
export function formatError(error: unknown): string {
  let err = error;
  if (err instanceof AggregateError && err.errors.length === 1) err = err.errors[0];
  let text: string;
  if (err instanceof ExitError) return '';
  if (err instanceof PlainError) return err.message.endsWith('\n') ? err.message : `${err.message}\n`;
  if (err instanceof StatusError && err.reason === 'Invalid') text = invalidMessage(err.status);
  else if (err instanceof ConfigError) text = `Error in configuration: ${err.message}`;
  else if (err instanceof AggregateError)
    text = flatten(err)
      .map((e) => `${messageForError(e)}\n`)
      .join('');
  else {
    text = standardMessage(err) ?? messageOf(err);
    if (standardMessage(err) === undefined && !text.startsWith('error: ')) text = `error: ${text}`;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
