/**
 * Test fixture: a hand-written slice of kube-apiserver's OpenAPI v3 `components.schemas`,
 * shaped as upstream serves it (struct fields as `allOf`-wrapped `$ref`s, Quantity and
 * IntOrString as `oneOf`, Time as a date-time string), plus a CRD-style kind with
 * `x-kubernetes-preserve-unknown-fields` and `x-kubernetes-int-or-string`.
 */
import type { Schemas } from './resolve';

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} });
const plain = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string', default: '' };
const int32 = { type: 'integer', format: 'int32' };
const int64 = { type: 'integer', format: 'int64' };
const bool = { type: 'boolean' };
const strings = { type: 'array', items: str };
const stringMap = { type: 'object', additionalProperties: str };
const list = (name: string) => ({ type: 'array', items: ref(name) });
const struct = (properties: Record<string, object>) => ({ type: 'object', properties });
const typeMeta = { apiVersion: { type: 'string' }, kind: { type: 'string' } };

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';
const APPS = 'io.k8s.api.apps.v1';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const quantities = { type: 'object', additionalProperties: plain(QUANTITY) };

/** The fixture's component schemas. */
export const SCHEMAS: Schemas = {
  [QUANTITY]: {
    description: 'Quantity is a fixed-point number.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  [INT_OR_STRING]: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  [`${META}.Time`]: { type: 'string', format: 'date-time' },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time' },
  [`${META}.FieldsV1`]: { type: 'object', description: 'FieldsV1 stores a set of fields.' },
  [`${META}.ManagedFieldsEntry`]: struct({
    manager: { type: 'string' },
    fieldsV1: plain(`${META}.FieldsV1`),
    time: plain(`${META}.Time`),
  }),
  [`${META}.ObjectMeta`]: struct({
    name: { type: 'string' },
    namespace: { type: 'string' },
    uid: { type: 'string' },
    generation: int64,
    labels: stringMap,
    annotations: stringMap,
    creationTimestamp: plain(`${META}.Time`),
    managedFields: list(`${META}.ManagedFieldsEntry`),
  }),
  [`${META}.LabelSelectorRequirement`]: struct({ key: str, operator: str, values: strings }),
  [`${META}.LabelSelector`]: struct({
    matchLabels: stringMap,
    matchExpressions: list(`${META}.LabelSelectorRequirement`),
  }),
  [`${APPS}.Deployment`]: struct({
    ...typeMeta,
    metadata: ref(`${META}.ObjectMeta`),
    spec: ref(`${APPS}.DeploymentSpec`),
    status: ref(`${APPS}.DeploymentStatus`),
  }),
  [`${APPS}.DeploymentSpec`]: struct({
    replicas: int32,
    selector: plain(`${META}.LabelSelector`),
    template: ref(`${CORE}.PodTemplateSpec`),
    strategy: ref(`${APPS}.DeploymentStrategy`),
    paused: bool,
  }),
  [`${APPS}.DeploymentStrategy`]: struct({
    type: str,
    rollingUpdate: plain(`${APPS}.RollingUpdateDeployment`),
  }),
  [`${APPS}.RollingUpdateDeployment`]: struct({
    maxSurge: plain(INT_OR_STRING),
    maxUnavailable: plain(INT_OR_STRING),
  }),
  [`${APPS}.DeploymentStatus`]: struct({ replicas: int32, readyReplicas: int32 }),
  [`${CORE}.PodTemplateSpec`]: struct({ metadata: ref(`${META}.ObjectMeta`), spec: ref(`${CORE}.PodSpec`) }),
  [`${CORE}.PodSpec`]: struct({
    containers: list(`${CORE}.Container`),
    nodeSelector: stringMap,
    restartPolicy: str,
    terminationGracePeriodSeconds: int64,
    hostNetwork: bool,
    overhead: quantities,
  }),
  [`${CORE}.Container`]: struct({
    name: str,
    image: { type: 'string' },
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
    args: strings,
    ports: list(`${CORE}.ContainerPort`),
    resources: ref(`${CORE}.ResourceRequirements`),
    livenessProbe: plain(`${CORE}.Probe`),
  }),
  [`${CORE}.ContainerPort`]: struct({ name: { type: 'string' }, containerPort: int32, protocol: str }),
  [`${CORE}.ResourceRequirements`]: struct({ limits: quantities, requests: quantities }),
  [`${CORE}.Probe`]: struct({ httpGet: plain(`${CORE}.HTTPGetAction`), periodSeconds: int32 }),
  [`${CORE}.HTTPGetAction`]: struct({ path: { type: 'string' }, port: ref(INT_OR_STRING) }),
  [`${CORE}.Secret`]: struct({
    ...typeMeta,
    metadata: ref(`${META}.ObjectMeta`),
    data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
    stringData: stringMap,
    type: { type: 'string' },
  }),
  'io.k8s.api.coordination.v1.Lease': struct({
    ...typeMeta,
    metadata: ref(`${META}.ObjectMeta`),
    spec: ref('io.k8s.api.coordination.v1.LeaseSpec'),
  }),
  'io.k8s.api.coordination.v1.LeaseSpec': struct({
    holderIdentity: { type: 'string' },
    renewTime: plain(`${META}.MicroTime`),
  }),
  'com.example.v1.Widget': struct({
    ...typeMeta,
    metadata: ref(`${META}.ObjectMeta`),
    spec: {
      type: 'object',
      properties: {
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        size: { type: 'integer' },
      },
    },
  }),
};

/** A valid Deployment that exercises every part of the fixture. */
export function deployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      labels: { app: 'web' },
      creationTimestamp: '2024-05-01T10:00:00Z',
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 0.25 } },
              livenessProbe: { httpGet: { path: '/', port: 'http' } },
            },
          ],
          overhead: { cpu: 1 },
        },
      },
    },
  };
}
