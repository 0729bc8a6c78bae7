/**
 * Defaulting: what kube-apiserver v1.32 fills in when it decodes an object of a served
 * group/version/kind, before admission and validation see it (the `SetDefaults_*`
 * functions of each API group and the generated code that walks nested structs).
 *
 * Only defaulting lives here. Values set later on the create path belong elsewhere: the
 * registry strategies (a Service's cluster IPs and IP families, a Namespace's `kubernetes`
 * finalizer, a Job's selector and controller labels, cleared status), admission plugins
 * (service account, default tolerations, priority) and controllers. Upstream also
 * re-applies these defaults whenever it decodes an object read back from etcd, which is
 * how a Job created without labels shows its template's labels.
 */
import type { KubeObject } from '../types';
import type { ResourceInfo } from '../resources';
import {
  defaultMutatingWebhookConfiguration,
  defaultValidatingAdmissionPolicy,
  defaultValidatingAdmissionPolicyBinding,
  defaultValidatingWebhookConfiguration,
} from './admission';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps';
import { defaultHorizontalPodAutoscalerV1, defaultHorizontalPodAutoscalerV2 } from './autoscaling';
import { defaultCronJob, defaultJob } from './batch';
import {
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPodTemplate,
  defaultReplicationController,
  defaultSecret,
} from './core';
import { defaultEndpointSlice, defaultIngressClass, defaultNetworkPolicy } from './networking';
import { defaultPod } from './pod';
import { defaultRoleBinding } from './rbac';
import { defaultPriorityClass } from './scheduling';
import { defaultEndpoints, defaultService } from './service';
import { defaultCSIDriver, defaultStorageClass, defaultVolumeAttachment } from './storage';
import { cloneJson } from './util';

/** Mutates an object of one kind in place, filling in its defaults. */
// The defaulters take their kind's type from kubernetes-types; objects arrive untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Defaulter = (obj: any) => void;

/** Defaulters by `group/version/kind` (the core group is ''). Kinds not listed have none. */
const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  '/v1/Endpoints': defaultEndpoints,
  '/v1/LimitRange': defaultLimitRange,
  '/v1/Namespace': defaultNamespace,
  '/v1/Node': defaultNode,
  '/v1/PersistentVolume': defaultPersistentVolume,
  '/v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  '/v1/Pod': defaultPod,
  '/v1/PodTemplate': defaultPodTemplate,
  '/v1/ReplicationController': defaultReplicationController,
  '/v1/Secret': defaultSecret,
  '/v1/Service': defaultService,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': defaultMutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': defaultValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': defaultValidatingAdmissionPolicyBinding,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': defaultValidatingWebhookConfiguration,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'autoscaling/v1/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV1,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV2,
  'batch/v1/CronJob': defaultCronJob,
  'batch/v1/Job': defaultJob,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'networking.k8s.io/v1/IngressClass': defaultIngressClass,
  'networking.k8s.io/v1/NetworkPolicy': defaultNetworkPolicy,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultRoleBinding,
  'scheduling.k8s.io/v1/PriorityClass': defaultPriorityClass,
  'storage.k8s.io/v1/CSIDriver': defaultCSIDriver,
  'storage.k8s.io/v1/StorageClass': defaultStorageClass,
  'storage.k8s.io/v1/VolumeAttachment': defaultVolumeAttachment,
};

/** True when objects of this group/version/kind have any defaults. */
export function hasDefaults(resource: ResourceInfo): boolean {
  return `${resource.group}/${resource.version}/${resource.kind}` in DEFAULTERS;
}

/**
 * Applies Kubernetes v1.32's defaults for the object's group/version/kind, returning a new
 * object (input is not mutated). Objects of kinds without defaults are returned unchanged
 * (copied). Fields already set are kept, except where upstream overwrites them (a
 * Namespace's `kubernetes.io/metadata.name` label always holds its name).
 */
export function applyDefaults(resource: ResourceInfo, obj: KubeObject): KubeObject {
  const copy = cloneJson(obj);
  DEFAULTERS[`${resource.group}/${resource.version}/${resource.kind}`]?.(copy);
  return copy;
}
