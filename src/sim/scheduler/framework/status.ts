/**
 * The result of running a plugin (upstream's framework.Status): a code, the reasons a
 * plugin gives, and the plugin that produced it. `null` stands for Success, as a nil
 * status does upstream.
 */

/**
 * What a plugin decided. `Unschedulable` means the pod may fit once something changes (e.g.
 * after preemption); `UnschedulableAndUnresolvable` means preemption would not help; `Skip`
 * tells the framework to skip the plugin's later extension points for this pod; `Pending`
 * means the pod waits for something outside the scheduler.
 */
export type Code =
  'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** A plugin's verdict: a code, reasons (joined by Message()) and the plugin blamed for it. */
export class Status {
  #plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  /** The plugin that returned this status, '' when none is recorded. */
  get plugin(): string {
    return this.#plugin;
  }

  /** Records the plugin that returned this status and returns the status. */
  withPlugin(name: string): this {
    this.#plugin = name;
    return this;
  }

  /** The reasons joined with ", ", as upstream's Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: the pod was turned away. */
  isRejected(): boolean {
    return (
      this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending'
    );
  }

  isSkip(): boolean {
    return this.code === 'Skip';
  }

  static success(): Status {
    return new Status('Success');
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static skip(): Status {
    return new Status('Skip');
  }

  /** An Error status from a thrown value (upstream's AsStatus). */
  static error(err: unknown): Status {
    return new Status('Error', [err instanceof Error ? err.message : String(err)]);
  }
}

/** A plugin's answer: null (Success) or a status. */
export type Result = Status | null | undefined;

/** Whether a result is a success (null counts as one). */
export function isSuccess(result: Result): boolean {
  return result === null || result === undefined || result.isSuccess();
}

/** The status of a result, Success for null. */
export function statusOf(result: Result): Status {
  return result ?? Status.success();
}
