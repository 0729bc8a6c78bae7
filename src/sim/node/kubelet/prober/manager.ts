/**
 * The kubelet's probe manager (upstream's prober_manager.go): one worker per probe of every
 * container and sidecar (restartable init container) of the pods the kubelet runs, three
 * results caches (liveness, readiness, startup), and what those results mean for the pod's
 * status: a container is `started` once it runs and its startup probe (if any) succeeded,
 * and `ready` once it started and its readiness probe (if any) last succeeded. A readiness
 * probe that has not run yet is run at once when the status is generated. Readiness and
 * startup changes, and liveness failures, make the pod sync.
 */
import type { Container, ContainerStatus as ApiContainerStatus, PodStatus } from 'kubernetes-types/core/v1';
import { containersOf, initContainersOf, type KubeletContext, type PodRecord } from '../context';
import { probeContainer, probeOf, type ProbeType } from './probe';
import { ResultsManager } from './results';
import { ProbeWorker, runtimeId, type ProbeRunner, type WorkerDeps } from './worker';

const TYPES: readonly ProbeType[] = ['startup', 'readiness', 'liveness'];

/** A sidecar: an init container with `restartPolicy: Always`. */
export function isRestartable(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/** The probe workers of every pod on the node and their results (see the file's comment). */
export class ProbeManager {
  readonly liveness: ResultsManager;
  readonly readiness: ResultsManager;
  readonly startup: ResultsManager;
  readonly #workers = new Map<string, ProbeWorker>();
  readonly #deps: WorkerDeps;

  constructor(
    ctx: KubeletContext,
    status: (uid: string) => PodStatus | undefined,
    run: ProbeRunner = (record, container, type, id, cause, done) =>
      probeContainer(ctx, record, container, type, id, cause, done),
  ) {
    this.readiness = new ResultsManager((u) => ctx.requestSync(u.record, u.step));
    this.startup = new ResultsManager((u) => ctx.requestSync(u.record, u.step));
    this.liveness = new ResultsManager((u) => {
      if (u.result === 'Failure') ctx.requestSync(u.record, u.step);
    });
    this.#deps = { kernel: ctx.kernel, id: ctx.id, kubeletStart: ctx.kernel.clock.now(), status, run };
  }

  #results(type: ProbeType): ResultsManager {
    return type === 'liveness' ? this.liveness : type === 'readiness' ? this.readiness : this.startup;
  }

  #key(record: PodRecord, name: string, type: ProbeType): string {
    return `${record.uid}/${name}/${type}`;
  }

  /** AddPod: starts a worker for every probe of the pod's containers and sidecars that has none. */
  addPod(record: PodRecord): void {
    const probed = [...containersOf(record.pod), ...initContainersOf(record.pod).filter(isRestartable)];
    for (const container of probed) {
      for (const type of TYPES) {
        const key = this.#key(record, container.name, type);
        if (probeOf(container, type) === undefined || this.#workers.has(key)) continue;
        const worker = new ProbeWorker(this.#deps, record, container, type, this.#results(type), (w) => {
          if (this.#workers.get(key) === w) this.#workers.delete(key);
        });
        this.#workers.set(key, worker);
        worker.start();
      }
    }
  }

  /** StopLivenessAndStartup: a terminating pod's containers are no longer restarted by probes. */
  stopLivenessAndStartup(record: PodRecord): void {
    this.#stopWhere(record, (type) => type !== 'readiness');
  }

  /** RemovePod: stops every worker of the pod. */
  removePod(record: PodRecord): void {
    this.#stopWhere(record, () => true);
  }

  #stopWhere(record: PodRecord, which: (type: ProbeType) => boolean): void {
    for (const worker of [...this.#workers.values()]) {
      if (worker.record.uid === record.uid && which(worker.type)) worker.stop();
    }
  }

  #isStarted(record: PodRecord, status: ApiContainerStatus): boolean {
    if (status.state?.running === undefined) return false;
    const result = this.startup.get(runtimeId(status.containerID));
    if (result !== undefined) return result === 'Success';
    return !this.#workers.has(this.#key(record, status.name, 'startup'));
  }

  #isReady(record: PodRecord, status: ApiContainerStatus): boolean {
    if (status.state?.running === undefined) return false;
    if (this.readiness.get(runtimeId(status.containerID)) === 'Success') return true;
    const worker = this.#workers.get(this.#key(record, status.name, 'readiness'));
    worker?.trigger();
    return worker === undefined;
  }

  /**
   * UpdatePodStatus: sets `started` and `ready` of the containers and sidecars in a status
   * being generated (other init containers are ready once they exited with 0).
   */
  updatePodStatus(record: PodRecord, status: PodStatus): void {
    for (const c of status.containerStatuses ?? []) {
      const started = this.#isStarted(record, c);
      Object.assign(c, { started, ready: started && this.#isReady(record, c) });
    }
    const specs = initContainersOf(record.pod);
    for (const c of status.initContainerStatuses ?? []) {
      const spec = specs.find((s) => s.name === c.name);
      const started = this.#isStarted(record, c);
      if (spec === undefined || !isRestartable(spec)) {
        Object.assign(c, { started, ready: c.state?.terminated?.exitCode === 0 });
        continue;
      }
      Object.assign(c, { started, ready: started && this.#isReady(record, c) });
    }
  }
}
