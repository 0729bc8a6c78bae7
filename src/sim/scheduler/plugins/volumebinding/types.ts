/**
 * What the VolumeBinding plugin's parts share: the conflict reasons Filter reports, the pod's
 * claims as PreFilter sorts them, what a node needs done for them, where the binder reads
 * from, and the node checks upstream's component-helpers make.
 */
import type { Node, NodeSelector, TopologySelectorTerm } from 'kubernetes-types/core/v1';
import type { Lister } from '../../../client/cache';
import type { ApiClient } from '../../../client/rest';
import {
  ANN_BIND_COMPLETED,
  hasAnnotation,
  type Claim,
  type StorageClassObject,
  type Volume,
} from '../../../controllers/pv-binder/types';
import type { Pod } from '../../framework/types';
import { matchNodeSelector } from '../helper/selectors';
import type { AssumeCache } from './assume-cache';

/** Why a node cannot take the pod's volumes (ConflictReason). */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** A pod's claims, sorted as PreFilter finds them (PodVolumeClaims). */
export interface PodVolumeClaims {
  readonly boundClaims: readonly Claim[];
  readonly unboundClaimsDelayBinding: readonly Claim[];
  readonly unboundClaimsImmediate: readonly Claim[];
  /** The unbound-claim classes' volumes, by class name. */
  readonly unboundVolumesDelayBinding: ReadonlyMap<string, readonly Volume[]>;
}

/** A claim and the static volume chosen for it. */
export interface BindingInfo {
  pvc: Claim;
  pv: Volume;
}

/** What a node needs done for the pod's volumes (PodVolumes). */
export interface PodVolumes {
  staticBindings: BindingInfo[];
  dynamicProvisions: Claim[];
}

/** CheckNodeAffinity: whether a volume's required node affinity admits the node. */
export function volumeFitsNode(volume: Volume, node: Node): boolean {
  const required = volume.spec?.nodeAffinity?.required as NodeSelector | undefined;
  return required === undefined || matchNodeSelector(required, node);
}

/** MatchTopologySelectorTerms: no terms admit every node, otherwise one term must match. */
export function matchesTopology(terms: readonly TopologySelectorTerm[] | undefined, node: Node): boolean {
  if (terms === undefined || terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every(
      (e) => labels[e.key] !== undefined && e.values.includes(labels[e.key] ?? ''),
    ),
  );
}

/** Whether the PV controller finished binding a claim (isPVCFullyBound). */
export const fullyBound = (pvc: Claim) =>
  (pvc.spec?.volumeName ?? '') !== '' && hasAnnotation(pvc, ANN_BIND_COMPLETED);
/** An object's resourceVersion as a number, to tell older from newer. */
export const rv = (obj: { metadata: { resourceVersion?: string } }) =>
  Number(obj.metadata.resourceVersion ?? 0);

/** What the binder reads: the assume caches, the classes, and the scheduler's nodes and pods. */
export interface BinderSources {
  readonly client: ApiClient;
  readonly pvcCache: AssumeCache<Claim>;
  readonly pvCache: AssumeCache<Volume>;
  readonly classes: Lister<StorageClassObject>;
  getNode(name: string): Node | undefined;
  getPod(namespace: string, name: string): Pod | undefined;
}
