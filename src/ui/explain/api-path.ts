/**
 * Reads a Kubernetes REST request line (`POST /apis/apps/v1/namespaces/default/deployments`)
 * back into what it asks for: the verb RBAC would check, the resource, namespace, name and
 * subresource.
 */

/** What one API request line asks for. */
export interface ApiRequest {
  readonly method: string;
  /** The RBAC verb: get, list, watch, create, update, patch, delete, deletecollection; or `discover`. */
  readonly verb: string;
  /** `apps/v1`, `v1`, or `` for non-resource paths. */
  readonly groupVersion: string;
  /** The plural resource (`deployments`), or the path for non-resource requests (`/version`). */
  readonly resource: string;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly subresource: string | null;
  /** The query string without its `?`. */
  readonly query: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/** Parses `METHOD /path?query`; null if the line is not an HTTP request to an API path. */
export function parseApiRequest(line: string): ApiRequest | null {
  const m = /^([A-Z]+) (\/[^\s?]*)(?:\?(\S*))?/.exec(line);
  if (m === null || !METHODS.has(m[1]!)) return null;
  const method = m[1]!;
  const path = m[2]!;
  const query = m[3] ?? '';
  const segs = path.split('/').filter((s) => s !== '');
  let rest: string[];
  let groupVersion: string;
  if (segs[0] === 'api' && segs.length >= 2) {
    groupVersion = segs[1]!;
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    groupVersion = `${segs[1]}/${segs[2]}`;
    rest = segs.slice(3);
  } else {
    return {
      method,
      verb: 'discover',
      groupVersion: '',
      resource: path,
      namespace: null,
      name: null,
      subresource: null,
      query,
    };
  }
  if (rest.length === 0) {
    return {
      method,
      verb: 'discover',
      groupVersion,
      resource: path,
      namespace: null,
      name: null,
      subresource: null,
      query,
    };
  }
  let namespace: string | null = null;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!))
  ) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  const resource = rest[0]!;
  const name = rest[1] ?? null;
  const subresource = rest.length > 2 ? rest.slice(2).join('/') : null;
  return {
    method,
    verb: verbOf(method, name, query),
    groupVersion,
    resource,
    namespace,
    name,
    subresource,
    query,
  };
}

function verbOf(method: string, name: string | null, query: string): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (/(^|&)watch=(true|1)(&|$)/.test(query)) return 'watch';
      return name === null ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name === null ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

/** Kinds whose names do not follow from their plural by dropping an `s`. */
const KINDS: Readonly<Record<string, string>> = {
  endpoints: 'Endpoints',
  endpointslices: 'EndpointSlice',
  ingresses: 'Ingress',
  ingressclasses: 'IngressClass',
  networkpolicies: 'NetworkPolicy',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  persistentvolumes: 'PersistentVolume',
  storageclasses: 'StorageClass',
  priorityclasses: 'PriorityClass',
  runtimeclasses: 'RuntimeClass',
  poddisruptionbudgets: 'PodDisruptionBudget',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  cronjobs: 'CronJob',
  configmaps: 'ConfigMap',
  serviceaccounts: 'ServiceAccount',
  resourcequotas: 'ResourceQuota',
  limitranges: 'LimitRange',
  volumeattachments: 'VolumeAttachment',
  csidrivers: 'CSIDriver',
  csinodes: 'CSINode',
  apiservices: 'APIService',
  customresourcedefinitions: 'CustomResourceDefinition',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
  rolebindings: 'RoleBinding',
  controllerrevisions: 'ControllerRevision',
  podtemplates: 'PodTemplate',
  mutatingwebhookconfigurations: 'MutatingWebhookConfiguration',
  validatingwebhookconfigurations: 'ValidatingWebhookConfiguration',
  certificatesigningrequests: 'CertificateSigningRequest',
};

/** The Kind of a plural resource: `deployments` -> `Deployment`, `networkpolicies` -> `NetworkPolicy`. */
export function kindOf(resource: string): string {
  const known = KINDS[resource];
  if (known !== undefined) return known;
  const singular = resource.endsWith('ies') ? `${resource.slice(0, -3)}y` : resource.replace(/s$/, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** `the Deployment default/web`, `Deployments in default`, `all Nodes`: the object(s) a request is about. */
export function objectPhrase(req: ApiRequest): string {
  const kind = kindOf(req.resource);
  if (req.name !== null) return `the ${kind} ${req.namespace === null ? '' : `${req.namespace}/`}${req.name}`;
  if (req.verb === 'create')
    return `a ${kind}${req.namespace === null ? '' : ` in namespace ${req.namespace}`}`;
  return req.namespace === null ? `all ${kind} objects` : `the ${kind} objects in namespace ${req.namespace}`;
}
