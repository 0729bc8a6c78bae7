/**
 * The scheduler's handlers for storage objects (part of upstream's addAllEventHandlers): when
 * a plugin registered for claims, volumes or StorageClasses, the scheduler watches them and
 * every add or update is a cluster event that may move pods those plugins turned away (a
 * claim got bound, a volume was created, a class appeared).
 */
import type { ResourceInfo } from '../apiserver/resources';
import { PVCS, PVS, STORAGE_CLASSES } from '../controllers/pv-binder/types';
import type { StorageResource } from './framework/events';
import type { Scheduler } from './scheduler';

const STORAGE_RESOURCES: Readonly<Record<StorageResource, ResourceInfo>> = {
  PersistentVolumeClaim: PVCS,
  PersistentVolume: PVS,
  StorageClass: STORAGE_CLASSES,
};

/** Watches the storage resources some plugin of a profile registered events for. */
export function addStorageEventHandlers(sched: Scheduler): void {
  const registered = new Set<string>();
  for (const fwk of sched.profiles.values())
    for (const plugin of fwk.plugins) for (const reg of plugin.events ?? []) registered.add(reg.resource);
  for (const [kind, resource] of Object.entries(STORAGE_RESOURCES) as [StorageResource, ResourceInfo][]) {
    if (!registered.has(kind)) continue;
    sched.informers.informerFor(resource).addHandlers({
      add: (obj, cause) =>
        sched.queue.moveAllToActiveOrBackoffQueue(
          { resource: kind, actions: ['Add'], label: `${kind}Add`, newObj: obj },
          cause,
        ),
      update: (old, obj, cause) => {
        if (old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
        sched.queue.moveAllToActiveOrBackoffQueue(
          { resource: kind, actions: ['Update'], label: `${kind}Update`, oldObj: old, newObj: obj },
          cause,
        );
      },
    });
  }
}
