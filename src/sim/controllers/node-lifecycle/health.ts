/**
 * Node health as upstream's tryUpdateNodeHealth judges it: the last time the controller saw
 * the kubelet alive (probeTimestamp: a new Ready heartbeat or a newer Lease renewTime), and
 * the conditions to write once that is longer ago than the grace period: Ready and the
 * pressure conditions Unknown, "Kubelet stopped posting node status." (or "never posted" for
 * conditions the kubelet never reported).
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';
import { conditionOf, virtualTime, type LeaseObject, type NodeObject } from './types';

/** nodeMonitorGracePeriod: how long without a heartbeat before a node is Unknown (50 s since v1.32). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** nodeStartupGracePeriod: the same for a node that has never posted Ready. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** The conditions set to Unknown besides Ready (remainingNodeConditionTypes). */
const REMAINING = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

interface HealthData {
  probe: number;
  heartbeat: string | undefined;
  renew: number | undefined;
}

export class NodeHealth {
  readonly #nodes = new Map<string, HealthData>();

  constructor(private readonly epoch: number) {}

  /** Whether the node is new to the controller. */
  known(name: string): boolean {
    return this.#nodes.has(name);
  }

  forget(name: string): void {
    this.#nodes.delete(name);
  }

  /** Names of every node the controller knows. */
  names(): string[] {
    return [...this.#nodes.keys()];
  }

  /** Records what the node and its lease show at `now`; returns whether the grace period ran out. */
  observe(node: NodeObject, lease: LeaseObject | undefined, now: number): boolean {
    const name = node.metadata.name ?? '';
    const ready = conditionOf(node, 'Ready');
    const heartbeat = ready?.lastHeartbeatTime;
    let data = this.#nodes.get(name);
    if (data === undefined) {
      data = {
        probe: virtualTime(node.metadata.creationTimestamp, this.epoch) ?? now,
        heartbeat,
        renew: undefined,
      };
      this.#nodes.set(name, data);
    } else if (heartbeat !== undefined && heartbeat !== data.heartbeat) {
      data.probe = now;
      data.heartbeat = heartbeat;
    }
    const renew = virtualTime(lease?.spec?.renewTime, this.epoch);
    if (renew !== undefined && (data.renew === undefined || data.renew < renew)) {
      data.renew = renew;
      data.probe = now;
    }
    const grace = ready === undefined ? NODE_STARTUP_GRACE_PERIOD_MS : NODE_MONITOR_GRACE_PERIOD_MS;
    return now > data.probe + grace;
  }
}

/** The node's conditions with Ready and the pressure conditions set to Unknown. */
export function unknownConditions(node: NodeObject, stamp: string): NodeCondition[] {
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of ['Ready', ...REMAINING]) {
    const current = conditions.find((c) => c.type === type);
    if (current === undefined) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? stamp,
        lastTransitionTime: stamp,
      });
    } else if (current.status !== 'Unknown') {
      current.status = 'Unknown';
      current.reason = 'NodeStatusUnknown';
      current.message = 'Kubelet stopped posting node status.';
      current.lastTransitionTime = stamp;
    }
  }
  return conditions;
}
