/**
 * What the registry does to an object's metadata on create, update and delete
 * (upstream's rest.BeforeCreate / BeforeUpdate and the resource strategies).
 */
import type { Kernel } from '../kernel/kernel';
import type { ResourceInfo } from './resources';
import { badRequest } from './status';
import type { KubeObject } from './types';

/** A random UUID (version 4 layout) from the kernel's seeded RNG. */
export function newUid(kernel: Kernel): string {
  const hex = (n: number) => Array.from({ length: n }, () => kernel.rng.int(0, 15).toString(16)).join('');
  const variant = (8 + kernel.rng.int(0, 3)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** Resources whose status is owned by controllers and cleared when a client creates them. */
const STATUS_RESET_ON_CREATE = new Set([
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'replicationcontrollers',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
  'persistentvolumeclaims',
  'persistentvolumes',
  'ingresses',
  'resourcequotas',
]);

/** Resources whose status strategy also keeps the stored labels (upstream's deployment strategy). */
const STATUS_KEEPS_LABELS = new Set(['deployments']);

/** Resources that count `metadata.generation` (bumped when the spec changes). */
const HAS_GENERATION = (r: ResourceInfo) =>
  !['events', 'leases', 'endpoints', 'endpointslices', 'configmaps', 'secrets'].includes(r.plural);

/**
 * Fills in server-owned metadata for a new object: name from generateName, uid,
 * creationTimestamp, generation; clears fields clients may not set.
 */
export function prepareForCreate(
  kernel: Kernel,
  resource: ResourceInfo,
  obj: KubeObject,
  namespace: string | null,
): KubeObject {
  const meta = { ...obj.metadata };
  if (resource.namespaced) {
    if (
      meta.namespace !== undefined &&
      meta.namespace !== '' &&
      namespace !== null &&
      meta.namespace !== namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace ?? meta.namespace ?? 'default';
  } else {
    delete meta.namespace;
  }
  if (
    (meta.name === undefined || meta.name === '') &&
    meta.generateName !== undefined &&
    meta.generateName !== ''
  ) {
    meta.name = `${meta.generateName}${kernel.rng.suffix(5)}`;
  }
  meta.uid = newUid(kernel);
  meta.creationTimestamp = kernel.clock.timestamp();
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.resourceVersion;
  delete meta.selfLink;
  if (HAS_GENERATION(resource)) meta.generation = 1;
  else delete meta.generation;
  const out: KubeObject = { ...obj, metadata: meta };
  if (STATUS_RESET_ON_CREATE.has(resource.plural)) {
    if (resource.plural === 'persistentvolumeclaims' || resource.plural === 'persistentvolumes')
      out.status = { phase: 'Pending' };
    else if (resource.plural === 'services') out.status = { loadBalancer: {} };
    else out.status = {};
  }
  if (resource.plural === 'jobs' && resource.group === 'batch') out.spec = jobSelector(out);
  if (resource.plural === 'pods') {
    out.status = { phase: 'Pending', qosClass: qosClassOf(out) };
  }
  if (resource.plural === 'namespaces') {
    out.spec = { finalizers: ['kubernetes'], ...(out.spec as object | undefined) };
    out.status = { phase: 'Active' };
  }
  return out;
}

/**
 * Carries server-owned metadata over from the stored object on update, and keeps the part of
 * the object the request may not change: the status on the main resource, everything but the
 * status on the status subresource.
 */
export function prepareForUpdate(
  resource: ResourceInfo,
  obj: KubeObject,
  old: KubeObject,
  subresource: string | null,
): KubeObject {
  const meta = {
    ...obj.metadata,
    uid: old.metadata.uid,
    creationTimestamp: old.metadata.creationTimestamp,
    ...(old.metadata.deletionTimestamp === undefined
      ? {}
      : { deletionTimestamp: old.metadata.deletionTimestamp }),
    ...(old.metadata.deletionGracePeriodSeconds === undefined
      ? {}
      : { deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds }),
  };
  if (old.metadata.deletionTimestamp === undefined) {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  let out: KubeObject;
  if (subresource === 'status') {
    // The status strategies keep the spec (and what each resource protects besides) from the
    // stored object; the rest of the metadata, such as annotations, may change.
    out = {
      ...obj,
      metadata: {
        ...meta,
        finalizers: old.metadata.finalizers,
        ownerReferences: old.metadata.ownerReferences,
      },
    };
    if ('spec' in old) out.spec = old.spec;
    else delete out.spec;
    if (STATUS_KEEPS_LABELS.has(resource.plural)) out.metadata.labels = old.metadata.labels;
    for (const key of ['finalizers', 'ownerReferences'] as const)
      if (out.metadata[key] === undefined) delete out.metadata[key];
  } else {
    out = { ...obj, metadata: meta };
    if ('status' in old && resource.subresources.includes('status')) out.status = old.status;
  }
  if (HAS_GENERATION(resource)) {
    const specChanged = JSON.stringify(out.spec ?? null) !== JSON.stringify(old.spec ?? null);
    const generation = old.metadata.generation ?? 1;
    out.metadata = {
      ...out.metadata,
      generation: specChanged && subresource === null ? generation + 1 : generation,
    };
  }
  return out;
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** The pod's QoS class, from its containers' requests and limits (Guaranteed, Burstable, BestEffort). */
export function qosClassOf(pod: KubeObject): string {
  const spec = pod.spec as { containers?: ContainerLike[]; initContainers?: ContainerLike[] } | undefined;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) anySet = true;
    for (const name of ['cpu', 'memory']) {
      const limit = lim[name];
      if (limit === undefined || (req[name] !== undefined && req[name] !== limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The Job strategy: unless `manualSelector` is set, the selector is the Job's uid, and the
 * pod template carries the labels the selector and people use to find the Job's pods.
 */
function jobSelector(job: KubeObject): unknown {
  const spec = (job.spec ?? {}) as {
    manualSelector?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  if (spec.manualSelector === true) return spec;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  return {
    ...spec,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    template: {
      ...spec.template,
      metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, ...labels } },
    },
  };
}
