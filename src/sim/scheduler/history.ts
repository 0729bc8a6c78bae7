/**
 * The outcomes of kube-scheduler's last scheduling cycles, newest last: what its log
 * (`Successfully bound pod to node`, `Unable to schedule pod; no fit; waiting`) would show, kept
 * for read-only views. Recording is plain bookkeeping: no trace step, no randomness.
 */

/** One scheduling cycle's outcome. */
export interface CycleRecord {
  /** The queue's scheduling cycle number. */
  readonly cycle: number;
  /** `namespace/name` */
  readonly pod: string;
  /** Virtual ms when the cycle ran. */
  readonly time: number;
  /** The node chosen, or null when the pod did not fit (or the cycle failed). */
  readonly node: string | null;
  /** The FailedScheduling message, or null when a node was chosen. */
  readonly message: string | null;
  /** Feasible and evaluated node counts of a successful cycle (`2/3 nodes feasible`). */
  readonly feasible: number | null;
  readonly evaluated: number | null;
  /** The decision's trace step, to jump to it. */
  readonly step: number;
}

/** How many cycles are kept. */
export const HISTORY_LENGTH = 50;

/** A bounded list of the last cycles' outcomes. */
export class SchedulingHistory {
  readonly #records: CycleRecord[] = [];

  constructor(private readonly limit = HISTORY_LENGTH) {}

  /** Adds a cycle's outcome, dropping the oldest beyond the limit. */
  record(entry: CycleRecord): void {
    this.#records.push(entry);
    if (this.#records.length > this.limit) this.#records.splice(0, this.#records.length - this.limit);
  }

  /** The kept cycles, oldest first. */
  list(): readonly CycleRecord[] {
    return [...this.#records];
  }
}
