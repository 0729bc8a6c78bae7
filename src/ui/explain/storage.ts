/** etcd reads and writes, and watch events from etcd to the apiserver and from the apiserver to clients. */
import type { TraceStep } from '../../sim/kernel/trace';
import { kindOf } from './api-path';
import { actorName, applyRules, roleOf, type Explanation, type Rule } from './types';

/** `/registry/deployments/default/web` -> `the Deployment default/web` (etcd keys are /registry/<resource>/[<ns>/]<name>). */
export function keyPhrase(key: string): string {
  const parts = key
    .replace(/^\/registry\//, '')
    .split('/')
    .filter((p) => p !== '');
  if (parts.length === 0) return key;
  const resource = parts[0] === 'minions' ? 'nodes' : parts[0]!;
  const kind = kindOf(resource);
  if (parts.length === 1) return `every ${kind}`;
  return `the ${kind} ${parts.slice(1).join('/')}`;
}

const detailOf = (step: TraceStep): Record<string, unknown> =>
  typeof step.detail === 'object' && step.detail !== null && !Array.isArray(step.detail)
    ? (step.detail as Record<string, unknown>)
    : {};

const STORAGE: readonly Rule[] = [
  {
    match: /^GET (\S+)/,
    explain: (m, s) => ({
      what: `kube-apiserver reads ${keyPhrase(m[1]!)} from etcd (key ${m[1]}).`,
      why:
        detailOf(s).found === false
          ? 'The key does not exist, so the apiserver will answer 404 NotFound or create it.'
          : 'The apiserver reads the current object before changing it, or to check something admission needs (the namespace exists, the service account, quotas).',
    }),
  },
  {
    match: /^RANGE (\S+)/,
    explain: (m) => ({
      what: `kube-apiserver lists the keys under ${m[1]} in etcd (${keyPhrase(m[1]!)}).`,
      why: 'A list reads a key range at one revision, so the result is a consistent snapshot; admission also lists, e.g. ResourceQuota reads the namespace’s quotas.',
    }),
  },
  {
    match: /^PUT (\S+) \(rev (\d+)\)/,
    explain: (m, s) => {
      const created = detailOf(s).txn === 'create';
      return {
        what: `kube-apiserver ${created ? 'stores the new' : 'writes the updated'} ${keyPhrase(m[1]!).replace(/^the /, '')} in etcd; etcd’s revision is now ${m[2]}.`,
        why: created
          ? 'The write is a transaction that succeeds only if the key does not exist yet. The revision becomes the object’s resourceVersion, and etcd tells every watcher of this key prefix.'
          : 'The write succeeds only if nobody changed the object since it was read (compare-and-swap on its revision): that is how Kubernetes avoids lost updates. Watchers hear about the change.',
      };
    },
  },
  {
    match: /^DELETE (\S+)/,
    explain: (m) => ({
      what: `kube-apiserver deletes ${keyPhrase(m[1]!)} from etcd.`,
      why: 'Once its finalizers are gone and its grace period is over, the object is removed; watchers get a DELETED event.',
    }),
  },
  {
    match: /^TXN failed: (\S+)/,
    explain: (m) => ({
      what: `etcd refuses a write to ${keyPhrase(m[1]!)}: the object changed since the writer read it.`,
      why: 'Optimistic concurrency: the apiserver answers 409 Conflict, and the client (usually a controller) reads the new version and tries again.',
    }),
  },
  {
    match: /^WATCH (\S+) from rev (\d+)/,
    explain: (m) => ({
      what: `kube-apiserver opens an etcd watch on ${m[1]} from revision ${m[2]}.`,
      why: 'The apiserver’s watch cache follows etcd, so it can serve lists and watches to thousands of clients without asking etcd each time.',
    }),
  },
  {
    match: /^COMPACT/,
    explain: () => ({
      what: 'etcd compacts its history up to an old revision.',
      why: 'etcd keeps every version of every key until compaction; watches that start from a compacted revision get 410 Gone and must list again.',
    }),
  },
];

/** Explains an etcd operation. */
export function explainStorage(step: TraceStep): Explanation | null {
  return applyRules(STORAGE, step);
}

const WATCHERS: Partial<Record<ReturnType<typeof roleOf>, string>> = {
  'controller-manager':
    'kube-controller-manager’s informers watch the objects its controllers care about; each event queues work for the controllers that own or depend on the object.',
  scheduler:
    'The scheduler watches pods (to find ones without a node) and nodes, volumes and other pods (to know where they fit).',
  kubelet:
    'Each kubelet watches the pods bound to its node (and the node itself): a new pod there is its cue to start it.',
  'kube-proxy':
    'kube-proxy watches Services, EndpointSlices and Nodes: any change may mean new packet rules.',
  cni: 'The CNI agent watches nodes, pods and NetworkPolicies to keep routes and policy rules up to date.',
  dns: 'CoreDNS watches Services and EndpointSlices to answer DNS names for them.',
  cloud: 'cloud-controller-manager watches Nodes and Services to set up cloud resources for them.',
  kubectl:
    'kubectl is watching (kubectl get -w, rollout status or wait): it prints each change as it arrives.',
};

const EVENT_WORDS: Readonly<Record<string, string>> = {
  ADDED: 'was created',
  MODIFIED: 'changed',
  DELETED: 'was deleted',
};

/** Explains a watch event: etcd to the apiserver, or the apiserver to one of its clients. */
export function explainWatch(step: TraceStep): Explanation | null {
  const fromEtcd = /^watch (PUT|DELETE) (\S+) \(rev (\d+)\)/.exec(step.summary);
  if (fromEtcd !== null)
    return {
      what: `etcd tells kube-apiserver that ${keyPhrase(fromEtcd[2]!)} ${fromEtcd[1] === 'PUT' ? 'was written' : 'was deleted'} (revision ${fromEtcd[3]}).`,
      why: 'The apiserver holds one etcd watch per resource for its watch cache; from there it fans the change out to every client watching that resource.',
    };
  const bookmark = /^watch BOOKMARK (\S+)/.exec(step.summary);
  if (bookmark !== null)
    return {
      what: `kube-apiserver sends ${actorName(step.to)} a bookmark for its ${bookmark[1]} watch.`,
      why: 'A bookmark says “nothing you care about changed, but you are now up to this resourceVersion”, so a watch that reconnects can resume instead of listing everything again.',
    };
  const event = /^watch (ADDED|MODIFIED|DELETED|ERROR) ([^/\s]+)(?:\/(\S+))?/.exec(step.summary);
  if (event === null) return null;
  const [, type, resource, name] = event;
  const object = `${name === undefined ? 'a' : 'the'} ${kindOf(resource!)}${name === undefined ? '' : ` ${name}`}`;
  return {
    what:
      type === 'ERROR'
        ? `kube-apiserver ends ${actorName(step.to)}’s watch on ${resource} with an error.`
        : `kube-apiserver tells ${actorName(step.to)} that ${object} ${EVENT_WORDS[type!]}.`,
    why:
      WATCHERS[roleOf(step.to)] ??
      'Every client that watches this resource gets the event; nobody polls. This fan-out is how changes travel through Kubernetes.',
  };
}
