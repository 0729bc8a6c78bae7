/**
 * SyncPod for a pod that should be running (upstream's kubelet.SyncPod and the runtime
 * manager's SyncPod): keep a static pod's mirror pod in the API, write the status as it is
 * now, wait while the runtime's network is not ready (unless the pod uses the host's), wait
 * for the pod's volumes to be attached and mounted (volumemanager/), make sure the
 * pod's probes run, make sure the pod has a sandbox (RunPodSandbox with its hostname and DNS
 * settings, which calls CNI ADD for its IP), then do what computePodActions (actions.ts)
 * asks: kill the containers a probe failed, one after the other, then start the init
 * containers and sidecars, then the main containers, each after its restart back-off.
 * Starting a container is EnsureImageExists, generating its config (env and mounts; a
 * missing ConfigMap or Secret is CreateContainerConfigError), CreateContainer, StartContainer
 * and its postStart hook, which the container must get through before the next one starts.
 * When nothing is left to run, the remaining sidecars and the sandbox are stopped; a pod that
 * reached Succeeded or Failed has its sandbox stopped and its volumes unmounted.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { computePodActions } from './actions';
import type { Admission } from './admission';
import type { MirrorClient } from './config/mirror';
import type { ContainerConfigs, GeneratedConfig } from './container-config';
import { latest, type KubeletContext, type PodRecord } from './context';
import { ContainerConfigError } from './env';
import { formatPod, goDuration } from './format';
import type { ImageManager } from './image-manager';
import { killContainer, type KillRequest } from './lifecycle/kill';
import { runHandler } from './lifecycle/handlers';
import { linuxResources } from './linux-resources';
import { refreshContainer } from './pleg';
import { generatePodStatus } from './pod-status';
import type { ProbeManager } from './prober/manager';
import { createSandbox, networkNotReady } from './sandbox';
import type { StatusManager } from './status-manager';
import type { VolumeManager } from './volumemanager';
import { killRunningContainers, terminatePod } from './terminate';

/** How long after admission a rejected pod's Failed status is written. */
const REJECTION_REPORT_MS = 1_000;

/** Called when a sync ends; `failed` asks for a retry after the pod workers' back-off. */
export type SyncDone = (failed: boolean) => void;

export class PodSyncer {
  constructor(
    private readonly ctx: KubeletContext,
    private readonly images: ImageManager,
    private readonly status: StatusManager,
    private readonly probes: ProbeManager,
    private readonly mirrors: MirrorClient,
    private readonly volumes: VolumeManager,
    private readonly configs: ContainerConfigs,
    /** The kubelet's verdict on a pod it has not run yet (admission.ts). */
    private readonly admission: (record: PodRecord) => Admission,
  ) {}

  /** HandlePodAdditions' canAdmitPod, then rejectPod: a rejected pod fails without running. */
  #admit(record: PodRecord, cause: number | null): boolean {
    const verdict = this.admission(record);
    if (verdict.admit) {
      record.admitted = true;
      return true;
    }
    record.terminal = true;
    const { ctx } = this;
    // The rejection is reported after a beat of virtual time: a controller that replaces the
    // failed pod with one the kubelet rejects again (a template bound by hand to a full node)
    // then loops at the pace a real cluster does, instead of forever within one instant.
    ctx.kernel.schedule(REJECTION_REPORT_MS, `${ctx.id}: reject pod ${formatPod(record.pod)}`, () => {
      ctx.recorder.event(record.pod, 'Warning', verdict.reason, verdict.message, cause);
      const scheduled = (record.apiStatus.conditions ?? []).filter((c) => c.type === 'PodScheduled');
      this.status.set(
        record,
        {
          phase: 'Failed',
          reason: verdict.reason,
          message: `Pod was rejected: ${verdict.message}`,
          ...(scheduled.length === 0 ? {} : { conditions: scheduled }),
          ...(record.apiStatus.qosClass === undefined ? {} : { qosClass: record.apiStatus.qosClass }),
        },
        cause,
      );
    });
    return false;
  }

  /**
   * The eviction manager's killPodFunc: stops every container at once (no grace period),
   * tears the sandbox down and fails the pod with reason Evicted and a DisruptionTarget
   * condition (TerminationByKubelet), as the kubelet does.
   */
  #evict(record: PodRecord, message: string, cause: number | null, done: SyncDone): void {
    const { ctx, probes } = this;
    record.terminal = true;
    probes.removePod(record);
    ctx.recorder.event(record.pod, 'Warning', 'Evicted', message, cause);
    killRunningContainers(ctx, record, 0, cause, (last) => {
      let step = last ?? cause;
      if (record.sandbox?.state === 'SANDBOX_READY') {
        step = ctx.runtime.stopPodSandbox(record.sandbox.id, step).step;
        record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
      }
      step = this.volumes.unmountPod(record.uid, step);
      const status = generatePodStatus(ctx, probes, record, false);
      const now = ctx.kernel.clock.timestamp();
      const disruption = {
        type: 'DisruptionTarget',
        status: 'True',
        lastTransitionTime: now,
        reason: 'TerminationByKubelet',
        message,
      };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      this.status.set(
        record,
        { ...status, phase: 'Failed', reason: 'Evicted', message, conditions: [disruption, ...conditions] },
        step,
      );
      done(false);
    });
  }

  /** One sync of one pod; `done` is called once, possibly later (image pulls, hooks, stops). */
  sync(record: PodRecord, cause: number | null, done: SyncDone): void {
    const { ctx, probes } = this;
    if (record.deleted || record.pod.metadata.deletionTimestamp !== undefined) {
      return terminatePod(ctx, this.status, probes, record, cause, this.volumes, () => done(false));
    }
    if (record.evicted !== undefined && !record.terminal)
      return this.#evict(record, record.evicted, cause, done);
    if (record.terminal) return done(false);
    if (!record.admitted && !this.#admit(record, cause)) return done(false);
    record.startTime ??= record.apiStatus.startTime ?? ctx.kernel.clock.timestamp();
    const status = generatePodStatus(ctx, probes, record, false);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      record.terminal = true;
      probes.removePod(record);
      if (record.sandbox?.state === 'SANDBOX_READY') {
        const stopped = ctx.runtime.stopPodSandbox(record.sandbox.id, cause);
        record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
        cause = stopped.step;
      }
      cause = this.volumes.unmountPod(record.uid, cause);
      this.status.set(record, generatePodStatus(ctx, probes, record, false), cause);
      return done(false);
    }
    if (record.isStatic) this.mirrors.ensure(record, cause);
    this.status.set(record, status, cause);
    if (networkNotReady(ctx, record, cause)) return done(true);
    const mounted = this.volumes.waitForAttachAndMount(record, cause);
    if (!mounted.ready) {
      if (mounted.error !== undefined)
        ctx.recorder.event(
          record.pod,
          'Warning',
          'FailedMount',
          `Unable to attach or mount volumes: ${mounted.error}`,
          cause,
        );
      return done(mounted.error !== undefined);
    }
    probes.addPod(record);
    let step = cause;
    if (record.sandbox === null) {
      const created = createSandbox(ctx, record, cause);
      if (created === null) return done(true);
      step = created;
    }
    if (record.sandbox === null) return done(true);
    // Only a pod with nothing left to run has its sandbox stopped (below); it is terminal next.
    if (record.sandbox.state !== 'SANDBOX_READY') return done(false);
    const actions = computePodActions(record, probes);
    if (actions.killPod) {
      return killRunningContainers(ctx, record, null, step, (last) => {
        if (record.sandbox?.state === 'SANDBOX_READY') {
          ctx.runtime.stopPodSandbox(record.sandbox.id, last);
          record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
        }
        done(false);
      });
    }
    this.#killAll(record, actions.kill, step, (killed) => {
      const inits = actions.initStart.map((c) => ({ c, abort: c.restartPolicy !== 'Always' }));
      const mains = actions.start.map((c) => ({ c, abort: false }));
      this.#startAll(record, [...inits, ...mains], killed, false, done);
    });
  }

  /** Kills the containers one after the other, as SyncPod does. */
  #killAll(
    record: PodRecord,
    kills: readonly KillRequest[],
    cause: number | null,
    next: (step: number | null) => void,
  ): void {
    const [first, ...rest] = kills;
    if (first === undefined) return next(cause);
    killContainer(this.ctx, record, first, cause, (step) => this.#killAll(record, rest, step, next));
  }

  /** doBackOff: whether the container's last exit was too recent to restart it (CrashLoopBackOff). */
  #inBackOff(record: PodRecord, c: Container, cause: number | null): boolean {
    const s = record.containers.get(c.name)?.find((x) => x.state === 'CONTAINER_EXITED');
    if (s === undefined) return false;
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

  /** Starts the containers in order; an init container that does not start stops the rest. */
  #startAll(
    record: PodRecord,
    containers: readonly { readonly c: Container; readonly abort: boolean }[],
    cause: number | null,
    failed: boolean,
    done: SyncDone,
  ): void {
    const [next, ...rest] = containers;
    if (next === undefined) return done(failed);
    const after = (ok: boolean) =>
      ok || !next.abort ? this.#startAll(record, rest, cause, failed || !ok, done) : done(true);
    if (this.#inBackOff(record, next.c, cause)) return after(false);
    this.#start(record, next.c, cause, after);
  }

  /** startContainer: image, CreateContainer and StartContainer with their events, then postStart. */
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
      let id: string;
      let step: number;
      let config: GeneratedConfig;
      try {
        config = this.configs.generate(record, c, image.step);
      } catch (error) {
        if (!(error instanceof ContainerConfigError)) throw error;
        record.failures.set(c.name, { reason: 'CreateContainerConfigError', message: error.message });
        recorder.event(pod, 'Warning', 'Failed', `Error: ${error.message}`, image.step);
        return next(false);
      }
      try {
        const created = runtime.createContainer(
          sandbox.id,
          {
            name: c.name,
            image: c.image ?? '',
            command: config.command,
            args: config.args,
            attempt: previous === undefined ? 0 : previous.attempt + 1,
            env: config.env,
            mounts: config.mounts,
            linux: linuxResources(c),
          },
          image.step,
        );
        recorder.event(pod, 'Normal', 'Created', `Created container ${c.name}`, created.step);
        id = created.value;
        step = runtime.startContainer(id, created.step).step;
        recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, step);
        record.failures.delete(c.name);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        record.failures.set(c.name, { reason: 'CreateContainerError', message });
        recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, cause);
        return next(false);
      }
      const postStart = c.lifecycle?.postStart;
      if (postStart === undefined) return next(true);
      runHandler(this.ctx, record, c, id, postStart, step, (hook) => {
        if (hook.message === null) return next(true);
        recorder.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', hook.step);
        const statusStep = refreshContainer(this.ctx, record, id, hook.step);
        const status = latest(record, c.name);
        const failure = { reason: 'PostStartHookError', message: hook.message };
        if (status === undefined) return next(false);
        const kill: KillRequest = {
          container: c,
          status,
          message: 'FailedPostStartHook',
          reason: 'FailedPostStartHook',
          gracePeriodOverride: null,
          ordering: null,
        };
        killContainer(this.ctx, record, kill, statusStep, () => {
          record.failures.set(c.name, failure);
          next(false);
        });
      });
    });
  }
}
