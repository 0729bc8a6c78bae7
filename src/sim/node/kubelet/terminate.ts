/**
 * Stopping a pod that is being deleted (upstream's SyncTerminatingPod / killPod, then the
 * status manager and housekeeping): liveness and startup probes stop, every running container
 * is killed (lifecycle/kill.ts: `Killing` event, preStop hook, StopContainer) within the pod's
 * grace period, sidecars after the main containers and in reverse order, then the sandbox is
 * stopped (CNI DEL releases the IP), the readiness probes stop, its volumes are unmounted,
 * the final status is written and the pod is deleted with grace period 0. Once the API has forgotten the pod, its
 * containers and sandbox are removed from the runtime.
 */
import { containersOf, initContainersOf, latest, type KubeletContext, type PodRecord } from './context';
import { killContainer } from './lifecycle/kill';
import { TerminationOrdering } from './lifecycle/termination-order';
import { generatePodStatus } from './pod-status';
import type { ProbeManager } from './prober/manager';
import type { StatusManager } from './status-manager';
import type { VolumeManager } from './volumemanager';

/**
 * killPodWithSyncResult's containers: kills every running container of the pod at once,
 * sidecars in their termination order; `done` gets the last step once all have stopped.
 * `gracePeriodOverride` replaces each container's own grace period.
 */
export function killRunningContainers(
  ctx: KubeletContext,
  record: PodRecord,
  gracePeriodOverride: number | null,
  cause: number | null,
  done: (step: number | null) => void,
): void {
  const pod = record.pod;
  const running = [...initContainersOf(pod), ...containersOf(pod)].flatMap((container) => {
    const status = latest(record, container.name);
    const alive = status?.state === 'CONTAINER_RUNNING' || status?.state === 'CONTAINER_CREATED';
    return status !== undefined && alive ? [{ container, status }] : [];
  });
  if (running.length === 0) return done(cause);
  const ordering = initContainersOf(pod).some((c) => c.restartPolicy === 'Always')
    ? new TerminationOrdering(
        ctx.kernel,
        pod,
        running.map((r) => r.container.name),
      )
    : null;
  let remaining = running.length;
  let last = cause;
  for (const { container, status } of running) {
    const request = {
      container,
      status,
      message: '',
      reason: 'Unknown' as const,
      gracePeriodOverride,
      ordering,
    };
    killContainer(ctx, record, request, cause, (step) => {
      last = step;
      if (--remaining === 0) done(last);
    });
  }
}

/** Kills a pod that is being deleted, writes its last status and deletes it; then cleans up. */
export function terminatePod(
  ctx: KubeletContext,
  statusManager: StatusManager,
  probes: ProbeManager,
  record: PodRecord,
  cause: number | null,
  volumes: VolumeManager,
  done: () => void,
): void {
  if (record.killed) {
    if (record.deleted) cleanUp(ctx, record, cause);
    return done();
  }
  const pod = record.pod;
  probes.stopLivenessAndStartup(record);
  const grace = Math.max(
    1,
    pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30,
  );
  killRunningContainers(ctx, record, grace, cause, (step) => {
    if (record.sandbox?.state === 'SANDBOX_READY') {
      step = ctx.runtime.stopPodSandbox(record.sandbox.id, step).step;
      record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
    }
    probes.removePod(record);
    record.killed = true;
    step = volumes.unmountPod(record.uid, step);
    if (record.deleted) cleanUp(ctx, record, step);
    else {
      statusManager.set(record, generatePodStatus(ctx, probes, record, true), step);
      statusManager.deletePod(record, step);
    }
    done();
  });
}

/** Housekeeping for a pod the API no longer has: remove its containers and its sandbox. */
function cleanUp(ctx: KubeletContext, record: PodRecord, cause: number | null): void {
  const sandbox = record.sandbox;
  if (sandbox === null) return;
  record.sandbox = null;
  for (const history of record.containers.values()) {
    for (const s of history) ctx.runtime.removeContainer(s.id, cause);
  }
  record.containers.clear();
  ctx.runtime.removePodSandbox(sandbox.id, cause);
}
