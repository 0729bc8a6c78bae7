/**
 * getExpectedScale: the number of pods a budget's pods' controllers want, summed over the
 * distinct controllers. Each pod's controller is looked up as upstream's finders do, in
 * order: a ReplicaSet not owned by a Deployment, the Deployment owning a pod's ReplicaSet, a
 * ReplicationController, a StatefulSet, and finally any kind with a `scale` subresource.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { findResource, resourceForKind, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { Informer } from '../../client/informer';
import { resourcePath, type ApiClient } from '../../client/rest';
import type { ControllerContext } from '../manager';
import { controllerOf } from '../replicaset/pods';
import type { PodObject } from '../replicaset/types';

type Workload = KubeObject & { spec?: { replicas?: number } };

interface ControllerAndScale {
  readonly uid: string;
  readonly scale: number;
}

type Finder = (ref: OwnerReference, namespace: string) => ControllerAndScale | null;

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

/** verifyGroupKind: the reference names `kind` in one of `groups`. */
function refersTo(ref: OwnerReference, kind: string, groups: readonly string[]): boolean {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return ref.kind === kind && groups.includes(group);
}

/** Finds the scale of pods' controllers through shared informers and the scale subresource. */
export class ScaleFinder {
  readonly #replicaSets: Informer<Workload>;
  readonly #deployments: Informer<Workload>;
  readonly #rcs: Informer<Workload>;
  readonly #statefulSets: Informer<Workload>;
  readonly #client: ApiClient;

  constructor(ctx: ControllerContext) {
    this.#client = ctx.client;
    this.#replicaSets = ctx.informers.informerFor(resource('apps', 'v1', 'replicasets'));
    this.#deployments = ctx.informers.informerFor(resource('apps', 'v1', 'deployments'));
    this.#rcs = ctx.informers.informerFor(resource('', 'v1', 'replicationcontrollers'));
    this.#statefulSets = ctx.informers.informerFor(resource('apps', 'v1', 'statefulsets'));
  }

  /**
   * The summed scale of the pods' controllers and the names of pods without a controller.
   * Throws `found no controllers for pod "<name>"` when a controller cannot be found.
   */
  expectedScale(pods: readonly PodObject[], cause: number | null): { scale: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    const finders: Finder[] = [
      (ref, ns) => this.#replicaSet(ref, ns),
      (ref, ns) => this.#deployment(ref, ns),
      (ref, ns) => this.#owned(this.#rcs, ref, ns, 'ReplicationController', ['']),
      (ref, ns) => this.#owned(this.#statefulSets, ref, ns, 'StatefulSet', ['apps']),
      (ref, ns) => this.#scaleSubresource(ref, ns, cause),
    ];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (ref === undefined) {
        unmanaged.push(pod.metadata.name ?? '');
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const ns = pod.metadata.namespace ?? '';
      let found: ControllerAndScale | null = null;
      for (const finder of finders) if ((found = finder(ref, ns)) !== null) break;
      if (found === null) throw new Error(`found no controllers for pod "${pod.metadata.name ?? ''}"`);
      scales.set(found.uid, found.scale);
    }
    let scale = 0;
    for (const n of scales.values()) scale += n;
    return { scale, unmanaged };
  }

  #owned(
    informer: Informer<Workload>,
    ref: OwnerReference,
    ns: string,
    kind: string,
    groups: readonly string[],
  ): ControllerAndScale | null {
    if (!refersTo(ref, kind, groups)) return null;
    const obj = informer.lister.get(`${ns}/${ref.name}`);
    if (obj === undefined || obj.metadata.uid !== ref.uid) return null;
    return { uid: ref.uid, scale: obj.spec?.replicas ?? 1 };
  }

  /** getPodReplicaSet: the pod's ReplicaSet, unless a Deployment controls it. */
  #replicaSet(ref: OwnerReference, ns: string): ControllerAndScale | null {
    const found = this.#owned(this.#replicaSets, ref, ns, 'ReplicaSet', ['apps', 'extensions']);
    if (found === null) return null;
    const rs = this.#replicaSets.lister.get(`${ns}/${ref.name}`);
    return rs !== undefined && controllerOf(rs)?.kind === 'Deployment' ? null : found;
  }

  /** getPodDeployment: the Deployment controlling the pod's ReplicaSet. */
  #deployment(ref: OwnerReference, ns: string): ControllerAndScale | null {
    if (!refersTo(ref, 'ReplicaSet', ['apps', 'extensions'])) return null;
    const rs = this.#replicaSets.lister.get(`${ns}/${ref.name}`);
    if (rs === undefined || rs.metadata.uid !== ref.uid) return null;
    const owner = controllerOf(rs);
    if (owner === undefined) return null;
    return this.#owned(this.#deployments, owner, ns, 'Deployment', ['apps', 'extensions']);
  }

  /** getScaleController: any other kind serving `scale`, whose Scale carries the same uid. */
  #scaleSubresource(ref: OwnerReference, ns: string, cause: number | null): ControllerAndScale | null {
    const r = resourceForKind(ref.apiVersion, ref.kind);
    if (r === undefined || !(r.subresources ?? []).includes('scale')) return null;
    try {
      const response = this.#client.request('GET', resourcePath(r, ns, ref.name, 'scale'), {
        causedBy: cause,
      });
      const scale = ('body' in response ? response.body : undefined) as
        { metadata?: { uid?: string }; spec?: { replicas?: number } } | undefined;
      if (scale?.metadata?.uid !== ref.uid) return null;
      return { uid: ref.uid, scale: scale.spec?.replicas ?? 0 };
    } catch (error) {
      if (error instanceof ApiError && error.status.code === 404) return null;
      throw error;
    }
  }
}
