/**
 * A probe results manager (upstream's prober/results): the latest result of one kind of
 * probe per container id, and an update for every change, which the kubelet's sync loop
 * acts on (a readiness change rewrites the pod's status, a liveness failure restarts the
 * container).
 */
import type { PodRecord } from '../context';

/** A probe's cached result. Unknown is a startup probe's value before its first result. */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** A changed result: which container, of which pod, is now what. */
export interface ResultUpdate {
  readonly containerId: string;
  readonly result: ProbeResult;
  readonly record: PodRecord;
  /** The trace step the result came from. */
  readonly step: number | null;
}

/** The cached results of one kind of probe, by container id. */
export class ResultsManager {
  readonly #results = new Map<string, ProbeResult>();

  constructor(private readonly onUpdate: (update: ResultUpdate) => void) {}

  /** The cached result of a container, if it has one. */
  get(containerId: string): ProbeResult | undefined {
    return this.#results.get(containerId);
  }

  /** Caches a result; reports it when it differs from the one before. */
  set(containerId: string, result: ProbeResult, record: PodRecord, step: number | null): void {
    if (this.#results.get(containerId) === result) return;
    this.#results.set(containerId, result);
    this.onUpdate({ containerId, result, record, step });
  }

  /** Forgets a container's result. */
  remove(containerId: string): void {
    this.#results.delete(containerId);
  }
}
