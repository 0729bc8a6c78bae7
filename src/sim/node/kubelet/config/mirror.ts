/**
 * Mirror pods (upstream's pkg/kubelet/pod/mirror_client.go and the static pod part of
 * kubelet.SyncPod): the API's read-only copy of a static pod, so that `kubectl get pods`
 * shows what the kubelet runs on its own. The mirror pod has the static pod's name and spec,
 * its annotations plus `kubernetes.io/config.mirror` (the static pod's hash), and the Node as
 * its controller owner; the kubelet writes the static pod's status to it. A mirror pod that is
 * being deleted, or that is not of the static pod's current manifest, is deleted at once
 * (grace period 0, with its uid as precondition) and created again: deleting a mirror pod
 * does not stop the static pod.
 */
import { ApiError } from '../../../apiserver/status';
import { resourcePath } from '../../../client/rest';
import { PODS, type KubeletContext, type PodObject, type PodRecord } from '../context';
import { CONFIG_HASH, CONFIG_MIRROR } from './static-pods';

/** IsMirrorPodOf: the mirror pod's hash is the static pod's. */
function isMirrorOf(mirror: PodObject, pod: PodObject): boolean {
  const hash = mirror.metadata.annotations?.[CONFIG_MIRROR];
  return hash !== undefined && hash === pod.metadata.annotations?.[CONFIG_HASH];
}

/** Creates and deletes the mirror pods of the kubelet's static pods. */
export class MirrorClient {
  constructor(
    private readonly ctx: KubeletContext,
    /** The registered Node's uid (undefined before the Node exists). */
    private readonly nodeUid: () => string | undefined,
    /** Takes in a mirror pod the kubelet created, as the watch would deliver it. */
    private readonly created: (record: PodRecord, mirror: PodObject) => void,
  ) {}

  /** Makes sure the static pod of `record` has an up-to-date mirror pod in the API. */
  ensure(record: PodRecord, cause: number | null): void {
    const mirror = record.mirror;
    let deleted = false;
    if (
      mirror !== null &&
      (mirror.metadata.deletionTimestamp !== undefined || !isMirrorOf(mirror, record.pod))
    ) {
      deleted = this.#delete(mirror, cause);
      if (deleted) record.mirror = null;
    }
    if (mirror === null || deleted) this.#create(record, cause);
  }

  /** CreateMirrorPod: the static pod with the mirror annotation and the Node as owner. */
  #create(record: PodRecord, cause: number | null): void {
    const nodeUid = this.nodeUid();
    if (nodeUid === undefined) return;
    const { name, namespace, labels, annotations } = record.pod.metadata;
    const hash = annotations?.[CONFIG_HASH] ?? '';
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        ...(labels === undefined ? {} : { labels }),
        annotations: { ...annotations, [CONFIG_MIRROR]: hash },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Node', name: this.ctx.nodeName, uid: nodeUid, controller: true },
        ],
      },
      spec: record.pod.spec,
    };
    try {
      this.created(record, this.ctx.client.create<PodObject>(PODS, namespace ?? 'default', body, cause));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // AlreadyExists: the watch brings the existing one, and the next sync checks its hash.
    }
  }

  /** DeleteMirrorPod: grace period 0, preconditioned on the mirror's uid; whether it went. */
  #delete(mirror: PodObject, cause: number | null): boolean {
    const { namespace, name, uid } = mirror.metadata;
    try {
      this.ctx.client.request('DELETE', resourcePath(PODS, namespace ?? 'default', name ?? ''), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid } },
        causedBy: cause,
      });
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return false;
    }
  }
}
