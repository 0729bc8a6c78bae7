/**
 * Compute resources as the scheduler counts them (upstream's framework.Resource and
 * component-helpers' PodRequests): cpu in millicores, memory and ephemeral storage in
 * bytes, pods as a count, everything else (extended resources, hugepages) by name.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import {
  isQuantityError,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
} from '../../apiserver/validation/quantity';

/** Amounts of compute resources: cpu in millicores, memory and storage in bytes, pods as a count. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages and attachable volumes, in whole units. */
  scalar: Map<string, number>;
}

/** The cpu request the scoring plugins assume for a container that sets none (100m). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** The memory request the scoring plugins assume for a container that sets none (200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** All zeros. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

/** An independent copy. */
export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** A resource list (`{cpu: '500m', memory: '1Gi'}`) as numbers: cpu in millicores, the rest in units. */
export type ResourceList = Map<string, number>;

/** Parses a resource list; unparsable quantities count as zero. */
export function parseResourceList(list: Readonly<Record<string, unknown>> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const q = parseQuantity(typeof raw === 'string' ? raw.trim() : raw);
    if (isQuantityError(q)) continue;
    out.set(name, Number(name === 'cpu' ? quantityMilliValue(q) : quantityValue(q)));
  }
  return out;
}

/**
 * Whether a resource is counted by name (upstream's IsScalarResourceName): extended resources
 * (`example.com/gpu`), hugepages, prefixed native resources and attachable volumes.
 */
export function isScalarResourceName(name: string): boolean {
  return (
    name.startsWith('hugepages-') ||
    name.startsWith('attachable-volumes-') ||
    name.includes('kubernetes.io/') ||
    (name.includes('/') && !name.startsWith('requests.'))
  );
}

/** Adds a resource list into a Resource (Resource.Add). */
export function addList(r: Resource, list: ResourceList): void {
  for (const [name, v] of list) {
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (isScalarResourceName(name)) r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
  }
}

/** A Resource from a resource list (framework.NewResource), e.g. a node's allocatable. */
export function resourceFromList(list: ResourceList): Resource {
  const r = emptyResource();
  addList(r, list);
  return r;
}

/** Adds `b` into `a`, or subtracts it with sign -1. */
export function addResource(a: Resource, b: Resource, sign: 1 | -1 = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  for (const [k, v] of b.scalar) a.scalar.set(k, (a.scalar.get(k) ?? 0) + sign * v);
}

/** How to count a pod's requests. */
export interface PodRequestOptions {
  /** Requests assumed for a container that sets none for that resource (scoring's non-zero defaults). */
  readonly nonMissingContainerRequests?: ResourceList;
}

function containerRequests(c: Container, opts: PodRequestOptions): ResourceList {
  const reqs = parseResourceList(c.resources?.requests as Record<string, unknown> | undefined);
  for (const [name, v] of opts.nonMissingContainerRequests ?? []) if (!reqs.has(name)) reqs.set(name, v);
  return reqs;
}

function addInto(into: ResourceList, list: ResourceList): void {
  for (const [k, v] of list) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: ResourceList, list: ResourceList): void {
  for (const [k, v] of list) into.set(k, Math.max(into.get(k) ?? 0, v));
}

/**
 * What a pod requests (component-helpers' PodRequests): the sum of its containers, or the
 * largest init container if that is more (sidecars, init containers with restartPolicy
 * Always, add to both), plus the pod overhead.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): ResourceList {
  const reqs: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, opts));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, opts);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const tmp = new Map(own);
      addInto(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  addInto(reqs, parseResourceList(pod.spec?.overhead as Record<string, unknown> | undefined));
  return reqs;
}

/** The non-zero defaults the scoring plugins and NodeInfo.nonZeroRequested use. */
export const NON_ZERO_DEFAULTS: ResourceList = new Map([
  ['cpu', DEFAULT_MILLI_CPU_REQUEST],
  ['memory', DEFAULT_MEMORY_REQUEST],
]);

/** A pod's requests as a Resource (what NodeResourcesFit's PreFilter computes). */
export function podResource(pod: Pod): Resource {
  return resourceFromList(podRequests(pod));
}
