/**
 * Upstream's RealPodControl (pkg/controller/controller_utils.go) for ReplicaSets: creates a
 * pod from the template (labels, annotations and finalizers copied, `generateName:
 * <name>-`, a controller ownerReference), deletes pods, and records the events `kubectl
 * describe` shows: SuccessfulCreate, FailedCreate, SuccessfulDelete, FailedDelete.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { ApiError } from '../../apiserver/status';
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import { PODS, type PodObject, type Replicated, type WorkloadKind } from './types';

/** Whether an error is an API error with this HTTP status code. */
export function hasCode(error: unknown, code: number): boolean {
  return error instanceof ApiError && error.code === code;
}

/** apierrors.HasStatusCause(err, NamespaceTerminatingCause). */
export function isNamespaceTerminating(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')
  );
}

/** metav1.NewControllerRef: the ownerReference a controller puts on what it controls. */
export function controllerRef(kind: WorkloadKind, rs: Replicated): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: rs.name,
    uid: rs.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The longest object name (a DNS subdomain). */
const MAX_NAME_LENGTH = 253;

/** getPodsPrefix: `<name>-`, or the bare name when that would not make a valid name. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return prefix.length > MAX_NAME_LENGTH ? name : prefix;
}

/** Error text as Go's `%v` prints it. */
function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
    private readonly kind: WorkloadKind,
  ) {}

  /** GetPodFromTemplate: the pod to create for `rs`. */
  podFromTemplate(rs: Replicated): PodObject {
    const meta = rs.template?.metadata ?? {};
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(meta.labels === undefined ? {} : { labels: { ...meta.labels } }),
        ...(meta.annotations === undefined ? {} : { annotations: { ...meta.annotations } }),
        generateName: podsPrefix(rs.name),
        ...(meta.finalizers === undefined ? {} : { finalizers: [...meta.finalizers] }),
        ownerReferences: [controllerRef(this.kind, rs)],
      },
      spec: JSON.parse(JSON.stringify(rs.template?.spec ?? { containers: [] })) as PodObject['spec'],
    };
  }

  /**
   * Creates one pod for `rs`; records SuccessfulCreate, or FailedCreate (except when the
   * namespace is being deleted) and rethrows.
   */
  createPod(rs: Replicated, cause: number | null): PodObject {
    const pod = this.podFromTemplate(rs);
    if (Object.keys(pod.metadata.labels ?? {}).length === 0)
      throw new Error('unable to create pods, no labels');
    let created: PodObject;
    try {
      created = this.client.create<PodObject>(PODS, rs.namespace, pod, cause);
    } catch (error) {
      if (!isNamespaceTerminating(error))
        this.recorder.event(rs.obj, 'Warning', 'FailedCreate', `Error creating: ${message(error)}`, cause);
      throw error;
    }
    this.recorder.event(
      rs.obj,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name ?? ''}`,
      cause,
    );
    return created;
  }

  /**
   * Deletes the pod `name` of `rs`; records SuccessfulDelete, or FailedDelete and throws.
   * A pod already gone rethrows the 404 without an event.
   */
  deletePod(rs: Replicated, name: string, cause: number | null): void {
    try {
      this.client.delete(PODS, rs.namespace, name, {}, cause);
    } catch (error) {
      if (hasCode(error, 404)) throw error;
      this.recorder.event(rs.obj, 'Warning', 'FailedDelete', `Error deleting: ${message(error)}`, cause);
      throw new Error(`unable to delete pods: ${message(error)}`, { cause: error });
    }
    this.recorder.event(rs.obj, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, cause);
  }

  /** Patches a pod's metadata with a JSON merge patch. */
  patchPod(pod: PodObject, patch: object, cause: number | null): void {
    this.client.patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', patch, cause);
  }
}
