/**
 * The scheduler's volume binder (volumebinding/binder.go): sorts a pod's claims into bound,
 * unbound with delayed binding and unbound immediate ones; checks a node against them (bound
 * volumes' node affinity, a matching static volume or provisioning for each unbound claim);
 * assumes the chosen bindings in Reserve; and in PreBind writes them (a volume's claimRef, a
 * claim's selected-node annotation).
 */
import type { Node } from 'kubernetes-types/core/v1';
import { compareQuantity } from '../../../apiserver/validation/quantity';
import {
  bindVolumeToClaim,
  claimClass,
  findMatchingVolume,
  isDelayBindingMode,
  requestedStorage,
  volumeClass,
} from '../../../controllers/pv-binder/helpers';
import {
  ANN_SELECTED_NODE,
  NOT_SUPPORTED_PROVISIONER,
  PVCS,
  PVS,
  claimKey,
  podClaimNames,
  withAnnotation,
  type Claim,
  type PodObject,
  type Volume,
} from '../../../controllers/pv-binder/types';
import {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  fullyBound,
  matchesTopology,
  volumeFitsNode,
  type BinderSources,
  type BindingInfo,
  type PodVolumeClaims,
  type PodVolumes,
} from './types';

/** The binder's work up to PreBind's writes (PreBind's checking is in check-bindings). */
export class VolumeBinder {
  constructor(private readonly s: BinderSources) {}

  /** GetPodVolumeClaims: the pod's claims by binding state; throws for a missing claim. */
  getPodVolumeClaims(pod: PodObject): PodVolumeClaims {
    const bound: Claim[] = [];
    const delayed: Claim[] = [];
    const immediate: Claim[] = [];
    const ns = pod.metadata.namespace ?? '';
    for (const name of podClaimNames(pod)) {
      const pvc = this.s.pvcCache.get(`${ns}/${name}`);
      if (pvc === undefined)
        throw new Error(
          `error getting PVC "${ns}/${name}": could not find persistentVolumeClaim "${ns}/${name}"`,
        );
      if (fullyBound(pvc)) bound.push(pvc);
      else if (isDelayBindingMode(pvc, this.s.classes) && (pvc.spec?.volumeName ?? '') === '')
        delayed.push(pvc);
      else immediate.push(pvc);
    }
    const volumes = new Map<string, Volume[]>();
    for (const pvc of delayed) {
      const cls = claimClass(pvc);
      volumes.set(
        cls,
        this.s.pvCache.list().filter((pv) => volumeClass(pv) === cls),
      );
    }
    return {
      boundClaims: bound,
      unboundClaimsDelayBinding: delayed,
      unboundClaimsImmediate: immediate,
      unboundVolumesDelayBinding: volumes,
    };
  }

  /** FindPodVolumes: the node's conflict reasons, or what it takes to bind the pod's volumes there. */
  findPodVolumes(claims: PodVolumeClaims, node: Node): { podVolumes: PodVolumes; reasons: string[] } {
    const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
    let boundSatisfied = true;
    let boundPVsFound = true;
    for (const pvc of claims.boundClaims) {
      const pv = this.s.pvCache.get(pvc.spec?.volumeName ?? '');
      if (pv === undefined) boundPVsFound = false;
      else if (!volumeFitsNode(pv, node)) boundSatisfied = false;
      if (!boundSatisfied || !boundPVsFound) break;
    }
    const unboundSatisfied = this.#findUnboundVolumes(claims, node, podVolumes);
    const reasons: string[] = [];
    if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
    if (!boundPVsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
    return { podVolumes, reasons };
  }

  /**
   * The unbound delayed-binding claims on a node: a claim with a selected node fits only that
   * node (and is provisioned there); the others get a static volume, or else provisioning.
   */
  #findUnboundVolumes(claims: PodVolumeClaims, node: Node, podVolumes: PodVolumes): boolean {
    const toProvision: Claim[] = [];
    const toMatch: Claim[] = [];
    for (const pvc of claims.unboundClaimsDelayBinding) {
      const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected !== undefined && selected !== (node.metadata?.name ?? '')) return false;
      (selected === undefined ? toMatch : toProvision).push(pvc);
    }
    let satisfied = true;
    if (toMatch.length > 0) {
      const matched = this.#findMatchingVolumes(toMatch, claims.unboundVolumesDelayBinding, node);
      satisfied = matched.found;
      podVolumes.staticBindings = matched.bindings;
      toProvision.push(...matched.unbound);
    }
    if (toProvision.length > 0) {
      const provisions = this.#checkVolumeProvisions(toProvision, node);
      satisfied = provisions !== null;
      podVolumes.dynamicProvisions = provisions ?? [];
    }
    return satisfied;
  }

  /** findMatchingVolumes: the smallest claims first, each volume chosen once. */
  #findMatchingVolumes(
    claims: readonly Claim[],
    volumes: PodVolumeClaims['unboundVolumesDelayBinding'],
    node: Node,
  ) {
    const sorted = [...claims].sort((a, b) => compareQuantity(requestedStorage(a), requestedStorage(b)));
    const chosen = new Set<string>();
    const bindings: BindingInfo[] = [];
    const unbound: Claim[] = [];
    for (const pvc of sorted) {
      const pv = findMatchingVolume(pvc, volumes.get(claimClass(pvc)) ?? [], {
        delayBinding: true,
        nodeAffinityOk: (v) => volumeFitsNode(v, node),
        excluded: chosen,
      });
      if (pv === undefined) unbound.push(pvc);
      else {
        chosen.add(pv.metadata.name ?? '');
        bindings.push({ pvc, pv });
      }
    }
    return { found: unbound.length === 0, bindings, unbound };
  }

  /**
   * checkVolumeProvisions: every claim's class can provision on this node (a provisioner, and
   * the node within the class's allowed topologies); null when one cannot. The driver does not
   * publish storage capacity, so capacity never rules a node out.
   */
  #checkVolumeProvisions(claims: readonly Claim[], node: Node): Claim[] | null {
    for (const pvc of claims) {
      const name = claimClass(pvc);
      if (name === '') throw new Error(`no class for claim "${claimKey(pvc)}"`);
      const sc = this.s.classes.get(name);
      if (sc === undefined) throw new Error(`failed to find storage class "${name}"`);
      const provisioner = sc.provisioner ?? '';
      if (provisioner === '' || provisioner === NOT_SUPPORTED_PROVISIONER) return null;
      if (!matchesTopology(sc.allowedTopologies, node)) return null;
    }
    return [...claims];
  }

  /**
   * AssumePodVolumes: the chosen volumes pre-bound and the claims to provision given the
   * node, in the caches only. Returns true when there is nothing to bind.
   */
  assumePodVolumes(pod: PodObject, nodeName: string, podVolumes: PodVolumes): boolean {
    if (this.#arePodVolumesBound(pod)) return true;
    const bindings: BindingInfo[] = [];
    const provisions: Claim[] = [];
    try {
      for (const b of podVolumes.staticBindings) {
        const { volume, dirty } = bindVolumeToClaim(b.pv, b.pvc);
        if (dirty) this.s.pvCache.assume(volume);
        bindings.push({ pvc: b.pvc, pv: volume });
      }
      for (const pvc of podVolumes.dynamicProvisions) {
        const claim = withAnnotation(pvc, ANN_SELECTED_NODE, nodeName);
        this.s.pvcCache.assume(claim);
        provisions.push(claim);
      }
    } catch (error) {
      this.revertAssumedPodVolumes({ staticBindings: bindings, dynamicProvisions: provisions });
      throw error;
    }
    podVolumes.staticBindings = bindings;
    podVolumes.dynamicProvisions = provisions;
    return false;
  }

  /** arePodVolumesBound: every claim of the pod is fully bound, in the cache's view. */
  #arePodVolumesBound(pod: PodObject): boolean {
    const ns = pod.metadata.namespace ?? '';
    return podClaimNames(pod).every((name) => {
      const pvc = this.s.pvcCache.get(`${ns}/${name}`);
      return pvc !== undefined && fullyBound(pvc);
    });
  }

  /** RevertAssumedPodVolumes */
  revertAssumedPodVolumes(podVolumes: PodVolumes): void {
    for (const b of podVolumes.staticBindings) this.s.pvCache.restore(b.pv.metadata.name ?? '');
    for (const pvc of podVolumes.dynamicProvisions) this.s.pvcCache.restore(claimKey(pvc));
  }

  /**
   * bindAPIUpdate: writes the assumed bindings (the volumes' claimRefs, then the claims'
   * selected nodes), keeping what the apiserver returns; what was not written is reverted.
   */
  bindAPIUpdate(podVolumes: PodVolumes, cause: number | null): void {
    let written = 0;
    let provisioned = 0;
    try {
      for (const b of podVolumes.staticBindings) {
        b.pv = this.s.client.update<Volume>(PVS, b.pv, undefined, cause);
        written++;
      }
      podVolumes.dynamicProvisions.forEach((pvc, i) => {
        podVolumes.dynamicProvisions[i] = this.s.client.update<Claim>(PVCS, pvc, undefined, cause);
        provisioned++;
      });
    } finally {
      this.revertAssumedPodVolumes({
        staticBindings: podVolumes.staticBindings.slice(written),
        dynamicProvisions: podVolumes.dynamicProvisions.slice(provisioned),
      });
    }
  }
}
