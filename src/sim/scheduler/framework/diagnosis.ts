/**
 * Why a pod fits no node (upstream's NodeToStatus, Diagnosis and FitError), and the message
 * `kubectl describe` shows for it:
 *
 *   0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *   3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for
 *   scheduling, 3 No preemption victims found for incoming pod.
 */
import type { NodeInfo } from './node-info';
import { Status, type Code } from './status';

/** Each rejected node's status; nodes not listed get the "absent nodes" status. */
export class NodeToStatus {
  readonly #statuses = new Map<string, Status>();
  #absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, status: Status): void {
    this.#statuses.set(node, status);
  }

  /** A node's status: its own, or the absent nodes' status. */
  get(node: string): Status {
    return this.#statuses.get(node) ?? this.#absent;
  }

  /** How many nodes have a status of their own. */
  get size(): number {
    return this.#statuses.size;
  }

  /** Nodes with a status of their own, in the order they were set. */
  entries(): IterableIterator<[string, Status]> {
    return this.#statuses.entries();
  }

  absentNodesStatus(): Status {
    return this.#absent;
  }

  setAbsentNodesStatus(status: Status): void {
    this.#absent = status;
  }

  /** The nodes whose status has `code`, counting absent ones when the absent status does. */
  nodesForStatusCode(nodes: readonly NodeInfo[], code: Code): NodeInfo[] {
    return nodes.filter((n) => {
      const own = this.#statuses.get(n.name);
      return (own ?? this.#absent).code === code;
    });
  }
}

/** What went wrong in a scheduling cycle that found no node. */
export interface Diagnosis {
  readonly nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod: the queue uses them to decide which events may help. */
  readonly unschedulablePlugins: Set<string>;
  readonly pendingPlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** An empty diagnosis. */
export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new NodeToStatus(),
    unschedulablePlugins: new Set(),
    pendingPlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** Records the plugin behind a rejection (Diagnosis.AddPluginStatus). */
export function addPluginStatus(d: Diagnosis, status: Status): void {
  if (status.plugin === '') return;
  if (status.isRejected()) d.unschedulablePlugins.add(status.plugin);
  if (status.code === 'Pending') d.pendingPlugins.add(status.plugin);
}

/** Go's sort.Strings: byte-wise order. */
function goSort(strings: string[]): string[] {
  return strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The FitError message: `0/N nodes are available:`, then the PreFilter message or the
 * histogram of Filter reasons (`<count> <reason>`, sorted as strings), each ending in a
 * period, then the PostFilter (preemption) message.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const [, status] of d.nodeToStatus.entries()) {
      for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) {
      for (const r of d.nodeToStatus.absentNodesStatus().reasons)
        reasons.set(r, (reasons.get(r) ?? 0) + absent);
    }
    const histogram = goSort([...reasons].map(([reason, count]) => `${count} ${reason}`));
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** A scheduling failure because no node fits (upstream's FitError). */
export interface FitError {
  readonly numAllNodes: number;
  readonly diagnosis: Diagnosis;
}
