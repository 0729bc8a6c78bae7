/**
 * How each Node is, as the graph shows it on the node's frame: its Ready condition, the
 * pressure conditions that are True, and whether it is cordoned. An observer like the
 * inspectors (no trace step, no state change): it reads the Nodes from etcd untraced, and
 * only in frames whose steps wrote a Node, so a quiet cluster costs nothing.
 */
import type { Cluster } from '../sim/cluster';
import type { TraceStep } from '../sim/kernel/trace';

/** One Node's health: Ready's status, the pressure conditions that are True, cordoned. */
export interface NodeHealth {
  readonly ready: 'True' | 'False' | 'Unknown';
  readonly pressure: readonly string[];
  readonly unschedulable: boolean;
}

const PREFIX = '/registry/minions/';
const PRESSURES = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure']);

interface StoredNode {
  metadata?: { name?: string };
  spec?: { unschedulable?: boolean };
  status?: { conditions?: { type: string; status: string }[] };
}

/** Every Node's health, by name. */
export function nodeHealth(cluster: Cluster): Record<string, NodeHealth> {
  const health: Record<string, NodeHealth> = {};
  for (const kv of cluster.etcd.peekRange(PREFIX)) {
    const node = JSON.parse(kv.value) as StoredNode;
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready')?.status;
    health[kv.key.slice(PREFIX.length)] = {
      ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
      pressure: conditions.filter((c) => PRESSURES.has(c.type) && c.status === 'True').map((c) => c.type),
      unschedulable: node.spec?.unschedulable === true,
    };
  }
  return health;
}

/** Follows the Nodes' health from frame to frame; says when it changed. */
export class NodeHealthTracker {
  #last = '';

  /** Forgets what was sent (a new or rebuilt cluster): the next update is sent whatever it is. */
  reset(): void {
    this.#last = '';
  }

  /** The health to send after a frame with `steps`, or null if it cannot have changed. */
  update(cluster: Cluster, steps: readonly TraceStep[]): Record<string, NodeHealth> | null {
    const wrote = steps.some(
      (s) =>
        s.kind === 'storage' &&
        (s.summary.startsWith(`PUT ${PREFIX}`) || s.summary.startsWith(`DELETE ${PREFIX}`)),
    );
    if (this.#last !== '' && !wrote) return null;
    const health = nodeHealth(cluster);
    const text = JSON.stringify(health);
    if (text === this.#last) return null;
    this.#last = text;
    return health;
  }
}
