import type { Status } from '../types';

/** The HTTP codes a patch engine can answer with. */
export type PatchErrorStatus = 400 | 413 | 422 | 500;

/** The message kube-apiserver puts in a generic 422 (`errors.NewGenericServerResponse`). */
export const GENERIC_INVALID_MESSAGE = 'the server rejected our request due to an error in our request';

/** What kube-apiserver answers, as plain text, when a handler panics. */
export const PANIC_MESSAGE = 'This request caused apiserver to panic. Look in the logs for details.';

/**
 * A patch that kube-apiserver would refuse. `message`, `status` and `reason` are what the
 * apiserver puts in its `Status` answer; `detail` keeps the underlying error text where the
 * apiserver drops it (a failed JSON patch answers only with a generic 422 message), so the
 * simulation can still explain what went wrong.
 */
export class PatchError extends Error {
  /** HTTP status code of the answer. */
  readonly status: PatchErrorStatus;
  /** `Status.reason`: `BadRequest`, `Invalid`, `RequestEntityTooLarge`, or '' (unknown). */
  readonly reason: string;
  /** The underlying error text, when the apiserver's message hides it. */
  readonly detail: string | undefined;

  constructor(status: PatchErrorStatus, message: string, reason = '', detail?: string) {
    super(message);
    this.name = 'PatchError';
    this.status = status;
    this.reason = reason;
    this.detail = detail;
  }

  /** `errors.NewBadRequest(message)`: 400. */
  static badRequest(message: string): PatchError {
    return new PatchError(400, message, 'BadRequest');
  }

  /** `NewGenericServerResponse(422, ...)`: the message is generic, the cause goes to `detail`. */
  static invalid(detail: string): PatchError {
    return new PatchError(422, GENERIC_INVALID_MESSAGE, 'Invalid', detail);
  }

  /** `errors.NewRequestEntityTooLargeError(message)`: 413. */
  static tooLarge(message: string): PatchError {
    return new PatchError(413, `Request entity too large: ${message}`, 'RequestEntityTooLarge');
  }

  /** A plain Go error that reached the handler: 500 with the error text and no reason. */
  static internal(message: string): PatchError {
    return new PatchError(500, message);
  }

  /**
   * A Go runtime panic in upstream's code. The apiserver answers 500 with a fixed plain-text
   * body; `detail` says which panic it was.
   */
  static panic(detail: string): PatchError {
    return new PatchError(500, PANIC_MESSAGE, '', detail);
  }

  /** The `Status` object kube-apiserver would send for this error. */
  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      ...(this.reason !== '' ? { reason: this.reason } : {}),
      ...(this.status === 422 ? { details: {} } : {}),
      code: this.status,
    };
  }
}
