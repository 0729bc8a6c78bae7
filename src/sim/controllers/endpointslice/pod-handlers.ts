/**
 * The pod event handlers the EndpointSlice and Endpoints controllers share: a pod added,
 * changed (a new resourceVersion) or deleted queues every Service of its namespace whose
 * selector matches its labels, old or new.
 */
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import type { Informer } from '../../client/informer';
import { servicesFor, type PodObject, type ServiceObject } from './types';

/** What a pod change does: queue the Services that select the pod (now or before). */
export type PodChanged = (pod: PodObject, cause: number | null, old?: PodObject) => void;

/** Registers the pod handlers on `pods`; returns the handler for other triggers to call. */
export function queueServicesOnPodChange(
  pods: Informer<PodObject>,
  services: Informer<ServiceObject>,
  controller: Controller,
): PodChanged {
  const podChanged: PodChanged = (pod, cause, old) => {
    const ns = services.lister.byNamespace(pod.metadata.namespace ?? '');
    const keys = new Set(servicesFor(ns, pod.metadata.labels).map(objectKey));
    if (old !== undefined) for (const s of servicesFor(ns, old.metadata.labels)) keys.add(objectKey(s));
    for (const key of keys) controller.queue.add(key, cause);
  };
  pods.addHandlers({
    add: (pod, cause) => podChanged(pod, cause),
    update: (old, pod, cause) => {
      if (old.metadata.resourceVersion !== pod.metadata.resourceVersion) podChanged(pod, cause, old);
    },
    delete: (pod, cause) => podChanged(pod, cause),
  });
  return podChanged;
}
