/**
 * The scheduling queue's nominator (upstream's internal/queue nominator): which pending pods
 * are nominated to which node, usually because they preempted pods there and wait for them to
 * go. Filters count higher-or-equal priority pods nominated to a node as if they ran there, so
 * the room preemption freed is not taken by another pod.
 */
import { podUid, type Pod } from './framework/types';

/**
 * How a scheduling attempt changes a pod's nomination (upstream's NominatingInfo): `override`
 * sets it to `nodeName` ('' clears it); `noop` (undefined) keeps what the pod's status says.
 */
export interface NominatingInfo {
  readonly mode: 'override';
  readonly nodeName: string;
}

/** Clears the nomination (upstream's clearNominatedNode). */
export const CLEAR_NOMINATED_NODE: NominatingInfo = { mode: 'override', nodeName: '' };

/** Nominated pods by node, kept up to date as pods are added, updated and deleted. */
export class Nominator {
  /** Node name -> pods nominated to it, in nomination order. */
  readonly #byNode = new Map<string, Pod[]>();
  /** Pod uid -> the node it is nominated to. */
  readonly #nodeOf = new Map<string, string>();

  /**
   * @param getPod the scheduler's informer copy of a pod: a pod that is gone or already bound
   *   is never nominated.
   */
  constructor(private readonly getPod: (namespace: string, name: string) => Pod | undefined) {}

  /** Nominates `pod` as `info` says, replacing any earlier nomination (AddNominatedPod). */
  add(pod: Pod, info: NominatingInfo | undefined): void {
    this.delete(pod);
    const nodeName = info === undefined ? (pod.status?.nominatedNodeName ?? '') : info.nodeName;
    if (nodeName === '') return;
    const current = this.getPod(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    if (current === undefined || (current.spec?.nodeName ?? '') !== '') return;
    this.#nodeOf.set(podUid(pod), nodeName);
    const pods = this.#byNode.get(nodeName) ?? [];
    pods.push(pod);
    this.#byNode.set(nodeName, pods);
  }

  /**
   * A pending pod changed (UpdateNominatedPod). When neither version carries a nominated node
   * but the scheduler has reserved one in memory (its status patch is still on the way), the
   * reservation is kept.
   */
  update(old: Pod, pod: Pod): void {
    const reserved = this.#nodeOf.get(podUid(old));
    const statusSilent =
      (old.status?.nominatedNodeName ?? '') === '' && (pod.status?.nominatedNodeName ?? '') === '';
    this.delete(old);
    this.add(
      pod,
      statusSilent && reserved !== undefined ? { mode: 'override', nodeName: reserved } : undefined,
    );
  }

  /** Forgets the pod's nomination (DeleteNominatedPodIfExists). */
  delete(pod: Pod): void {
    const uid = podUid(pod);
    const nodeName = this.#nodeOf.get(uid);
    if (nodeName === undefined) return;
    const rest = (this.#byNode.get(nodeName) ?? []).filter((p) => podUid(p) !== uid);
    if (rest.length === 0) this.#byNode.delete(nodeName);
    else this.#byNode.set(nodeName, rest);
    this.#nodeOf.delete(uid);
  }

  /** The pods nominated to a node (NominatedPodsForNode). */
  podsForNode(nodeName: string): readonly Pod[] {
    return [...(this.#byNode.get(nodeName) ?? [])];
  }
}
