/**
 * The resources this apiserver serves, as kube-apiserver v1.32 registers them: group,
 * version, kind, names, scope, verbs, subresources and where they live in etcd. Discovery,
 * routing and storage all read this one table. Aggregated APIs (metrics.k8s.io) are not here:
 * their servers serve them, through the aggregator (see aggregator/).
 */

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface ResourceInfo {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name, used in URLs: `deployments`. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  /** Subresources served under `<plural>/<name>/<sub>`, e.g. `status`, `scale`, `log`. */
  readonly subresources: readonly string[];
  /** etcd key prefix under /registry, e.g. `minions` for nodes, as upstream stores them. */
  readonly etcdPrefix: string;
  /** The group/version whose objects are stored; other versions are converted. */
  readonly storageVersion: string;
}

const ALL_VERBS: readonly Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const READ_ONLY: readonly Verb[] = ['get', 'list'];

interface Spec {
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: readonly Verb[];
  subresources?: string[];
  etcdPrefix?: string;
  storageVersion?: string;
}

function groupVersion(group: string, version: string, specs: Spec[]): ResourceInfo[] {
  const gv = group === '' ? version : `${group}/${version}`;
  return specs.map((s) => ({
    group,
    version,
    kind: s.kind,
    plural: s.plural,
    singular: s.kind.toLowerCase(),
    namespaced: s.namespaced,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    verbs: s.verbs ?? ALL_VERBS,
    subresources: s.subresources ?? [],
    etcdPrefix: s.etcdPrefix ?? s.plural,
    storageVersion: s.storageVersion ?? gv,
  }));
}

const ns = true;
const cluster = false;
const ALL = ['all'];

/** Every resource served, in discovery order. */
export const RESOURCES: readonly ResourceInfo[] = [
  ...groupVersion('', 'v1', [
    { kind: 'Binding', plural: 'bindings', namespaced: ns, verbs: ['create'] },
    {
      kind: 'ComponentStatus',
      plural: 'componentstatuses',
      namespaced: cluster,
      shortNames: ['cs'],
      verbs: READ_ONLY,
    },
    { kind: 'ConfigMap', plural: 'configmaps', namespaced: ns, shortNames: ['cm'] },
    {
      kind: 'Endpoints',
      plural: 'endpoints',
      namespaced: ns,
      shortNames: ['ep'],
      etcdPrefix: 'services/endpoints',
    },
    { kind: 'Event', plural: 'events', namespaced: ns, shortNames: ['ev'] },
    { kind: 'LimitRange', plural: 'limitranges', namespaced: ns, shortNames: ['limits'] },
    {
      kind: 'Namespace',
      plural: 'namespaces',
      namespaced: cluster,
      shortNames: ['ns'],
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: ['finalize', 'status'],
    },
    {
      kind: 'Node',
      plural: 'nodes',
      namespaced: cluster,
      shortNames: ['no'],
      subresources: ['proxy', 'status'],
      etcdPrefix: 'minions',
    },
    {
      kind: 'PersistentVolumeClaim',
      plural: 'persistentvolumeclaims',
      namespaced: ns,
      shortNames: ['pvc'],
      subresources: ['status'],
    },
    {
      kind: 'PersistentVolume',
      plural: 'persistentvolumes',
      namespaced: cluster,
      shortNames: ['pv'],
      subresources: ['status'],
    },
    {
      kind: 'Pod',
      plural: 'pods',
      namespaced: ns,
      shortNames: ['po'],
      categories: ALL,
      subresources: [
        'attach',
        'binding',
        'ephemeralcontainers',
        'eviction',
        'exec',
        'log',
        'portforward',
        'proxy',
        'status',
      ],
    },
    { kind: 'PodTemplate', plural: 'podtemplates', namespaced: ns },
    {
      kind: 'ReplicationController',
      plural: 'replicationcontrollers',
      namespaced: ns,
      shortNames: ['rc'],
      categories: ALL,
      subresources: ['scale', 'status'],
      etcdPrefix: 'controllers',
    },
    {
      kind: 'ResourceQuota',
      plural: 'resourcequotas',
      namespaced: ns,
      shortNames: ['quota'],
      subresources: ['status'],
    },
    { kind: 'Secret', plural: 'secrets', namespaced: ns },
    {
      kind: 'ServiceAccount',
      plural: 'serviceaccounts',
      namespaced: ns,
      shortNames: ['sa'],
      subresources: ['token'],
    },
    {
      kind: 'Service',
      plural: 'services',
      namespaced: ns,
      shortNames: ['svc'],
      categories: ALL,
      subresources: ['proxy', 'status'],
      etcdPrefix: 'services/specs',
    },
  ]),
  ...groupVersion('admissionregistration.k8s.io', 'v1', [
    {
      kind: 'MutatingWebhookConfiguration',
      plural: 'mutatingwebhookconfigurations',
      namespaced: cluster,
      categories: ['api-extensions'],
    },
    {
      kind: 'ValidatingAdmissionPolicy',
      plural: 'validatingadmissionpolicies',
      namespaced: cluster,
      categories: ['api-extensions'],
      subresources: ['status'],
    },
    {
      kind: 'ValidatingAdmissionPolicyBinding',
      plural: 'validatingadmissionpolicybindings',
      namespaced: cluster,
      categories: ['api-extensions'],
    },
    {
      kind: 'ValidatingWebhookConfiguration',
      plural: 'validatingwebhookconfigurations',
      namespaced: cluster,
      categories: ['api-extensions'],
    },
  ]),
  ...groupVersion('apiextensions.k8s.io', 'v1', [
    {
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      namespaced: cluster,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      subresources: ['status'],
    },
  ]),
  ...groupVersion('apiregistration.k8s.io', 'v1', [
    {
      kind: 'APIService',
      plural: 'apiservices',
      namespaced: cluster,
      categories: ['api-extensions'],
      subresources: ['status'],
      etcdPrefix: 'apiregistration.k8s.io/apiservices',
    },
  ]),
  ...groupVersion('apps', 'v1', [
    { kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: ns },
    {
      kind: 'DaemonSet',
      plural: 'daemonsets',
      namespaced: ns,
      shortNames: ['ds'],
      categories: ALL,
      subresources: ['status'],
    },
    {
      kind: 'Deployment',
      plural: 'deployments',
      namespaced: ns,
      shortNames: ['deploy'],
      categories: ALL,
      subresources: ['scale', 'status'],
    },
    {
      kind: 'ReplicaSet',
      plural: 'replicasets',
      namespaced: ns,
      shortNames: ['rs'],
      categories: ALL,
      subresources: ['scale', 'status'],
    },
    {
      kind: 'StatefulSet',
      plural: 'statefulsets',
      namespaced: ns,
      shortNames: ['sts'],
      categories: ALL,
      subresources: ['scale', 'status'],
    },
  ]),
  ...groupVersion('authentication.k8s.io', 'v1', [
    { kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: cluster, verbs: ['create'] },
    { kind: 'TokenReview', plural: 'tokenreviews', namespaced: cluster, verbs: ['create'] },
  ]),
  ...groupVersion('authorization.k8s.io', 'v1', [
    {
      kind: 'LocalSubjectAccessReview',
      plural: 'localsubjectaccessreviews',
      namespaced: ns,
      verbs: ['create'],
    },
    {
      kind: 'SelfSubjectAccessReview',
      plural: 'selfsubjectaccessreviews',
      namespaced: cluster,
      verbs: ['create'],
    },
    {
      kind: 'SelfSubjectRulesReview',
      plural: 'selfsubjectrulesreviews',
      namespaced: cluster,
      verbs: ['create'],
    },
    { kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', namespaced: cluster, verbs: ['create'] },
  ]),
  ...groupVersion('autoscaling', 'v2', [
    {
      kind: 'HorizontalPodAutoscaler',
      plural: 'horizontalpodautoscalers',
      namespaced: ns,
      shortNames: ['hpa'],
      categories: ALL,
      subresources: ['status'],
    },
  ]),
  ...groupVersion('autoscaling', 'v1', [
    {
      kind: 'HorizontalPodAutoscaler',
      plural: 'horizontalpodautoscalers',
      namespaced: ns,
      shortNames: ['hpa'],
      categories: ALL,
      subresources: ['status'],
      storageVersion: 'autoscaling/v2',
    },
  ]),
  ...groupVersion('batch', 'v1', [
    {
      kind: 'CronJob',
      plural: 'cronjobs',
      namespaced: ns,
      shortNames: ['cj'],
      categories: ALL,
      subresources: ['status'],
    },
    { kind: 'Job', plural: 'jobs', namespaced: ns, categories: ALL, subresources: ['status'] },
  ]),
  ...groupVersion('coordination.k8s.io', 'v1', [{ kind: 'Lease', plural: 'leases', namespaced: ns }]),
  ...groupVersion('discovery.k8s.io', 'v1', [
    { kind: 'EndpointSlice', plural: 'endpointslices', namespaced: ns },
  ]),
  ...groupVersion('events.k8s.io', 'v1', [
    { kind: 'Event', plural: 'events', namespaced: ns, shortNames: ['ev'], storageVersion: 'v1' },
  ]),
  ...groupVersion('networking.k8s.io', 'v1', [
    { kind: 'IngressClass', plural: 'ingressclasses', namespaced: cluster },
    {
      kind: 'Ingress',
      plural: 'ingresses',
      namespaced: ns,
      shortNames: ['ing'],
      subresources: ['status'],
      etcdPrefix: 'ingress',
    },
    { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: ns, shortNames: ['netpol'] },
  ]),
  ...groupVersion('node.k8s.io', 'v1', [
    { kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: cluster },
  ]),
  ...groupVersion('policy', 'v1', [
    {
      kind: 'PodDisruptionBudget',
      plural: 'poddisruptionbudgets',
      namespaced: ns,
      shortNames: ['pdb'],
      subresources: ['status'],
    },
  ]),
  ...groupVersion('rbac.authorization.k8s.io', 'v1', [
    { kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: cluster },
    { kind: 'ClusterRole', plural: 'clusterroles', namespaced: cluster },
    { kind: 'RoleBinding', plural: 'rolebindings', namespaced: ns },
    { kind: 'Role', plural: 'roles', namespaced: ns },
  ]),
  ...groupVersion('scheduling.k8s.io', 'v1', [
    { kind: 'PriorityClass', plural: 'priorityclasses', namespaced: cluster, shortNames: ['pc'] },
  ]),
  ...groupVersion('storage.k8s.io', 'v1', [
    { kind: 'CSIDriver', plural: 'csidrivers', namespaced: cluster },
    { kind: 'CSINode', plural: 'csinodes', namespaced: cluster },
    { kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', namespaced: ns },
    { kind: 'StorageClass', plural: 'storageclasses', namespaced: cluster, shortNames: ['sc'] },
    { kind: 'VolumeAttachment', plural: 'volumeattachments', namespaced: cluster, subresources: ['status'] },
  ]),
  // Kubelab's chaos API: served as kube-apiserver serves the custom resource of an established
  // CRD (src/sim/faults/crd.ts, which the installer creates), after the built-in groups.
  ...groupVersion('chaos.kubelab.dev', 'v1alpha1', [
    { kind: 'Fault', plural: 'faults', namespaced: cluster, categories: ['chaos'], subresources: ['status'] },
  ]),
];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** `deployments.apps`, or `pods` for the core group: how errors name a resource. */
export function qualifiedName(r: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

/** The resource served at group/version/plural, if any. */
export function findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

/** The resource for an apiVersion and kind, as a manifest names it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}
