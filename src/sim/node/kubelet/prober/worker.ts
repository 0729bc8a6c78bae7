/**
 * A probe worker (upstream's prober/worker.go): probes one container of one pod with one kind
 * of probe, every `periodSeconds` on the virtual clock, from when the pod is added until the
 * pod is terminal or the worker is stopped. It reads the pod's status as the kubelet last
 * generated it: it waits until the container runs and `initialDelaySeconds` have passed,
 * holds liveness and readiness back until the container has started (its startup probe
 * succeeded), and changes the cached result only after `successThreshold` successes or
 * `failureThreshold` failures in a row. A failed liveness or startup probe puts the worker
 * on hold until the container is replaced. A worker whose kubelet started less than a period
 * ago first waits a random part of a period (from the kernel's seeded RNG), so that probes
 * after a kubelet restart do not all fire at once.
 */
import type { Container, ContainerStatus as ApiContainerStatus, PodStatus } from 'kubernetes-types/core/v1';
import type { Kernel, TimerHandle } from '../../../kernel/kernel';
import type { PodRecord } from '../context';
import type { ProbeType } from './probe';
import { probeOf } from './probe';
import type { ProbeResult, ResultsManager } from './results';

/** Runs one probe (with its retries): Success or Failure, or `errored` when it could not run. */
export type ProbeRunner = (
  record: PodRecord,
  container: Container,
  type: ProbeType,
  containerId: string,
  cause: number | null,
  done: (result: 'Success' | 'Failure', errored: boolean, step: number | null) => void,
) => void;

/** What a worker needs from its probe manager. */
export interface WorkerDeps {
  readonly kernel: Kernel;
  /** The kubelet's id, for the labels of scheduled events. */
  readonly id: string;
  /** Virtual ms when the kubelet started. */
  readonly kubeletStart: number;
  /** The pod's status as the kubelet last generated it (upstream's statusManager.GetPodStatus). */
  readonly status: (uid: string) => PodStatus | undefined;
  readonly run: ProbeRunner;
}

/** The result a probe has before it first runs, by type. */
const INITIAL: Readonly<Record<ProbeType, ProbeResult>> = {
  readiness: 'Failure',
  liveness: 'Success',
  startup: 'Unknown',
};

/** The runtime's container id inside an API containerID (`containerd://<id>`, `cri-o://<id>`). */
export function runtimeId(containerID: string | undefined): string {
  return (containerID ?? '').replace(/^[a-z-]+:\/\//, '');
}

function findStatus(status: PodStatus, name: string): ApiContainerStatus | undefined {
  const regular = status.containerStatuses?.find((c) => c.name === name);
  if (regular?.containerID !== undefined && regular.containerID !== '') return regular;
  const init = status.initContainerStatuses?.find((c) => c.name === name);
  return init?.containerID === undefined || init.containerID === '' ? undefined : init;
}

/** Probes one container with one of its probes until stopped (see the file's comment). */
export class ProbeWorker {
  #containerId = '';
  #lastResult: ProbeResult = 'Success';
  #resultRun = 0;
  #onHold = false;
  #ticker: TimerHandle | null = null;
  #busy = false;
  #queued = false;
  #triggered = false;
  #stopped = false;

  constructor(
    private readonly deps: WorkerDeps,
    readonly record: PodRecord,
    readonly container: Container,
    readonly type: ProbeType,
    private readonly results: ResultsManager,
    private readonly onStop: (worker: ProbeWorker) => void,
  ) {}

  #period(): number {
    return (probeOf(this.container, this.type)?.periodSeconds ?? 10) * 1000;
  }

  /** Starts probing: now, or after a random part of a period if the kubelet just started. */
  start(): void {
    const { kernel, kubeletStart } = this.deps;
    const period = this.#period();
    const jitter = period > kernel.clock.now() - kubeletStart ? Math.floor(kernel.rng.float() * period) : 0;
    kernel.schedule(jitter, this.#label('starts'), () => {
      if (this.#stopped) return;
      this.#tick();
      this.#probe();
    });
  }

  /**
   * Upstream's manual trigger: probes as soon as the caller is done (a trigger already on its
   * way is enough), or right after the probe in flight.
   */
  trigger(): void {
    if (this.#stopped || this.#triggered) return;
    this.#triggered = true;
    this.deps.kernel.schedule(0, this.#label('triggered'), () => {
      this.#triggered = false;
      this.#due();
    });
  }

  /** Stops the worker and forgets its container's result. Safe to call twice. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#ticker !== null) this.deps.kernel.cancel(this.#ticker);
    if (this.#containerId !== '') this.results.remove(this.#containerId);
    this.onStop(this);
  }

  #label(what: string): string {
    const { namespace, name } = this.record.pod.metadata;
    return `${this.deps.id}: ${this.type} probe ${namespace ?? ''}/${name ?? ''}/${this.container.name} ${what}`;
  }

  #tick(): void {
    this.#ticker = this.deps.kernel.schedule(this.#period(), this.#label('tick'), () => {
      this.#tick();
      this.#due();
    });
  }

  /** A probe is due: now, or right after the one in flight. */
  #due(): void {
    if (this.#stopped) return;
    if (this.#busy) this.#queued = true;
    else this.#probe();
  }

  #probe(): void {
    this.#busy = true;
    this.#doProbe((keepGoing) => {
      this.#busy = false;
      if (!keepGoing) return this.stop();
      if (this.#queued && !this.#stopped) {
        this.#queued = false;
        this.#probe();
      }
    });
  }

  /** doProbe: probes once if it is time to, and records the result; `next(false)` ends the worker. */
  #doProbe(next: (keepGoing: boolean) => void): void {
    const { record, container, type, results } = this;
    const status = this.deps.status(record.uid);
    if (status === undefined) return next(true);
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return next(false);
    const c = findStatus(status, container.name);
    if (c === undefined) return next(true);
    const id = runtimeId(c.containerID);
    if (id !== this.#containerId) {
      if (this.#containerId !== '') results.remove(this.#containerId);
      this.#containerId = id;
      results.set(id, INITIAL[type], record, null);
      this.#onHold = false;
    }
    if (this.#onHold) return next(true);
    if (c.state?.running === undefined) {
      results.set(id, 'Failure', record, null);
      return next(c.state?.terminated === undefined || record.pod.spec?.restartPolicy !== 'Never');
    }
    if (record.pod.metadata.deletionTimestamp !== undefined && type !== 'readiness') {
      results.set(id, 'Success', record, null);
      return next(false);
    }
    const probe = probeOf(container, type);
    const startedAt = record.containers.get(container.name)?.find((s) => s.id === id)?.startedAt ?? 0;
    const runningFor = Math.floor((this.deps.kernel.clock.now() - startedAt) / 1000);
    if (runningFor < (probe?.initialDelaySeconds ?? 0)) return next(true);
    if ((c.started === true) === (type === 'startup')) return next(true);
    this.deps.run(record, container, type, id, null, (result, errored, step) => {
      if (errored || this.#stopped || id !== this.#containerId) return next(true);
      if (this.#lastResult === result) this.#resultRun++;
      else {
        this.#lastResult = result;
        this.#resultRun = 1;
      }
      const threshold =
        result === 'Failure' ? (probe?.failureThreshold ?? 3) : (probe?.successThreshold ?? 1);
      if (this.#resultRun < threshold) return next(true);
      results.set(id, result, record, step);
      if (type !== 'readiness' && result === 'Failure') {
        this.#onHold = true;
        this.#resultRun = 0;
      }
      next(true);
    });
  }
}
