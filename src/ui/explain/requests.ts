/** API requests to kube-apiserver and its responses, explained by verb, resource and who asks. */
import type { TraceStep } from '../../sim/kernel/trace';
import { kindOf, objectPhrase, parseApiRequest, type ApiRequest } from './api-path';
import { actorName, roleOf, type Explanation, type Role } from './types';

const VERBS: Readonly<Record<string, string>> = {
  get: 'read',
  list: 'list',
  watch: 'watch',
  create: 'create',
  update: 'replace',
  patch: 'patch',
  delete: 'delete',
  deletecollection: 'delete',
};

/** Why a client makes a request: the first purpose that fits. */
interface Purpose {
  readonly role?: Role;
  readonly resource?: string | RegExp;
  readonly sub?: string | null;
  readonly verb?: string | RegExp;
  readonly why: string;
}

const PURPOSES: readonly Purpose[] = [
  {
    resource: 'leases',
    why: 'A heartbeat: renewing a Lease every few seconds tells the control plane the sender is alive (node leases for kubelets, leader election for controllers).',
  },
  {
    resource: 'events',
    why: 'Components record what they did as Events; `kubectl describe` and `kubectl get events` show them.',
  },
  {
    resource: 'pods',
    sub: 'binding',
    why: 'The scheduler has picked a node: creating a Binding sets the pod’s spec.nodeName, and the kubelet on that node will notice.',
  },
  {
    resource: 'pods',
    sub: 'eviction',
    why: 'An eviction is a delete that respects PodDisruptionBudgets: the apiserver refuses it if too few pods would remain available.',
  },
  {
    resource: 'pods',
    sub: 'status',
    role: 'kubelet',
    why: 'kubelet reports what really happened to the pod: its phase, IP, conditions (Ready) and container states.',
  },
  {
    resource: 'nodes',
    sub: 'status',
    role: 'kubelet',
    why: 'kubelet reports its node’s conditions, capacity and addresses; the node lifecycle controller watches these.',
  },
  {
    resource: 'nodes',
    verb: 'create',
    role: 'kubelet',
    why: 'A kubelet registers its node with the cluster when it starts.',
  },
  {
    resource: 'serviceaccounts',
    sub: 'token',
    why: 'kubelet asks for a short-lived, audience-bound token for the pod’s service account and mounts it into the pod.',
  },
  {
    resource: /^(configmaps|secrets)$/,
    role: 'kubelet',
    why: 'kubelet reads the ConfigMaps and Secrets a pod references, to mount them as files or pass them as environment variables.',
  },
  {
    resource: 'persistentvolumeclaims',
    role: 'scheduler',
    why: 'With WaitForFirstConsumer volumes the scheduler annotates the claim with the chosen node, so the volume is provisioned where the pod will run.',
  },
  {
    resource: 'replicasets',
    verb: 'create',
    role: 'controller-manager',
    why: 'The Deployment controller creates a ReplicaSet for each version of the Deployment’s pod template.',
  },
  {
    resource: 'pods',
    verb: 'create',
    role: 'controller-manager',
    why: 'A workload controller (ReplicaSet, Job, DaemonSet, StatefulSet) creates pods to reach the number its object asks for.',
  },
  {
    resource: 'pods',
    verb: 'delete',
    role: 'controller-manager',
    why: 'A controller deletes pods it no longer needs (scale down, a rolling update, or a node that is gone).',
  },
  {
    resource: /^(endpointslices|endpoints)$/,
    role: 'controller-manager',
    why: 'The EndpointSlice controller keeps, for each Service, the list of ready pod addresses that kube-proxy and CoreDNS use.',
  },
  {
    sub: 'status',
    role: 'controller-manager',
    why: 'A controller records what it observed (replicas ready, conditions) in the object’s status.',
  },
  {
    role: 'controller-manager',
    verb: /^(create|update|patch|delete)$/,
    why: 'A controller acts to make the cluster match what its objects ask for.',
  },
  {
    role: 'kube-proxy',
    why: 'kube-proxy follows Services, EndpointSlices and Nodes to program the node’s packet rules.',
  },
  {
    role: 'cni',
    why: 'The CNI agent (a DaemonSet pod) follows nodes, pods and NetworkPolicies to set up routes between nodes and enforce policies.',
  },
  {
    role: 'dns',
    why: 'CoreDNS follows Services and EndpointSlices to answer names like web.default.svc.cluster.local.',
  },
  {
    role: 'cloud',
    why: 'cloud-controller-manager brings cloud facts into the API: node provider IDs, zones and addresses, routes, and load balancers for Services.',
  },
  {
    role: 'scheduler',
    why: 'The scheduler follows pods, nodes and volumes to find pods without a node and the nodes that can take them.',
  },
  { role: 'kubelet', why: 'kubelet follows the pods bound to its node and everything they reference.' },
  {
    role: 'addon',
    why: 'A cluster add-on is an API client like any other: it reads and writes objects through kube-apiserver.',
  },
  {
    verb: 'discover',
    why: 'Clients discover which API groups, versions and resources the server offers before they call them (kubectl caches this).',
  },
];

function purpose(req: ApiRequest, role: Role): string | null {
  for (const p of PURPOSES) {
    if (p.role !== undefined && p.role !== role) continue;
    if (p.sub !== undefined && p.sub !== req.subresource) continue;
    if (typeof p.resource === 'string' && p.resource !== req.resource) continue;
    if (p.resource instanceof RegExp && !p.resource.test(req.resource)) continue;
    if (typeof p.verb === 'string' && p.verb !== req.verb) continue;
    if (p.verb instanceof RegExp && !p.verb.test(req.verb)) continue;
    return p.why;
  }
  return null;
}

const READ = 'Reads are served from the apiserver’s watch cache or from etcd. ';
const WRITE =
  'On its way in, every write is authenticated, authorized, admitted (mutating then validating admission), validated and only then stored in etcd; watchers hear about it afterwards. ';
const WATCH =
  'A watch is a long-lived request: the apiserver streams every change instead of the client polling. Informers list once, then watch. ';

/** Explains a request from a client to kube-apiserver. */
export function explainApiRequest(step: TraceStep): Explanation | null {
  const req = parseApiRequest(step.summary);
  if (req === null) return null;
  const who = actorName(step.from);
  const role = roleOf(step.from);
  if (req.verb === 'discover') {
    return {
      what: `${who} asks ${actorName(step.to)} for ${req.resource === '/version' ? 'its version' : `the discovery document ${req.resource}`}.`,
      why: purpose(req, role) ?? '',
    };
  }
  const verb = VERBS[req.verb] ?? req.verb;
  const object = objectPhrase(req);
  const what =
    req.subresource === null
      ? `${who} asks ${actorName(step.to)} to ${verb} ${object}.`
      : `${who} asks ${actorName(step.to)} to ${verb} the ${req.subresource} of ${object}.`;
  const general = req.verb === 'watch' ? WATCH : /^(get|list)$/.test(req.verb) ? READ : WRITE;
  const specific =
    purpose(req, role) ??
    (role === 'kubectl'
      ? 'You ran a kubectl command; kubectl turns each command into REST calls like this one.'
      : '');
  return { what, why: `${specific} ${general}`.trim() };
}

const STATUS: Readonly<Record<string, string>> = {
  '200': 'the request succeeded',
  '201': 'the object was created and stored in etcd',
  '202': 'the request was accepted and finishes later (e.g. a graceful deletion)',
  '204': 'the request succeeded with nothing to return',
  '400': 'the request was malformed',
  '401': 'the caller could not be authenticated',
  '403': 'the caller is not allowed to do this (authorization or admission refused it)',
  '404': 'no such object',
  '409':
    'a conflict: the object changed since the caller read it (or already exists); the caller re-reads and retries',
  '410': 'the requested resourceVersion is too old (compacted); the caller must list again',
  '422': 'the object is invalid: validation found errors',
  '429': 'too many requests; try again later',
  '500': 'the server failed',
  '503': 'the service is unavailable',
};

/** Explains an HTTP response travelling back to its caller. */
export function explainHttpResponse(step: TraceStep): Explanation | null {
  const m = /^(?:HTTP\/1\.1 )?(\d{3})\b(.*)$/.exec(step.summary);
  if (m === null) return null;
  const code = m[1]!;
  const meaning =
    STATUS[code] ??
    (code.startsWith('2') ? 'success' : code.startsWith('4') ? 'a client error' : 'a server error');
  const to = actorName(step.to);
  const from = actorName(step.from);
  if (step.from.includes('/pod/') && step.to.endsWith('/kubelet'))
    return {
      what: `${from} answers kubelet’s probe with ${code}.`,
      why: 'An HTTP probe passes on any status from 200 to 399; failures count towards the probe’s failureThreshold (readiness failures take the pod out of Service endpoints, liveness failures restart the container).',
    };
  if (m[2]?.includes('watch stream'))
    return {
      what: `${from} opens a watch stream to ${to}.`,
      why: 'The connection stays open: from now on the apiserver pushes every change to the watched objects as a watch event.',
    };
  return { what: `${from} answers ${to}: ${code}${m[2] ?? ''} — ${meaning}.`, why: responseWhy(code) };
}

function responseWhy(code: string): string {
  if (code === '409')
    return 'Kubernetes uses optimistic concurrency: every object has a resourceVersion (its etcd revision), and a write based on an older version is refused. Controllers simply retry; conflicts are normal.';
  if (code === '422')
    return 'The apiserver checks every object against the API’s schema and field rules before storing it.';
  if (code === '201')
    return 'The object now exists in etcd with a new resourceVersion, and every watcher of its kind will be told.';
  return 'Every API call ends with an HTTP status and, on failure, a Status object saying why.';
}

/** `Deployment`, `Pod`...: the kind named by a plural resource (re-exported for other explainers). */
export { kindOf };
