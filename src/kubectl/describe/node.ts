/** `kubectl describe node`: status, capacity, its lease and the pods it runs. */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { since } from '../../sim/apiserver/printers/duration';
import { compareStrings } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z } from './format';
import type { DescribeApiError, DescribeContext } from './index';
import {
  addQuantities,
  quantity,
  quantityMilliValue,
  quantityString,
  quantityValue,
  zeroQuantity,
  type Quantity,
} from './quantity';
import { podRequestsAndLimits } from './resources';
import { DescribeWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** The node's roles from its `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels. */
function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length)
      roles.add(key.slice(ROLE_PREFIX.length));
    else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  return [...roles].sort(compareStrings);
}

/** The pods on the node that have not finished, or null when the user may not list pods. */
async function nonTerminatedPods(ctx: DescribeContext, node: string): Promise<Pod[] | null> {
  const fieldSelector = `spec.nodeName=${node},status.phase!=Succeeded,status.phase!=Failed`;
  try {
    return (await ctx.list('/api/v1/pods', { fieldSelector })) as unknown as Pod[];
  } catch (error) {
    if ((error as Partial<DescribeApiError>).code === 403) return null;
    throw error;
  }
}

/** Describes a node; its events are those naming it by uid and those naming it by name. */
export async function describeNode(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const node = obj as unknown as Node;
  const name = node.metadata?.name ?? '';
  const pods = await nonTerminatedPods(ctx, name);
  const byUid = await eventsFor(ctx, { kind: 'Node', name, namespace: '', uid: node.metadata?.uid });
  const byName = await eventsFor(ctx, { kind: 'Node', name, namespace: '', uid: name });
  const events: Event[] | null = byUid && byName ? [...byUid, ...byName] : null;
  const lease = await ctx.get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}`).then(
    (l) => l ?? new Error(`leases.coordination.k8s.io "${name}" not found`),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${name}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease instanceof Error) w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease.message}\n`);
  else describeLease(lease as unknown as Lease, w);
  const status = node.status ?? {};
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      const times = `${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} `;
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${times}\t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', status.capacity],
    ['Allocatable', status.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const r of names) w.write(LEVEL_0, `  ${r}:\t${quantityString(quantity(list?.[r]))}\n`);
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, `PodCIDRs:\t${node.spec?.podCIDRs?.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  if (pods) describeNodeResource(pods, node, w, ctx.now);
  else w.write(LEVEL_0, 'Pods:\tnot authorized\n');
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

function describeLease(lease: Lease, w: PrefixWriter): void {
  const spec = lease.spec ?? {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
}

/** Go's int64(x) of a float: truncation, and amd64's answer for NaN and overflow. */
function goInt64(x: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return '-9223372036854775808';
  return String(Math.trunc(x));
}

/** `amount (N%)` of an allocatable amount, measured in milli units for CPU. */
function share(amount: Quantity, allocatable: Quantity, milli: boolean, guard: boolean): string {
  const value = milli ? quantityMilliValue : quantityValue;
  const total = value(allocatable);
  const fraction = guard && total === 0 ? 0 : (value(amount) / total) * 100;
  return `${quantityString(amount)} (${goInt64(fraction)}%)`;
}

function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = node.status?.capacity ?? {};
  const allocatableList =
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : capacity;
  const allocatable = (r: string) => quantity(allocatableList?.[r]);
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const pod of pods) {
    const totals = podRequestsAndLimits(pod);
    const get = (m: ReadonlyMap<string, Quantity>, r: string) => m.get(r) ?? zeroQuantity;
    const cells = [
      share(get(totals.requests, 'cpu'), allocatable('cpu'), true, false),
      share(get(totals.limits, 'cpu'), allocatable('cpu'), true, false),
      share(get(totals.requests, 'memory'), allocatable('memory'), false, false),
      share(get(totals.limits, 'memory'), allocatable('memory'), false, false),
    ];
    const age = since(pod.metadata?.creationTimestamp, now);
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cells.join('\t')}\t${age}\n`,
    );
    for (const [into, from] of [
      [requests, totals.requests],
      [limits, totals.limits],
    ] as const) {
      for (const [r, q] of from) into.set(r, into.has(r) ? addQuantities(into.get(r) ?? q, q) : q);
    }
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const total = (m: ReadonlyMap<string, Quantity>, r: string) => m.get(r) ?? zeroQuantity;
  const names = Object.keys(allocatableList ?? {});
  const hugePages = names.filter((r) => r.startsWith('hugepages-')).sort(compareStrings);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  const extended = names.filter((r) => !r.startsWith('hugepages-') && !standard.has(r)).sort(compareStrings);
  for (const r of ['cpu', 'memory', 'ephemeral-storage', ...hugePages]) {
    const milli = r === 'cpu';
    const cells = [
      share(total(requests, r), allocatable(r), milli, true),
      share(total(limits, r), allocatable(r), milli, true),
    ];
    w.write(LEVEL_1, `${r}\t${cells.join('\t')}\n`);
  }
  for (const r of extended) {
    w.write(LEVEL_1, `${r}\t${quantityString(total(requests, r))}\t${quantityString(total(limits, r))}\n`);
  }
}
