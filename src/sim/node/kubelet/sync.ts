/**
 * SyncPod for a pod that should be running (upstream's kubelet.SyncPod and the runtime
 * manager's computePodActions / SyncPod): write the status as it is now, make sure the pod
 * has a sandbox (RunPodSandbox, which calls CNI ADD for its IP), then start what should run:
 * the next init container, or once they all succeeded, every container that was never
 * started or that the restart policy restarts, each after its restart back-off. Starting a
 * container is EnsureImageExists, CreateContainer, StartContainer. A pod that reached
 * Succeeded or Failed has its sandbox stopped and is left alone.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ContainerStatus } from '../cri/types';
import { containersOf, initContainersOf, latest, type KubeletContext, type PodRecord } from './context';
import { formatPod, goDuration } from './format';
import type { ImageManager } from './image-manager';
import { linuxResources } from './linux-resources';
import { generatePodStatus, shouldRestart } from './pod-status';
import type { StatusManager } from './status-manager';
import { terminatePod } from './terminate';

/** Called when a sync ends; `failed` asks for a retry after the pod workers' back-off. */
export type SyncDone = (failed: boolean) => void;

export class PodSyncer {
  constructor(
    private readonly ctx: KubeletContext,
    private readonly images: ImageManager,
    private readonly status: StatusManager,
  ) {}

  /** One sync of one pod; `done` is called once, possibly later (image pulls, stops). */
  sync(record: PodRecord, cause: number | null, done: SyncDone): void {
    const { ctx } = this;
    if (record.deleted || record.pod.metadata.deletionTimestamp !== undefined) {
      return terminatePod(ctx, this.status, record, cause, () => done(false));
    }
    if (record.terminal) return done(false);
    record.startTime ??= record.apiStatus.startTime ?? ctx.kernel.clock.timestamp();
    const status = generatePodStatus(ctx, record, false);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      record.terminal = true;
      if (record.sandbox?.state === 'SANDBOX_READY') {
        const stopped = ctx.runtime.stopPodSandbox(record.sandbox.id, cause);
        record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
        cause = stopped.step;
      }
      this.status.set(record, generatePodStatus(ctx, record, false), cause);
      return done(false);
    }
    this.status.set(record, status, cause);
    let step = cause;
    if (record.sandbox === null) {
      const pod = record.pod;
      const sandbox = ctx.runtime.runPodSandbox(
        {
          name: pod.metadata.name ?? '',
          namespace: pod.metadata.namespace ?? 'default',
          uid: record.uid,
          attempt: 0,
          hostNetwork: pod.spec?.hostNetwork === true,
        },
        cause,
      );
      record.sandbox = sandbox.value;
      step = sandbox.step;
    }
    const { start, failed } = this.#actions(record, step);
    this.#startAll(record, start, step, failed, done);
  }

  /** computePodActions: which containers to start now; `failed` if one waits out a back-off. */
  #actions(record: PodRecord, cause: number | null): { start: Container[]; failed: boolean } {
    const pod = record.pod;
    for (const c of initContainersOf(pod)) {
      const s = latest(record, c.name);
      if (s?.state === 'CONTAINER_EXITED' && s.exitCode === 0) continue;
      if (s === undefined) return { start: [c], failed: false };
      if (!shouldRestart(pod, s, true)) return { start: [], failed: false };
      return this.#inBackOff(record, c, s, cause)
        ? { start: [], failed: true }
        : { start: [c], failed: false };
    }
    const start: Container[] = [];
    let failed = false;
    for (const c of containersOf(pod)) {
      const s = latest(record, c.name);
      if (s !== undefined && !shouldRestart(pod, s, false)) continue;
      if (s?.state === 'CONTAINER_EXITED' && this.#inBackOff(record, c, s, cause)) failed = true;
      else start.push(c);
    }
    return { start, failed };
  }

  /** doBackOff: whether an exited container must wait before its restart (CrashLoopBackOff). */
  #inBackOff(record: PodRecord, c: Container, s: ContainerStatus, cause: number | null): boolean {
    const { crashBackoff, recorder } = this.ctx;
    const pod = record.pod;
    const key = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}_${record.uid}_${c.name}`;
    if (!crashBackoff.isInBackOffSince(key, s.finishedAt)) {
      crashBackoff.next(key, s.finishedAt);
      return false;
    }
    const who = formatPod(pod);
    recorder.event(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${who}`,
      cause,
    );
    record.failures.set(c.name, {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(crashBackoff.get(key))} restarting failed container=${c.name} pod=${who}`,
    });
    return true;
  }

  #startAll(
    record: PodRecord,
    containers: Container[],
    cause: number | null,
    failed: boolean,
    done: SyncDone,
  ): void {
    const [next, ...rest] = containers;
    if (next === undefined) return done(failed);
    this.#start(record, next, cause, (ok) => this.#startAll(record, rest, cause, failed || !ok, done));
  }

  /** startContainer: image, then CreateContainer and StartContainer, with their events. */
  #start(record: PodRecord, c: Container, cause: number | null, next: (ok: boolean) => void): void {
    const { runtime, recorder } = this.ctx;
    this.images.ensureImage(record, c, cause, (image) => {
      const pod = record.pod;
      const sandbox = record.sandbox;
      if (record.deleted || pod.metadata.deletionTimestamp !== undefined || sandbox === null)
        return next(true);
      if (!image.ok) {
        record.failures.set(c.name, { reason: image.reason, message: image.message });
        recorder.event(pod, 'Warning', 'Failed', `Error: ${image.reason}`, image.step);
        return next(false);
      }
      const previous = latest(record, c.name);
      try {
        const created = runtime.createContainer(
          sandbox.id,
          {
            name: c.name,
            image: c.image ?? '',
            command: c.command ?? [],
            args: c.args ?? [],
            attempt: previous === undefined ? 0 : previous.attempt + 1,
            env: Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? ''])),
            linux: linuxResources(c),
          },
          image.step,
        );
        recorder.event(pod, 'Normal', 'Created', `Created container ${c.name}`, created.step);
        const started = runtime.startContainer(created.value, created.step);
        recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, started.step);
        record.failures.delete(c.name);
        next(true);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        record.failures.set(c.name, { reason: 'CreateContainerError', message });
        recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, cause);
        next(false);
      }
    });
  }
}
