/**
 * NodeInfo (upstream's framework.NodeInfo): a node with the pods assigned to it and what
 * they add up to — requested resources (as asked, and with scoring's non-zero defaults),
 * host ports in use — plus the node's allocatable resources and images.
 */
import type { Node, Pod } from './types';
import { podUid } from './types';
import {
  NON_ZERO_DEFAULTS,
  addResource,
  cloneResource,
  emptyResource,
  parseResourceList,
  podRequests,
  resourceFromList,
  type Resource,
} from './resource';

/** Where the catch-all host IP binds. */
export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/** Host ports in use on a node: host IP -> set of `PROTOCOL/port`. */
export class HostPortInfo {
  readonly #ports = new Map<string, Set<string>>();

  static #sanitize(ip: string | undefined, protocol: string | undefined): [string, string] {
    return [ip === undefined || ip === '' ? DEFAULT_BIND_ALL_HOST_IP : ip, protocol || 'TCP'];
  }

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.#sanitize(ip, protocol);
    let set = this.#ports.get(i);
    if (set === undefined) this.#ports.set(i, (set = new Set()));
    set.add(`${p}/${port}`);
  }

  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.#sanitize(ip, protocol);
    const set = this.#ports.get(i);
    if (set === undefined) return;
    set.delete(`${p}/${port}`);
    if (set.size === 0) this.#ports.delete(i);
  }

  /**
   * Whether `ip:port/protocol` is taken: 0.0.0.0 conflicts with the port on any IP, and any
   * IP conflicts with the same port on 0.0.0.0.
   */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = HostPortInfo.#sanitize(ip, protocol);
    const key = `${p}/${port}`;
    if (i === DEFAULT_BIND_ALL_HOST_IP) return [...this.#ports.values()].some((s) => s.has(key));
    return [DEFAULT_BIND_ALL_HOST_IP, i].some((k) => this.#ports.get(k)?.has(key) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const s of this.#ports.values()) n += s.size;
    return n;
  }

  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, set] of this.#ports) copy.#ports.set(ip, new Set(set));
    return copy;
  }
}

/** An image on a node, and on how many nodes it is (framework.ImageStateSummary). */
export interface ImageStateSummary {
  readonly size: number;
  readonly numNodes: number;
}

/** The host ports a pod's containers ask for. */
export function hostPortsOf(pod: Pod): { hostIP?: string; protocol?: string; hostPort: number }[] {
  const out: { hostIP?: string; protocol?: string; hostPort: number }[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) > 0) {
        out.push({
          hostPort: p.hostPort ?? 0,
          ...(p.hostIP === undefined ? {} : { hostIP: p.hostIP }),
          ...(p.protocol === undefined ? {} : { protocol: p.protocol }),
        });
      }
    }
  }
  return out;
}

/** A node and the pods assigned to it, with their summed requests and host ports. */
export class NodeInfo {
  node: Node | undefined;
  pods: Pod[] = [];
  /** What the pods request. */
  requested: Resource = emptyResource();
  /** What the pods request, with 100m cpu / 200Mi memory for containers that ask for none. */
  nonZeroRequested: Resource = emptyResource();
  allocatable: Resource = emptyResource();
  usedPorts = new HostPortInfo();
  /** Images on this node by name, with cluster-wide spread (filled in by the snapshot). */
  imageStates = new Map<string, ImageStateSummary>();

  constructor(node?: Node, pods: readonly Pod[] = []) {
    if (node !== undefined) this.setNode(node);
    for (const pod of pods) this.addPod(pod);
  }

  /** The node's name ('' while only its pods are known). */
  get name(): string {
    return this.node?.metadata?.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = resourceFromList(
      parseResourceList(node.status?.allocatable as Record<string, unknown> | undefined),
    );
  }

  addPod(pod: Pod): void {
    const req = resourceFromList(podRequests(pod));
    const nonZero = resourceFromList(podRequests(pod, { nonMissingContainerRequests: NON_ZERO_DEFAULTS }));
    addResource(this.requested, req);
    this.nonZeroRequested.milliCPU += nonZero.milliCPU;
    this.nonZeroRequested.memory += nonZero.memory;
    for (const p of hostPortsOf(pod)) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort);
    this.pods.push(pod);
  }

  /** Removes a pod by uid; returns false if it was not here. */
  removePod(pod: Pod): boolean {
    const uid = podUid(pod);
    const index = this.pods.findIndex((p) => podUid(p) === uid);
    if (index < 0) return false;
    const [stored] = this.pods.splice(index, 1);
    if (stored === undefined) return false;
    const req = resourceFromList(podRequests(stored));
    const nonZero = resourceFromList(podRequests(stored, { nonMissingContainerRequests: NON_ZERO_DEFAULTS }));
    addResource(this.requested, req, -1);
    this.nonZeroRequested.milliCPU -= nonZero.milliCPU;
    this.nonZeroRequested.memory -= nonZero.memory;
    for (const p of hostPortsOf(stored)) this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort);
    return true;
  }

  /** A copy whose pods can be added and removed without touching this one (for preemption). */
  clone(): NodeInfo {
    const copy = new NodeInfo();
    copy.node = this.node;
    copy.pods = [...this.pods];
    copy.requested = cloneResource(this.requested);
    copy.nonZeroRequested = cloneResource(this.nonZeroRequested);
    copy.allocatable = cloneResource(this.allocatable);
    copy.usedPorts = this.usedPorts.clone();
    copy.imageStates = new Map(this.imageStates);
    return copy;
  }
}
