/**
 * Semantic validation, as each kind's registry strategy runs it in kube-apiserver v1.32
 * (pkg/apis/<group>/validation): the rules a schema cannot express, with upstream's error
 * messages. Call it after defaulting and the registry's create/update preparation; a
 * non-empty result becomes a 422 through {@link invalidStatus}.
 *
 * Unconditional updates: built-in kinds accept a PUT without metadata.resourceVersion (the
 * store fills it in), so validateUpdate does not require one; see
 * {@link resourceVersionRequiredStatus} for kinds that do.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplate, Service } from 'kubernetes-types/core/v1';
import type { ResourceInfo } from '../resources';
import type { KubeObject, Status } from '../types';
import * as apps from './apps';
import * as daemonset from './daemonset';
import * as statefulset from './statefulset';
import * as batch from './batch';
import * as core from './core';
import * as endpoints from './endpoints';
import * as node from './node';
import type { FieldError } from './field';
import { Path, notSupported, required } from './field';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import * as misc from './misc';
import type { NameValidator } from './names';
import { nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from './names';
import * as networking from './networking';
import * as pod from './pod';
import * as quota from './quota';
import * as rbac from './rbac';
import * as service from './service';
import * as storage from './storage';
import * as storageclass from './storageclass';
import { rec, str } from './util';
import { FAULT_SCHEMA } from '../../faults/crd';
import { validateSchema } from '../../faults/schema';

export type { FieldError, FieldErrorType } from './field';
export { formatFieldError, errorBody } from './field';
export { invalidStatus } from './status';
export {
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isQualifiedName,
  isValidLabelValue,
  isConfigMapKey,
  isValidPortName,
  isValidPathSegmentName,
} from './names';
export {
  parseQuantity,
  formatQuantity,
  compareQuantity,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
} from './quantity';
export type { Quantity } from './quantity';
export { quantityDecodeError } from './decode';

type Create = (obj: KubeObject, resource: ResourceInfo) => FieldError[];
type Update = (obj: KubeObject, old: KubeObject, resource: ResourceInfo) => FieldError[];

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive untyped; each validator reads its kind. */
const as = <T>(o: KubeObject): T => o as any as T;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Kinds whose requests carry no stored object (reviews): nothing to validate. */
const VIRTUAL = new Set([
  'TokenReview',
  'SelfSubjectReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
  'ComponentStatus',
]);

function validateBinding(b: KubeObject): FieldError[] {
  const target = rec(b['target']);
  const errs: FieldError[] = [];
  const kind = str(target['kind']);
  if (kind && kind !== 'Node') errs.push(notSupported(Path.of('target', 'kind'), kind, ['Node', '<empty>']));
  if (!str(target['name'])) errs.push(required(Path.of('target', 'name')));
  return errs;
}

/** Create validation by `group/Kind`. */
const CREATE: Record<string, Create> = {
  '/Pod': (o) => pod.validatePodCreate(as<Pod>(o)),
  '/PodTemplate': (o) => pod.validatePodTemplate(as<PodTemplate>(o)),
  '/Service': (o) => service.validateServiceCreate(as<Service>(o)),
  '/ConfigMap': (o) => core.validateConfigMap(o),
  '/Secret': (o) => core.validateSecret(o),
  '/Namespace': (o) => core.validateNamespace(o),
  '/ServiceAccount': (o) => core.validateServiceAccount(o),
  '/Node': (o) => node.validateNode(o),
  '/Endpoints': (o) => endpoints.validateEndpoints(o),
  '/ReplicationController': (o) => [
    ...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain),
    ...endpoints.validateReplicationControllerSpec(o),
  ],
  '/PersistentVolumeClaim': (o) => storage.validatePersistentVolumeClaim(o),
  '/PersistentVolume': (o) => storage.validatePersistentVolume(o),
  '/ResourceQuota': (o) => quota.validateResourceQuota(o),
  '/LimitRange': (o) => quota.validateLimitRange(o),
  '/Binding': (o) => validateBinding(o),
  'apps/Deployment': (o) => apps.validateDeployment(as<Deployment>(o)),
  'apps/ReplicaSet': (o) => apps.validateReplicaSet(as<ReplicaSet>(o)),
  'apps/StatefulSet': (o) => statefulset.validateStatefulSet(as<StatefulSet>(o)),
  'apps/DaemonSet': (o) => daemonset.validateDaemonSet(as<DaemonSet>(o)),
  'apps/ControllerRevision': (o) => daemonset.validateControllerRevision(o),
  'batch/Job': (o) => batch.validateJob(as<Job>(o)),
  'batch/CronJob': (o) => batch.validateCronJob(as<CronJob>(o)),
  'networking.k8s.io/Ingress': (o) => networking.validateIngress(o),
  'networking.k8s.io/IngressClass': (o) => networking.validateIngressClass(o),
  'networking.k8s.io/NetworkPolicy': (o) => networking.validateNetworkPolicy(o),
  'rbac.authorization.k8s.io/Role': (o) => rbac.validateRole(o, true),
  'rbac.authorization.k8s.io/ClusterRole': (o) => rbac.validateRole(o, false),
  'rbac.authorization.k8s.io/RoleBinding': (o) => rbac.validateRoleBinding(o, true),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (o) => rbac.validateRoleBinding(o, false),
  'coordination.k8s.io/Lease': (o) => misc.validateLease(o),
  'scheduling.k8s.io/PriorityClass': (o) => misc.validatePriorityClass(o),
  'policy/PodDisruptionBudget': (o) => misc.validatePodDisruptionBudget(o),
  'autoscaling/HorizontalPodAutoscaler': (o) => misc.validateHorizontalPodAutoscaler(o),
  'storage.k8s.io/StorageClass': (o) => storageclass.validateStorageClass(o),
  'chaos.kubelab.dev/Fault': (o) => [
    ...validateObjectMeta(o.metadata, false, nameIsDNSSubdomain),
    ...validateSchema(FAULT_SCHEMA, o),
  ],
};

/** Update validation by `group/Kind` (after the common metadata checks). */
const UPDATE: Record<string, Update> = {
  '/Pod': (o, p) => pod.validatePodUpdate(as<Pod>(o), as<Pod>(p)),
  '/PodTemplate': (o, p) => pod.validatePodTemplateUpdate(as<PodTemplate>(o), as<PodTemplate>(p)),
  '/Service': (o, p) => service.validateServiceUpdate(as<Service>(o), as<Service>(p)),
  '/ConfigMap': (o, p) => core.validateConfigMapUpdate(o, p),
  '/Secret': (o, p) => core.validateSecretUpdate(o, p),
  '/Namespace': (o, p) => validateObjectMetaUpdate(o.metadata, p.metadata),
  '/ServiceAccount': (o, p) => [
    ...validateObjectMetaUpdate(o.metadata, p.metadata),
    ...core.validateServiceAccount(o),
  ],
  '/Node': (o, p) => node.validateNodeUpdate(o, p),
  '/Endpoints': (o, p) => [
    ...validateObjectMetaUpdate(o.metadata, p.metadata),
    ...endpoints.validateEndpoints(o),
  ],
  '/ReplicationController': (o, p) => [
    ...validateObjectMetaUpdate(o.metadata, p.metadata),
    ...endpoints.validateReplicationControllerSpec(o),
  ],
  '/PersistentVolumeClaim': (o, p) => storage.validatePersistentVolumeClaimUpdate(o, p),
  '/PersistentVolume': (o, p) => storage.validatePersistentVolumeUpdate(o, p),
  '/ResourceQuota': (o, p) => quota.validateResourceQuotaUpdate(o, p),
  '/LimitRange': (o, p) => [
    ...validateObjectMetaUpdate(o.metadata, p.metadata),
    ...quota.validateLimitRange(o),
  ],
  'apps/Deployment': (o, p) => apps.validateDeploymentUpdate(as<Deployment>(o), as<Deployment>(p)),
  'apps/ReplicaSet': (o, p) => apps.validateReplicaSetUpdate(as<ReplicaSet>(o), as<ReplicaSet>(p)),
  'apps/StatefulSet': (o, p) => statefulset.validateStatefulSetUpdate(as<StatefulSet>(o), as<StatefulSet>(p)),
  'apps/DaemonSet': (o, p) => daemonset.validateDaemonSetUpdate(as<DaemonSet>(o), as<DaemonSet>(p)),
  'apps/ControllerRevision': (o, p) => daemonset.validateControllerRevision(o, p),
  'batch/Job': (o, p) => batch.validateJobUpdate(as<Job>(o), as<Job>(p)),
  'batch/CronJob': (o, p) => batch.validateCronJobUpdate(as<CronJob>(o), as<CronJob>(p)),
  'networking.k8s.io/Ingress': (o, p) => networking.validateIngressUpdate(o, p),
  'networking.k8s.io/IngressClass': (o, p) => networking.validateIngressClass(o, p),
  'networking.k8s.io/NetworkPolicy': (o, p) => networking.validateNetworkPolicy(o, p),
  'rbac.authorization.k8s.io/Role': (o, p) => rbac.validateRole(o, true, p),
  'rbac.authorization.k8s.io/ClusterRole': (o, p) => rbac.validateRole(o, false, p),
  'rbac.authorization.k8s.io/RoleBinding': (o, p) => rbac.validateRoleBinding(o, true, p),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (o, p) => rbac.validateRoleBinding(o, false, p),
  'coordination.k8s.io/Lease': (o, p) => misc.validateLease(o, p),
  'scheduling.k8s.io/PriorityClass': (o, p) => misc.validatePriorityClassUpdate(o, p),
  'policy/PodDisruptionBudget': (o, p) => misc.validatePodDisruptionBudget(o, p),
  'autoscaling/HorizontalPodAutoscaler': (o, p) => misc.validateHorizontalPodAutoscaler(o, p),
  'storage.k8s.io/StorageClass': (o, p) => storageclass.validateStorageClassUpdate(o, p),
  'chaos.kubelab.dev/Fault': (o, p) => [
    ...validateObjectMetaUpdate(o.metadata, p.metadata),
    ...validateSchema(FAULT_SCHEMA, o),
  ],
};

/** The name rule of kinds without their own validator (most use DNS subdomains). */
function nameRuleOf(resource: ResourceInfo): NameValidator {
  if (resource.kind === 'Namespace') return nameIsDNSLabel;
  if (resource.group === 'rbac.authorization.k8s.io') return nameIsPathSegment;
  return nameIsDNSSubdomain;
}

const keyOf = (r: ResourceInfo): string => `${r.group}/${r.kind}`;

/** Validation for creating `obj` as `resource`: upstream's strategy.Validate. */
export function validateCreate(resource: ResourceInfo, obj: KubeObject): FieldError[] {
  if (VIRTUAL.has(resource.kind)) return [];
  const fn = CREATE[keyOf(resource)];
  return fn ? fn(obj, resource) : validateObjectMeta(obj.metadata, resource.namespaced, nameRuleOf(resource));
}

/**
 * Validation for replacing `old` with `obj`: the checks rest.BeforeUpdate runs on every
 * kind (metadata with path-segment names, and the immutable metadata), then the kind's
 * strategy.ValidateUpdate. Duplicates are kept, as upstream keeps them in `causes`.
 */
export function validateUpdate(resource: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  if (VIRTUAL.has(resource.kind)) return [];
  const common = [
    ...validateObjectMeta(obj.metadata, resource.namespaced, nameIsPathSegment, Path.of('metadata'), false),
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
  ];
  const fn = UPDATE[keyOf(resource)];
  return [...common, ...(fn ? fn(obj, old, resource) : validateObjectMetaUpdate(obj.metadata, old.metadata))];
}

/**
 * The error the generic store returns for an update without a resourceVersion when the
 * kind does not allow unconditional updates (custom resources, for one). Note the plural
 * resource where the kind would be: `widgets.example.com "w" is invalid: ...`.
 */
export function resourceVersionRequiredStatus(
  resource: Pick<ResourceInfo, 'group' | 'plural'>,
  name: string,
): Status {
  const qualified = resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
  const message = `${qualified} "${name}" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details: {
      name,
      ...(resource.group === '' ? {} : { group: resource.group }),
      kind: resource.plural,
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 0x0: must be specified for an update',
          field: 'metadata.resourceVersion',
        },
      ],
    },
    code: 422,
  };
}
