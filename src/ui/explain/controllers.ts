/** Decisions of the controllers (kube-controller-manager, cloud-controller-manager) and of the scheduler. */
import type { TraceStep } from '../../sim/kernel/trace';
import { applyRules, type Explanation, type Rule } from './types';

/** What each controller is for, by the name it prefixes its decisions with. */
const CONTROLLERS: Readonly<Record<string, string>> = {
  deployment:
    'The Deployment controller keeps one ReplicaSet per pod template and moves replicas from old to new ones during a rollout.',
  replicaset:
    'The ReplicaSet controller counts the pods matching its selector and creates or deletes pods until there are exactly spec.replicas.',
  replicationcontroller:
    'The ReplicationController controller keeps spec.replicas pods running (the ancestor of ReplicaSets).',
  daemonset:
    'The DaemonSet controller runs one pod on every node that matches (nodes added later get one too).',
  statefulset:
    'The StatefulSet controller creates pods one by one with stable names (db-0, db-1…) and their own volumes.',
  job: 'The Job controller runs pods until the required number complete successfully, retrying failures up to backoffLimit.',
  cronjob: 'The CronJob controller creates a Job at each scheduled time.',
  endpoint:
    'The Endpoints controller lists each Service’s ready pod addresses (the older API EndpointSlices replace).',
  endpoints:
    'The Endpoints controller lists each Service’s ready pod addresses (the older API EndpointSlices replace).',
  endpointslice:
    'The EndpointSlice controller keeps each Service’s EndpointSlices listing its pods’ addresses and readiness; kube-proxy and CoreDNS use them.',
  endpoint_slice:
    'The EndpointSlice controller keeps each Service’s EndpointSlices listing its pods’ addresses and readiness.',
  'garbage-collector':
    'The garbage collector deletes objects whose owners (ownerReferences) are gone: pods of a deleted ReplicaSet, Jobs of a deleted CronJob.',
  'horizontal-pod-autoscaler':
    'The HPA controller compares observed metrics (CPU from metrics-server) with the target and scales the workload.',
  disruption:
    'The disruption controller computes how many pods each PodDisruptionBudget allows to be disrupted right now.',
  resourcequota: 'The ResourceQuota controller recounts what each namespace uses against its quotas.',
  'node-ipam': 'The node IPAM controller gives each node a slice of the pod network (its pod CIDR).',
  'node-lifecycle':
    'The node lifecycle controller watches node heartbeats and taints nodes that are not ready or unreachable.',
  node_lifecycle_controller:
    'The node lifecycle controller watches node heartbeats and taints nodes that are not ready or unreachable.',
  'taint-eviction':
    'The taint eviction controller deletes pods that do not tolerate their node’s NoExecute taints (after tolerationSeconds).',
  'taint-eviction-controller':
    'The taint eviction controller deletes pods that do not tolerate their node’s NoExecute taints.',
  'persistentvolume-controller':
    'The PersistentVolume controller binds claims to volumes, and asks a provisioner for a new volume when none fits.',
  'pv-protection':
    'The PV protection controller keeps a finalizer on volumes until no claim is bound to them.',
  'pvc-protection': 'The PVC protection controller keeps a finalizer on claims until no pod uses them.',
  namespace:
    'The namespace controller deletes everything in a namespace that is being deleted, then removes its finalizer.',
  'ephemeral-volume':
    'The ephemeral volume controller creates a claim for each generic ephemeral volume of a pod.',
  serviceaccount: 'The service account controller makes sure every namespace has a default ServiceAccount.',
  'root-ca-cert-publisher':
    'The root CA publisher puts the cluster CA in a kube-root-ca.crt ConfigMap in every namespace.',
  'cloud-node-controller':
    'The cloud node controller fills in what the cloud knows about a new node: provider ID, zone, addresses.',
  'route-controller':
    'The route controller creates cloud routes so each node’s pod CIDR is reachable from the other nodes.',
  'service-controller': 'The service controller creates a cloud load balancer for each LoadBalancer Service.',
  horizontalpodautoscaler: 'The HPA controller scales workloads to meet their metric targets.',
};

const RETRY =
  'Controllers work from a queue: when a sync fails (often a 409 Conflict because another writer changed the object first), the key is requeued with backoff and tried again. Conflicts are normal in Kubernetes.';

const SCHEDULER: readonly Rule[] = [
  {
    match: /^schedule (\S+): (\S+) \((\d+)\/(\d+) nodes feasible\)/,
    explain: (m) => ({
      what: `kube-scheduler picks ${m[2]} for pod ${m[1]}: ${m[3]} of the ${m[4]} nodes it evaluated could run it.`,
      why: 'Scheduling has two phases: Filter plugins remove nodes that cannot run the pod (taints, resources, affinity…), Score plugins rate the rest, and the best total wins. The pod is bound to it next.',
    }),
  },
  {
    match: /^schedule (\S+): (.+)$/,
    explain: (m) => ({
      what: `kube-scheduler cannot place pod ${m[1]}: ${m[2]}`,
      why: 'No node passed every filter, so the pod stays Pending with a FailedScheduling event. The scheduler tries again when something changes (a node is added, a pod goes away), and may preempt lower-priority pods.',
    }),
  },
  {
    match: /^PreBind (\S+): (.+)$/,
    explain: (m) => ({
      what: `kube-scheduler’s ${m[1]} plugin, before binding: ${m[2]}.`,
      why: 'PreBind plugins finish work the binding depends on; VolumeBinding waits until the pod’s claims are bound to volumes on the chosen node.',
    }),
  },
  {
    match: /^preempt (\S+) on (\S+): victims (.+)$/,
    explain: (m) => ({
      what: `kube-scheduler preempts for pod ${m[1]} on ${m[2]}: it will evict ${m[3]}.`,
      why: 'When a pod fits nowhere, the scheduler may evict lower-priority pods from one node to make room; the pod is nominated to that node meanwhile.',
    }),
  },
];

const PROVIDERS: readonly Rule[] = [
  {
    match: /^CreateVolume (\S+) for claim (\S+)(?: on (\S+))?/,
    explain: (m) => ({
      what: `The CSI provisioner creates volume ${m[1]} for claim ${m[2]}${m[3] === undefined ? '' : ` on ${m[3]}`}.`,
      why: 'Dynamic provisioning: the external provisioner watches claims of its StorageClass, asks the CSI driver for a volume and creates the PersistentVolume the claim binds to.',
    }),
  },
  {
    match: /^DeleteVolume (\S+)/,
    explain: (m) => ({
      what: `The CSI provisioner deletes volume ${m[1]}.`,
      why: 'With reclaimPolicy Delete, a released volume is removed from the storage system.',
    }),
  },
  {
    match: /^Controller(Un)?publishVolume (\S+) (?:to|from) node (\S+)/i,
    explain: (m) => ({
      what: `The CSI attacher ${m[1] === undefined ? 'attaches' : 'detaches'} volume ${m[2]} ${m[1] === undefined ? 'to' : 'from'} ${m[3]}.`,
      why: 'The external attacher acts on VolumeAttachment objects: a volume must be attached to the node before kubelet can stage and mount it.',
    }),
  },
];

/** Explains a controller's or the scheduler's decision. */
export function explainControlDecision(step: TraceStep): Explanation | null {
  if (step.from.endsWith('/kube-scheduler')) {
    const scheduled = applyRules(SCHEDULER, step);
    if (scheduled !== null) return scheduled;
  }
  const provided = applyRules(PROVIDERS, step);
  if (provided !== null) return provided;
  const m = /^([a-z_-]+): (.+)$/.exec(step.summary);
  if (m === null) return null;
  const [, name, rest] = m;
  const role = CONTROLLERS[name!];
  if (role === undefined) return null;
  const failed = /^sync \S+ failed, retrying: (.+)$/.exec(rest!);
  if (failed !== null)
    return {
      what: `The ${name} controller’s sync failed and will be retried: ${failed[1]}`,
      why: `${RETRY} ${role}`,
    };
  return { what: `The ${name} controller: ${rest}.`.replace(/\.\.$/, '.'), why: role };
}
