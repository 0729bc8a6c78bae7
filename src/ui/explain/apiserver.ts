/** kube-apiserver's own decisions while it handles a request: authn, authz, admission, validation... */
import type { TraceStep } from '../../sim/kernel/trace';
import { applyRules, type Explanation, type Rule } from './types';

/** What each admission plugin the simulation runs does, in a few words. */
const ADMISSION: Readonly<Record<string, string>> = {
  NamespaceLifecycle: 'refuses new objects in namespaces that do not exist or are being deleted',
  ServiceAccount: 'gives the pod its namespace’s default service account and the token volume',
  Priority: 'resolves the pod’s priorityClassName into a priority number',
  DefaultTolerationSeconds: 'adds 300 s tolerations for not-ready and unreachable nodes',
  DefaultStorageClass: 'gives a claim without a storage class the default one',
  StorageObjectInUseProtection: 'adds a finalizer so a claim or volume in use is not deleted',
  ResourceQuota: 'charges the object to its namespace’s quota and refuses it if over',
  LimitRanger: 'applies default requests and limits from LimitRanges',
  RuntimeClass: 'adds the RuntimeClass’s overhead and scheduling constraints',
  PodSecurity: 'checks the pod against the namespace’s Pod Security level',
  NodeRestriction: 'limits what a kubelet may change to its own node and pods',
};

function plugins(list: string): string {
  return list
    .split(/,\s*/)
    .map((p) => p.replace(/:.*$/, '').trim())
    .filter((p) => p !== '')
    .map((p) => (ADMISSION[p] === undefined ? p : `${p} ${ADMISSION[p]}`))
    .join('; ');
}

const RULES: readonly Rule[] = [
  {
    match: /^authentication: (.+)$/,
    explain: (m) => ({
      what: `kube-apiserver authenticates the request: it comes from ${m[1] === 'system:anonymous' ? 'an anonymous caller' : `the user ${m[1]}`}.`,
      why: 'Authentication is the first stage of every request: client certificates, bearer tokens or service account tokens say who is calling; authorization then decides what they may do.',
    }),
  },
  {
    match: /^authorization: (allowed|denied) (\S+) (\S+)(?: \((.+)\))?/,
    explain: (m) => ({
      what: `kube-apiserver authorizes the request: ${m[1] === 'allowed' ? 'allowed' : 'denied'} to ${m[2]} ${m[3]}${m[4] === undefined ? '' : ` (by ${m[4]})`}.`,
      why: 'Authorizers (RBAC, Node, …) check the user’s verb on the resource before anything else happens; a denial ends the request with 403 Forbidden.',
    }),
  },
  {
    match: /^mutating admission: (.+)$/,
    explain: (m) => ({
      what: `Mutating admission runs: ${plugins(m[1]!)}.`,
      why: 'Mutating admission plugins may change the object before it is validated and stored: this is where defaults and injected fields come from.',
    }),
  },
  {
    match: /^validating admission: (.+)$/,
    explain: (m) => ({
      what: `Validating admission runs: ${plugins(m[1]!)}.`,
      why: 'Validating admission plugins can only accept or reject the object, after mutation and schema validation.',
    }),
  },
  {
    match: /^validation: (valid|.+)$/,
    explain: (m) => ({
      what: m[1] === 'valid' ? 'The object passes validation.' : `Validation fails: ${m[1]}.`,
      why: 'Every object is checked against its type’s schema and field rules; an invalid object is refused with 422 Invalid and never reaches etcd.',
    }),
  },
  {
    match: /^patch: (\S+)/,
    explain: (m) => ({
      what: `kube-apiserver applies a ${m[1]} patch to the current object.`,
      why: 'A patch sends only the fields to change; the apiserver merges it into the stored object (JSON patch, merge patch, strategic merge patch or server-side apply).',
    }),
  },
  {
    match: /^binding: (\S+) -> (\S+)/,
    explain: (m) => ({
      what: `kube-apiserver binds pod ${m[1]} to node ${m[2]}: it sets spec.nodeName.`,
      why: 'The binding subresource is how the scheduler’s choice becomes part of the pod; the kubelet on that node watches for pods with its name.',
    }),
  },
  {
    match:
      /^(deleting|graceful deletion|marked for deletion|last finalizer removed|finalize namespace)\b(.*)$/,
    explain: (m) => ({
      what: `kube-apiserver handles a deletion: ${m[1]}${m[2]}.`,
      why: 'Deletion is two-phase: the apiserver sets deletionTimestamp, kubelet stops a pod’s containers within its grace period, and controllers named in finalizers clean up; only then is the object removed from etcd.',
    }),
  },
  {
    match: /^eviction (allowed|denied|refused)?:?\s*(.*)$/,
    explain: (m) => ({
      what: `kube-apiserver decides on an eviction: ${m[1] ?? ''} ${m[2]}.`.replace(/\s+/g, ' '),
      why: 'Evictions respect PodDisruptionBudgets: the eviction is refused (429) when it would leave too few pods available.',
    }),
  },
  {
    match: /^token: (.+)$/,
    explain: (m) => ({
      what: `kube-apiserver issues a service account token: ${m[1]}.`,
      why: 'Pods get short-lived, audience-bound tokens through the TokenRequest API; kubelet refreshes them before they expire.',
    }),
  },
  {
    match: /^service allocation: (.+)$/,
    explain: (m) => ({
      what: `kube-apiserver allocates an address for the Service: ${m[1]}.`,
      why: 'Cluster IPs and node ports come from the apiserver’s allocators when a Service is created, so they are unique across the cluster.',
    }),
  },
  {
    match: /^aggregator: (.+)$/,
    explain: (m) => ({
      what: `kube-apiserver’s aggregation layer: ${m[1]}.`,
      why: 'Some APIs (like metrics.k8s.io) are served by other servers; the apiserver proxies their requests according to APIService objects.',
    }),
  },
  {
    match: /^compaction: (.+)$/,
    explain: (m) => ({
      what: `kube-apiserver’s etcd compaction timer: ${m[1]}.`,
      why: 'etcd keeps old revisions until compacted; the apiserver compacts every 5 minutes so etcd does not grow without bound.',
    }),
  },
];

/** Explains a decision kube-apiserver records while handling a request. */
export function explainApiserverDecision(step: TraceStep): Explanation | null {
  return applyRules(RULES, step);
}
