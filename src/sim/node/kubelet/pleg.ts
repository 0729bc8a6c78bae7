/**
 * The pod lifecycle event generator, event-driven (upstream's Evented PLEG): the kubelet
 * follows the runtime's container event stream, asks the runtime for the status of the
 * container an event is about, keeps it in the pod's cache, and syncs the pod.
 */
import type { ContainerStatus } from '../cri/types';
import type { KubeletContext, PodRecord } from './context';

/** Keeps a container's newest status in the pod's cache (the current and the previous attempt). */
export function upsert(record: PodRecord, status: ContainerStatus): void {
  const history = record.containers.get(status.name) ?? [];
  const others = history.filter((s) => s.id !== status.id);
  record.containers.set(status.name, [status, ...others].sort((a, b) => b.attempt - a.attempt).slice(0, 2));
}

/** ContainerStatus for one container, kept in the pod's cache; returns the call's step. */
export function refreshContainer(
  ctx: KubeletContext,
  record: PodRecord,
  id: string,
  cause: number | null,
): number {
  const status = ctx.runtime.containerStatus(id, cause);
  if (status.value !== null) upsert(record, status.value);
  return status.step;
}

/** Subscribes to the runtime's events; `records` finds the pod a sandbox belongs to. */
export function startPleg(ctx: KubeletContext, records: () => Iterable<PodRecord>): void {
  ctx.runtime.getContainerEvents((event, step) => {
    let record: PodRecord | undefined;
    for (const r of records()) if (r.sandbox?.id === event.sandboxId) record = r;
    if (record === undefined) return;
    const known = [...record.containers.values()].flat().find((s) => s.id === event.containerId);
    const alreadyKnown =
      event.containerId === event.sandboxId ||
      (event.type === 'CONTAINER_STOPPED_EVENT' && known?.state === 'CONTAINER_EXITED');
    const cause = alreadyKnown ? step : refreshContainer(ctx, record, event.containerId, step);
    ctx.requestSync(record, cause);
  });
}
