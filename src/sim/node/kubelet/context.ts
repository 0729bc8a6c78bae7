/**
 * What the kubelet's parts share: its connections (the apiserver, the node's runtime), its
 * per-pod records (what upstream keeps in the pod workers, the PLEG cache and the reason
 * cache) and the API resources it touches.
 */
import type { Container, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import type { Kernel, TimerHandle } from '../../kernel/kernel';
import type { ContainerRuntime } from '../cri/runtime';
import type { ContainerStatus, PodSandboxStatus } from '../cri/types';
import type { Backoff } from './backoff';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const found = findResource(group, version, plural);
  if (found === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return found;
}

export const PODS = resource('', 'v1', 'pods');
export const NODES = resource('', 'v1', 'nodes');
export const LEASES = resource('coordination.k8s.io', 'v1', 'leases');

/** A pod as the kubelet reads it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** Why a container could not be started last time (upstream's reason cache). */
export interface StartFailure {
  /** `ErrImagePull`, `ImagePullBackOff`, `CrashLoopBackOff`... */
  readonly reason: string;
  readonly message: string;
}

/** Everything the kubelet knows about one pod on its node. */
export interface PodRecord {
  readonly uid: string;
  /** The latest version from the watch. */
  pod: PodObject;
  /** The status the kubelet last wrote (or first saw), to diff the next write against. */
  apiStatus: PodStatus;
  /** The pod is gone from the API. */
  deleted: boolean;
  /** A static pod: the kubelet runs it from a manifest, and its status goes to its mirror pod. */
  readonly isStatic: boolean;
  /** The kubelet admitted the pod (admission.ts); a rejected pod never runs. */
  admitted: boolean;
  /** A static pod's mirror pod as the API has it (null while it has none). */
  mirror: PodObject | null;
  sandbox: PodSandboxStatus | null;
  /** The runtime's containers by container name, newest attempt first (the PLEG cache). */
  readonly containers: Map<string, ContainerStatus[]>;
  readonly failures: Map<string, StartFailure>;
  /** The pod reached Succeeded or Failed and its sandbox is torn down. */
  terminal: boolean;
  /** The eviction manager evicted the pod, with this message; its next sync kills it. */
  evicted?: string;
  /** After deletion: every container and the sandbox are stopped. */
  killed: boolean;
  /** When the kubelet first saw the pod (status.startTime). */
  startTime: string | null;
  /** Pod worker state: a sync is scheduled (with the latest cause) or running; another is wanted after it. */
  queued: { cause: number | null } | null;
  busy: boolean;
  pending: { cause: number | null } | null;
  retry: TimerHandle | null;
}

/** The kubelet's parts, as its pod workers use them. */
export interface KubeletContext {
  readonly kernel: Kernel;
  readonly nodeName: string;
  /** `<node>/kubelet` */
  readonly id: string;
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly runtime: ContainerRuntime;
  /** The node's InternalIP: the pods' hostIP. */
  readonly hostIP: string;
  /** Container restart back-off (CrashLoopBackOff). */
  readonly crashBackoff: Backoff;
  /** Why the runtime's network is not ready (runtime-state.ts), or null when it is. */
  networkError(): string | null;
  /** Asks for a sync of a pod (coalesced while one runs). */
  requestSync(record: PodRecord, cause: number | null): void;
}

/** The pod's containers of one kind, in spec order. */
export function initContainersOf(pod: PodObject): readonly Container[] {
  return pod.spec?.initContainers ?? [];
}

export function containersOf(pod: PodObject): readonly Container[] {
  return pod.spec?.containers ?? [];
}

/** The newest runtime status of a container, if it was ever created. */
export function latest(record: PodRecord, name: string): ContainerStatus | undefined {
  return record.containers.get(name)?.[0];
}
