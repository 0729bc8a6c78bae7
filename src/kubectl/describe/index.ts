/**
 * `kubectl describe` for the in-page kubectl: one describer per kind, producing the text
 * kubectl v1.32 prints, and kubectl's generic describer for every other kind.
 *
 * The describers are UI-free and know nothing of HTTP: everything they need beyond the
 * object itself they read through a {@link DescribeContext}, which the kubectl command
 * implements over the REST API, making the requests kubectl makes:
 *
 * - events: `GET /api/v1/namespaces/<ns>/events` (`/api/v1/events` for cluster-scoped
 *   objects) with `fieldSelector=involvedObject.kind=..,involvedObject.name=..,
 *   involvedObject.namespace=..,involvedObject.uid=..` (pods leave the kind out; nodes are
 *   searched twice, by uid and by name as uid);
 * - nodes: `GET /api/v1/pods?fieldSelector=spec.nodeName=<node>,status.phase!=Succeeded,
 *   status.phase!=Failed` and the lease `kube-node-lease/<node>`;
 * - workloads: their pods by label selector; deployments their ReplicaSets;
 * - services and ingress backends: EndpointSlices by `kubernetes.io/service-name`;
 * - namespaces: their ResourceQuotas and LimitRanges; claims: the pods of their namespace;
 *   service accounts: the secrets of theirs; v1 autoscalers: their autoscaling/v2 form.
 *
 * Output is deterministic: ages count from `ctx.now` (the simulation's virtual clock) and
 * timestamps print in UTC, which is what kubectl prints when its time zone is UTC. Where
 * kubectl walks a Go map (ConfigMap and Secret data, LimitRange resources) and so varies
 * from run to run, keys are printed in sorted order.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeCronJob, describeJob } from './batch';
import { describeConfigMap, describeSecret, describeServiceAccount } from './config';
import { describeGeneric } from './generic';
import { describeIngress, describeIngressClass } from './ingress';
import { describeNamespace, describeLimitRange, describeResourceQuota } from './namespace';
import { describeNetworkPolicy } from './network-policy';
import { describeNode } from './node';
import { describePod } from './pod';
import {
  describeHorizontalPodAutoscaler,
  describePodDisruptionBudget,
  describePriorityClass,
} from './policy';
import { describeBinding, describeRole } from './rbac';
import { describeEndpoints, describeEndpointSlice, describeService } from './service';
import { describeIPAddress, describeServiceCIDR } from './service-cidr';
import {
  describeCSINode,
  describePersistentVolume,
  describePersistentVolumeClaim,
  describeStorageClass,
  describeVolumeAttributesClass,
} from './storage';
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeReplicationController,
  describeStatefulSet,
} from './workloads';

/**
 * What describers may ask the cluster, as API requests. Paths are API paths without a
 * query string (`/api/v1/namespaces/default/events`); failures reject with a
 * {@link DescribeApiError}.
 */
export interface DescribeContext {
  /** The virtual time now, in ms since the epoch: ages (`12s`, `3m (x4 over 10m)`) count from it. */
  readonly now: number;
  /** Whether to include the Events section (kubectl's `--show-events`, on unless false). */
  readonly showEvents?: boolean;
  /**
   * Lists a collection, every page of it, with query parameters such as `labelSelector`
   * and `fieldSelector`. Items need not carry their own apiVersion and kind.
   */
  list(path: string, query?: Readonly<Record<string, string>>): Promise<KubeObject[]>;
  /** Reads one object; resolves null when it does not exist (404). */
  get(path: string): Promise<KubeObject | null>;
}

/** How a {@link DescribeContext} reports a failed request: the HTTP status and the Status message. */
export interface DescribeApiError extends Error {
  readonly code: number;
}

/** A describer for one kind: the object (as read from the API) to kubectl's text. */
export type Describer = (obj: KubeObject, ctx: DescribeContext) => Promise<string>;

/** The describers kubectl has, by `group/Kind` (core kinds under `/Kind`). */
const DESCRIBERS: Readonly<Record<string, Describer>> = {
  '/Pod': describePod,
  '/ReplicationController': describeReplicationController,
  '/Secret': describeSecret,
  '/Service': describeService,
  '/ServiceAccount': describeServiceAccount,
  '/Node': describeNode,
  '/LimitRange': describeLimitRange,
  '/ResourceQuota': describeResourceQuota,
  '/PersistentVolume': describePersistentVolume,
  '/PersistentVolumeClaim': describePersistentVolumeClaim,
  '/Namespace': describeNamespace,
  '/Endpoints': describeEndpoints,
  '/ConfigMap': describeConfigMap,
  'discovery.k8s.io/EndpointSlice': describeEndpointSlice,
  'autoscaling/HorizontalPodAutoscaler': describeHorizontalPodAutoscaler,
  'networking.k8s.io/Ingress': describeIngress,
  'networking.k8s.io/IngressClass': describeIngressClass,
  'networking.k8s.io/ServiceCIDR': describeServiceCIDR,
  'networking.k8s.io/IPAddress': describeIPAddress,
  'networking.k8s.io/NetworkPolicy': describeNetworkPolicy,
  'batch/Job': describeJob,
  'batch/CronJob': describeCronJob,
  'apps/StatefulSet': describeStatefulSet,
  'apps/Deployment': describeDeployment,
  'apps/DaemonSet': describeDaemonSet,
  'apps/ReplicaSet': describeReplicaSet,
  'storage.k8s.io/StorageClass': describeStorageClass,
  'storage.k8s.io/CSINode': describeCSINode,
  'storage.k8s.io/VolumeAttributesClass': describeVolumeAttributesClass,
  'policy/PodDisruptionBudget': describePodDisruptionBudget,
  'rbac.authorization.k8s.io/Role': describeRole,
  'rbac.authorization.k8s.io/ClusterRole': describeRole,
  'rbac.authorization.k8s.io/RoleBinding': describeBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': describeBinding,
  'scheduling.k8s.io/PriorityClass': describePriorityClass,
};

/** The API group of an apiVersion: `apps` for `apps/v1`, '' for `v1`. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Describes one object as `kubectl describe` prints it (the text of one object; kubectl
 * separates several with a blank line pair). Rejects when kubectl's describer would fail.
 */
export function describe(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const describer = DESCRIBERS[`${groupOf(obj.apiVersion)}/${obj.kind}`] ?? describeGeneric;
  return describer(obj, ctx);
}
