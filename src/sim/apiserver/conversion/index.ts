/**
 * Conversion between the versions of a resource that share one etcd storage, as upstream's
 * scheme converts them through the internal version: objects are converted to the resource's
 * `storageVersion` before they are written to etcd, and from it to the version a client asked
 * for when they are read (get, list, watch, and the object a write returns).
 *
 * - core `v1` Event <-> `events.k8s.io/v1` Event (stored as core v1): see ./events.ts
 * - `autoscaling/v2` HorizontalPodAutoscaler (stored) <-> `autoscaling/v1`: see ./hpa.ts
 */
import { apiVersionOf, type ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { coreEventToEventsV1, eventsV1EventToCore } from './events';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa';

type Converter = (obj: KubeObject) => KubeObject;

/** The conversions there are, by `kind from -> to`. */
const CONVERTERS: Readonly<Record<string, Converter>> = {
  'Event v1 -> events.k8s.io/v1': coreEventToEventsV1,
  'Event events.k8s.io/v1 -> v1': eventsV1EventToCore,
  'HorizontalPodAutoscaler autoscaling/v2 -> autoscaling/v1': hpaV2ToV1,
  'HorizontalPodAutoscaler autoscaling/v1 -> autoscaling/v2': hpaV1ToV2,
};

/**
 * `obj` (of the kind and apiVersion it names) at `toApiVersion`: a new object when the
 * versions differ, `obj` itself when they are the same. Throws for a pair of versions that
 * has no conversion.
 */
export function convert(obj: KubeObject, toApiVersion: string): KubeObject {
  if (obj.apiVersion === toApiVersion) return obj;
  const converter = CONVERTERS[`${obj.kind} ${obj.apiVersion} -> ${toApiVersion}`];
  if (converter === undefined) {
    throw new Error(
      `converting (${obj.apiVersion}, Kind=${obj.kind}) to ${toApiVersion}: unknown conversion`,
    );
  }
  return converter(obj);
}

/** Whether a resource is stored at another version than the one it is served at. */
export function needsConversion(resource: ResourceInfo): boolean {
  return resource.storageVersion !== apiVersionOf(resource);
}
