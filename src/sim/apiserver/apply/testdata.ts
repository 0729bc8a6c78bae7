/**
 * A hand-written OpenAPI v3 `components.schemas` fixture for this folder's tests, shaped like
 * kube-apiserver v1.32's documents (references wrapped in `allOf`, `default: {}` on non-pointer
 * structs, `required` on non-omitempty fields, list and map types as published). Only the
 * fields the tests touch are described.
 */

import type { ApplySchema } from './schema';

const ref = (name: string, extra: object = {}) => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  ...extra,
});
const str = { type: 'string' };
const int = { type: 'integer', format: 'int32' };
const stringMap = { type: 'object', additionalProperties: { type: 'string', default: '' } };
const atomicStrings = {
  type: 'array',
  items: { type: 'string', default: '' },
  'x-kubernetes-list-type': 'atomic',
};
const mapList = (item: string, keys: string[], mergeKey = keys[0]) => ({
  type: 'array',
  items: ref(item, { default: {} }),
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': keys,
  'x-kubernetes-patch-merge-key': mergeKey,
  'x-kubernetes-patch-strategy': 'merge',
});

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';
const APPS = 'io.k8s.api.apps.v1';

/** The schemas, keyed by name as in `components.schemas`. */
export const SCHEMAS: Record<string, object> = {
  [`${META}.Time`]: { type: 'string', format: 'date-time' },
  [`${META}.ObjectMeta`]: {
    type: 'object',
    properties: {
      name: str,
      namespace: str,
      uid: str,
      resourceVersion: str,
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: ref(`${META}.Time`),
      labels: stringMap,
      annotations: stringMap,
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: mapList(`${META}.OwnerReference`, ['uid']),
      managedFields: { type: 'array', items: ref(`${META}.ManagedFieldsEntry`, { default: {} }) },
    },
  },
  [`${META}.OwnerReference`]: {
    type: 'object',
    properties: { apiVersion: str, kind: str, name: str, uid: { type: 'string', default: '' } },
    required: ['apiVersion', 'kind', 'name', 'uid'],
    'x-kubernetes-map-type': 'atomic',
  },
  [`${META}.ManagedFieldsEntry`]: { type: 'object', properties: { manager: str, operation: str } },
  [`${META}.LabelSelector`]: {
    type: 'object',
    properties: {
      matchLabels: stringMap,
      matchExpressions: { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'atomic' },
    },
    'x-kubernetes-map-type': 'atomic',
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
  [`${APPS}.Deployment`]: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref(`${META}.ObjectMeta`, { default: {} }),
      spec: ref(`${APPS}.DeploymentSpec`, { default: {} }),
      status: ref(`${APPS}.DeploymentStatus`, { default: {} }),
    },
  },
  [`${APPS}.DeploymentSpec`]: {
    type: 'object',
    properties: {
      replicas: int,
      selector: ref(`${META}.LabelSelector`),
      template: ref(`${CORE}.PodTemplateSpec`, { default: {} }),
      strategy: ref(`${APPS}.DeploymentStrategy`, { default: {} }),
      minReadySeconds: int,
      revisionHistoryLimit: int,
      progressDeadlineSeconds: int,
      paused: { type: 'boolean' },
    },
    required: ['selector', 'template'],
  },
  [`${APPS}.DeploymentStrategy`]: {
    type: 'object',
    properties: { type: str, rollingUpdate: ref(`${APPS}.RollingUpdateDeployment`) },
  },
  [`${APPS}.RollingUpdateDeployment`]: {
    type: 'object',
    properties: {
      maxSurge: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
      maxUnavailable: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
    },
  },
  [`${APPS}.DeploymentStatus`]: {
    type: 'object',
    properties: {
      replicas: int,
      readyReplicas: int,
      observedGeneration: { type: 'integer', format: 'int64' },
      conditions: mapList(`${APPS}.DeploymentCondition`, ['type']),
    },
  },
  [`${APPS}.DeploymentCondition`]: {
    type: 'object',
    properties: {
      type: { type: 'string', default: '' },
      status: { type: 'string', default: '' },
      reason: str,
    },
    required: ['type', 'status'],
  },
  [`${CORE}.PodTemplateSpec`]: {
    type: 'object',
    properties: {
      metadata: ref(`${META}.ObjectMeta`, { default: {} }),
      spec: ref(`${CORE}.PodSpec`, { default: {} }),
    },
  },
  [`${CORE}.PodSpec`]: {
    type: 'object',
    properties: {
      containers: mapList(`${CORE}.Container`, ['name']),
      initContainers: mapList(`${CORE}.Container`, ['name']),
      nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
      restartPolicy: str,
      terminationGracePeriodSeconds: { type: 'integer', format: 'int64' },
      tolerations: {
        type: 'array',
        items: ref(`${CORE}.Toleration`, { default: {} }),
        'x-kubernetes-list-type': 'atomic',
      },
    },
    required: ['containers'],
  },
  [`${CORE}.Toleration`]: { type: 'object', properties: { key: str, operator: str, effect: str } },
  [`${CORE}.Container`]: {
    type: 'object',
    properties: {
      name: { type: 'string', default: '' },
      image: str,
      imagePullPolicy: str,
      args: atomicStrings,
      command: atomicStrings,
      env: mapList(`${CORE}.EnvVar`, ['name']),
      ports: mapList(`${CORE}.ContainerPort`, ['containerPort', 'protocol'], 'containerPort'),
      resources: ref(`${CORE}.ResourceRequirements`, { default: {} }),
    },
    required: ['name'],
  },
  [`${CORE}.ContainerPort`]: {
    type: 'object',
    properties: {
      name: str,
      containerPort: { type: 'integer', format: 'int32', default: 0 },
      protocol: { type: 'string', default: 'TCP' },
    },
    required: ['containerPort'],
  },
  [`${CORE}.EnvVar`]: {
    type: 'object',
    properties: { name: { type: 'string', default: '' }, value: str },
    required: ['name'],
  },
  [`${CORE}.ResourceRequirements`]: {
    type: 'object',
    properties: {
      limits: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
      requests: {
        type: 'object',
        additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity'),
      },
    },
  },
  [`${CORE}.ConfigMap`]: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref(`${META}.ObjectMeta`, { default: {} }),
      data: stringMap,
      binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      immutable: { type: 'boolean' },
    },
  },
};

/** apps/v1 Deployment. */
export const DEPLOYMENT: ApplySchema = { schemas: SCHEMAS, root: `${APPS}.Deployment` };

/** core/v1 ConfigMap. */
export const CONFIGMAP: ApplySchema = { schemas: SCHEMAS, root: `${CORE}.ConfigMap` };
