/**
 * Stopping a pod that is being deleted (upstream's SyncTerminatingPod / killPod, then the
 * status manager and housekeeping): every running container gets a `Killing` event and a
 * StopContainer with the pod's grace period (at least 2 s, as killContainer enforces), then
 * the sandbox is stopped (CNI DEL releases the IP), the final status is written and the pod
 * is deleted with grace period 0. Once the API has forgotten the pod, its containers and
 * sandbox are removed from the runtime.
 */
import { containersOf, initContainersOf, latest, type KubeletContext, type PodRecord } from './context';
import { generatePodStatus } from './pod-status';
import { refreshContainer } from './pleg';
import type { StatusManager } from './status-manager';

/** Upstream's minimumGracePeriodInSeconds for killing a container. */
const MINIMUM_GRACE_SECONDS = 2;

/** Kills a pod that is being deleted, writes its last status and deletes it; then cleans up. */
export function terminatePod(
  ctx: KubeletContext,
  statusManager: StatusManager,
  record: PodRecord,
  cause: number | null,
  done: () => void,
): void {
  if (record.killed) {
    if (record.deleted) cleanUp(ctx, record, cause);
    return done();
  }
  const pod = record.pod;
  const grace = Math.max(
    MINIMUM_GRACE_SECONDS,
    pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30,
  );
  const running = [...initContainersOf(pod), ...containersOf(pod)]
    .map((c) => latest(record, c.name))
    .filter((s) => s?.state === 'CONTAINER_RUNNING' || s?.state === 'CONTAINER_CREATED');
  let remaining = running.length;
  let last = cause;
  const afterKill = () => {
    let step = last;
    if (record.sandbox?.state === 'SANDBOX_READY') {
      step = ctx.runtime.stopPodSandbox(record.sandbox.id, step).step;
      record.sandbox = { ...record.sandbox, state: 'SANDBOX_NOTREADY' };
    }
    record.killed = true;
    if (record.deleted) cleanUp(ctx, record, step);
    else {
      statusManager.set(record, generatePodStatus(ctx, record, true), step);
      statusManager.deletePod(record, step);
    }
    done();
  };
  if (remaining === 0) return afterKill();
  for (const s of running) {
    if (s === undefined) continue;
    ctx.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${s.name}`, cause);
    ctx.runtime.stopContainer(s.id, grace, cause, (step) => {
      last = refreshContainer(ctx, record, s.id, step);
      if (--remaining === 0) afterKill();
    });
  }
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
