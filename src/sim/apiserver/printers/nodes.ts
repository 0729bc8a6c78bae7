/** Nodes, Namespaces, Leases and ComponentStatuses. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ComponentStatus, Namespace, Node } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer, wide } from './columns';
import { since } from './duration';
import { compareStrings } from './format';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** Roles from `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return roles.size > 0 ? [...roles].sort(compareStrings).join(',') : '<none>';
}

/** `Ready`, `NotReady` or `Unknown` (no Ready condition), plus `,SchedulingDisabled` when cordoned. */
function nodeStatus(node: Node): string {
  const status: string[] = [];
  // The last condition of a type wins, as when upstream builds its condition map.
  const ready = node.status?.conditions?.filter((c) => c.type === 'Ready').at(-1);
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** `kubectl get nodes`. */
export const nodePrinter = printer<Node>(
  [
    NAME_COLUMN,
    column('Status', 'string', 'Whether the node is Ready, and whether it is cordoned.'),
    column('Roles', 'string', 'Roles from the node’s node-role.kubernetes.io labels.'),
    AGE_COLUMN,
    column('Version', 'string', 'The kubelet version.'),
    wide(column('Internal-IP', 'string', 'The node’s first InternalIP address.')),
    wide(column('External-IP', 'string', 'The node’s first ExternalIP address.')),
    wide(column('OS-Image', 'string', 'The operating system image.')),
    wide(column('Kernel-Version', 'string', 'The kernel version.')),
    wide(column('Container-Runtime', 'string', 'The container runtime and its version.')),
  ],
  (node, now) => {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
);

/** `kubectl get namespaces`. */
export const namespacePrinter = printer<Namespace>(
  [NAME_COLUMN, column('Status', 'string', 'Active, or Terminating while being deleted.'), AGE_COLUMN],
  (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', since(ns.metadata?.creationTimestamp, now)],
);

/** `kubectl get leases`. */
export const leasePrinter = printer<Lease>(
  [NAME_COLUMN, column('Holder', 'string', 'Who currently holds the lease.'), AGE_COLUMN],
  (lease, now) => [
    lease.metadata?.name ?? '',
    lease.spec?.holderIdentity ?? '',
    since(lease.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get componentstatuses`: from the first `Healthy` condition. */
export const componentStatusPrinter = printer<ComponentStatus>(
  [
    NAME_COLUMN,
    column('Status', 'string', 'Healthy, Unhealthy or Unknown.'),
    column('Message', 'string', 'What the health check reported.'),
    column('Error', 'string', 'The health check’s error, if any.'),
  ],
  (cs) => {
    const healthy = cs.conditions?.find((c) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return [cs.metadata?.name ?? '', status, healthy?.message ?? '', healthy?.error ?? ''];
  },
);
