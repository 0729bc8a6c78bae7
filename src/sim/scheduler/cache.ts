/**
 * The scheduler cache (upstream's internal/cache): every node with the pods assigned to it,
 * including pods the scheduler has *assumed* onto a node before the binding's watch event
 * arrives, so the next cycle already counts them. Nodes are listed zone by zone, round
 * robin (upstream's nodeTree), so consecutive nodes in the list are in different zones.
 */
import type { Snapshot } from './framework/interface';
import { NodeInfo, type ImageStateSummary } from './framework/node-info';
import { nodeName, podKey, podUid, type Node, type Pod } from './framework/types';

/** `region:\0:zone` from the topology labels ('' when a node has neither). */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/** Nodes and their pods, assumed pods included, and the per-cycle snapshot. */
export class SchedulerCache {
  readonly #nodes = new Map<string, NodeInfo>();
  /** Zone -> node names, zones in the order first seen. */
  readonly #tree = new Map<string, string[]>();
  /** Pod uid -> the pod as last added (with its node) and whether it is only assumed. */
  readonly #pods = new Map<string, { pod: Pod; assumed: boolean }>();

  #info(name: string): NodeInfo {
    let info = this.#nodes.get(name);
    if (info === undefined) this.#nodes.set(name, (info = new NodeInfo()));
    return info;
  }

  #treeAdd(node: Node): void {
    const zone = zoneKey(node);
    let names = this.#tree.get(zone);
    if (names === undefined) this.#tree.set(zone, (names = []));
    if (!names.includes(nodeName(node))) names.push(nodeName(node));
  }

  #treeRemove(node: Node): void {
    const zone = zoneKey(node);
    const names = this.#tree.get(zone);
    if (names === undefined) return;
    const i = names.indexOf(nodeName(node));
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) this.#tree.delete(zone);
  }

  addNode(node: Node): NodeInfo {
    const info = this.#info(nodeName(node));
    if (info.node !== undefined) this.#treeRemove(info.node);
    info.setNode(node);
    this.#treeAdd(node);
    return info;
  }

  updateNode(node: Node): NodeInfo {
    return this.addNode(node);
  }

  removeNode(node: Node): void {
    const info = this.#nodes.get(nodeName(node));
    if (info === undefined) return;
    if (info.node !== undefined) this.#treeRemove(info.node);
    info.node = undefined;
    // Pods may still be on it until their deletions arrive; keep their NodeInfo until then.
    if (info.pods.length === 0) this.#nodes.delete(nodeName(node));
  }

  /** Node names in zone round-robin order (nodeTree.list). */
  nodeNames(): string[] {
    const zones = [...this.#tree.values()];
    const out: string[] = [];
    const longest = Math.max(0, ...zones.map((z) => z.length));
    for (let i = 0; i < longest; i++) {
      for (const z of zones) {
        const name = z[i];
        if (name !== undefined) out.push(name);
      }
    }
    return out;
  }

  get nodeCount(): number {
    return this.nodeNames().length;
  }

  /** An assigned pod arrived from the informer; confirms it if it was assumed. */
  addPod(pod: Pod): void {
    const uid = podUid(pod);
    const current = this.#pods.get(uid);
    if (current !== undefined) this.#removeFromNode(current.pod);
    this.#pods.set(uid, { pod, assumed: false });
    this.#info(pod.spec?.nodeName ?? '').addPod(pod);
  }

  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const current = this.#pods.get(podUid(pod));
    if (current === undefined) return;
    this.#pods.delete(podUid(pod));
    this.#removeFromNode(current.pod);
  }

  #removeFromNode(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    const info = this.#nodes.get(name);
    if (info === undefined) return;
    info.removePod(pod);
    if (info.node === undefined && info.pods.length === 0) this.#nodes.delete(name);
  }

  /** Counts `pod` on `node` before its binding is confirmed (Cache.AssumePod). */
  assumePod(pod: Pod, node: string): Pod {
    const assumed: Pod = {
      ...pod,
      spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
    };
    if (this.#pods.has(podUid(pod)))
      throw new Error(`pod ${podKey(pod)} is in the cache, so can't be assumed`);
    this.#pods.set(podUid(pod), { pod: assumed, assumed: true });
    this.#info(node).addPod(assumed);
    return assumed;
  }

  /** Drops an assumed pod whose binding failed (Cache.ForgetPod). */
  forgetPod(pod: Pod): void {
    const current = this.#pods.get(podUid(pod));
    if (current?.assumed === true) this.removePod(pod);
  }

  isAssumed(pod: Pod): boolean {
    return this.#pods.get(podUid(pod))?.assumed === true;
  }

  /** The pods in the cache (assumed ones included). */
  pods(): Pod[] {
    return [...this.#pods.values()].map((p) => p.pod);
  }

  /** The nodes in node tree order, for read-only views: unlike {@link snapshot}, changes nothing. */
  nodeInfos(): readonly NodeInfo[] {
    return this.nodeNames()
      .map((n) => this.#nodes.get(n))
      .filter((i): i is NodeInfo => i?.node !== undefined);
  }

  /** The nodes for one scheduling cycle, in node tree order, with image spread filled in. */
  snapshot(): Snapshot {
    const infos = this.nodeNames()
      .map((n) => this.#nodes.get(n))
      .filter((i): i is NodeInfo => i?.node !== undefined);
    const spread = new Map<string, { size: number; nodes: number }>();
    for (const info of infos) {
      for (const image of info.node?.status?.images ?? []) {
        for (const name of image.names ?? []) {
          const s = spread.get(name) ?? { size: image.sizeBytes ?? 0, nodes: 0 };
          s.nodes++;
          spread.set(name, s);
        }
      }
    }
    for (const info of infos) {
      const states = new Map<string, ImageStateSummary>();
      for (const image of info.node?.status?.images ?? []) {
        for (const name of image.names ?? []) {
          states.set(name, { size: image.sizeBytes ?? 0, numNodes: spread.get(name)?.nodes ?? 1 });
        }
      }
      info.imageStates = states;
    }
    const byName = new Map(infos.map((i) => [i.name, i]));
    return { list: () => infos, get: (name) => byName.get(name) };
  }
}
