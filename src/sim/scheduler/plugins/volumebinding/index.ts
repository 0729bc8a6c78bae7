/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): places a pod where its
 * PersistentVolumeClaims can be had. PreFilter turns the pod away while a claim is missing,
 * lost, being deleted, or unbound with immediate binding (the PV controller binds those);
 * Filter checks each node against bound volumes' node affinity and finds a static volume or
 * a provisioner for each claim that waits for its first consumer; Reserve assumes the
 * choice; PreBind writes it (a volume pre-bound to its claim, or the claim's
 * volume.kubernetes.io/selected-node annotation) and waits, checking every second for up to
 * ten minutes, until the PV controller and the provisioner have bound every claim.
 */
import type { Handle, Plugin, PreBindWait, QueueingHint } from '../../framework/interface';
import { UPDATE } from '../../framework/interface';
import { Status } from '../../framework/status';
import type { Pod } from '../../framework/types';
import type { CycleState } from '../../framework/cycle-state';
import {
  PVCS,
  PVS,
  STORAGE_CLASSES,
  podClaimNames,
  podVolumeClaims,
  volumeIsForPod,
  type Claim,
  type PodObject,
  type StorageClassObject,
  type Volume,
} from '../../../controllers/pv-binder/types';
import { AssumeCache } from './assume-cache';
import { VolumeBinder } from './binder';
import { checkBindings } from './check-bindings';
import type { BinderSources, PodVolumeClaims, PodVolumes } from './types';

export { VolumeBinder } from './binder';
export { checkBindings } from './check-bindings';
export {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  volumeFitsNode,
} from './types';
export { AssumeCache } from './assume-cache';

export const NAME = 'VolumeBinding';
/** PreFilter's reason while an immediate-binding claim of the pod is unbound. */
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** VolumeBindingArgs.bindTimeoutSeconds (600 by default): how long PreBind waits. */
export const BIND_TIMEOUT_MS = 600_000;
/** How often PreBind checks the bindings. */
export const BIND_CHECK_INTERVAL_MS = 1_000;

/** What PreFilter leaves for the later extension points (stateData). */
interface StateData {
  allBound: boolean;
  podVolumeClaims: PodVolumeClaims | null;
  /** What each node that passed Filter needs done. */
  readonly podVolumesByNode: Map<string, PodVolumes>;
}

const asPod = (pod: Pod) => pod as unknown as PodObject;

/** Queueing hint: a claim of the pod was created or changed. */
export function isSchedulableAfterClaimChange(pod: Pod, _old: unknown, obj: unknown): QueueingHint {
  const claim = obj as Claim;
  if (claim.metadata.namespace !== pod.metadata?.namespace) return 'QueueSkip';
  return podClaimNames(asPod(pod)).includes(claim.metadata.name ?? '') ? 'Queue' : 'QueueSkip';
}

/** Queueing hint: a new class, or a class whose allowed topologies changed. */
export function isSchedulableAfterStorageClassChange(_pod: Pod, old: unknown, obj: unknown): QueueingHint {
  if (old === undefined) return 'Queue';
  const before = (old as StorageClassObject).allowedTopologies;
  const after = (obj as StorageClassObject).allowedTopologies;
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? 'QueueSkip' : 'Queue';
}

/** podHasPVCs: why the pod cannot be considered at all, or null. */
function claimProblem(pod: PodObject, claims: (key: string) => Claim | undefined): string | null {
  const ns = pod.metadata.namespace ?? '';
  for (const { claimName: name, ephemeral } of podVolumeClaims(pod)) {
    const pvc = claims(`${ns}/${name}`);
    if (pvc === undefined)
      return ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`
        : `persistentvolumeclaim "${name}" not found`;
    if (pvc.status?.phase === 'Lost')
      return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata.deletionTimestamp !== undefined)
      return `persistentvolumeclaim "${name}" is being deleted`;
    if (ephemeral) {
      const problem = volumeIsForPod(pod, pvc);
      if (problem !== null) return problem;
    }
  }
  return null;
}

/** The VolumeBinding plugin. */
export function volumeBinding(h: Handle): Plugin {
  const claims = h.informerFor<Claim>(PVCS);
  const sources: BinderSources = {
    client: h.client,
    pvcCache: new AssumeCache(claims, 'persistentVolumeClaim'),
    pvCache: new AssumeCache(h.informerFor<Volume>(PVS), 'persistentVolume'),
    classes: h.informerFor<StorageClassObject>(STORAGE_CLASSES).lister,
    getNode: (name) => h.snapshot().get(name)?.node,
    getPod: (ns, name) => h.getPod(ns, name),
  };
  const binder = new VolumeBinder(sources);
  const stateOf = (state: CycleState) => state.read<StateData>(NAME);
  return {
    name: NAME,
    events: [
      { resource: 'StorageClass', actions: ['Add', UPDATE], hint: isSchedulableAfterStorageClassChange },
      { resource: 'PersistentVolumeClaim', actions: ['Add', UPDATE], hint: isSchedulableAfterClaimChange },
      { resource: 'PersistentVolume', actions: ['Add', UPDATE] },
      { resource: 'Node', actions: ['Add', 'UpdateNodeLabel'] },
    ],
    preFilter(state, pod) {
      const p = asPod(pod);
      const data: StateData = { allBound: false, podVolumeClaims: null, podVolumesByNode: new Map() };
      state.write(NAME, data);
      if (podClaimNames(p).length === 0) return { status: Status.skip() };
      const problem = claimProblem(p, (key) => claims.lister.get(key));
      if (problem !== null) return { status: Status.unresolvable(problem) };
      data.podVolumeClaims = binder.getPodVolumeClaims(p);
      if (data.podVolumeClaims.unboundClaimsImmediate.length > 0)
        return { status: Status.unresolvable(ERR_UNBOUND_IMMEDIATE) };
      return null;
    },
    filter(state, _pod, nodeInfo) {
      const data = stateOf(state);
      if (data.podVolumeClaims === null || nodeInfo.node === undefined) return null;
      const { podVolumes, reasons } = binder.findPodVolumes(data.podVolumeClaims, nodeInfo.node);
      if (reasons.length > 0) return new Status('UnschedulableAndUnresolvable', reasons);
      data.podVolumesByNode.set(nodeInfo.name, podVolumes);
      return null;
    },
    reserve(state, pod, nodeName) {
      const data = stateOf(state);
      const podVolumes = data.podVolumesByNode.get(nodeName);
      data.allBound = podVolumes === undefined || binder.assumePodVolumes(asPod(pod), nodeName, podVolumes);
      return null;
    },
    preBind(state, pod, nodeName, causedBy): Status | null | PreBindWait {
      const data = stateOf(state);
      if (data.allBound) return null;
      const podVolumes = data.podVolumesByNode.get(nodeName);
      if (podVolumes === undefined) return Status.error(`no pod volumes found for node "${nodeName}"`);
      binder.bindAPIUpdate(podVolumes, causedBy);
      return {
        intervalMs: BIND_CHECK_INTERVAL_MS,
        timeoutMs: BIND_TIMEOUT_MS,
        check() {
          try {
            return checkBindings(sources, pod, podVolumes) ? Status.success() : null;
          } catch (error) {
            return Status.error(`binding volumes: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
        timedOut: () => Status.error('binding volumes: context deadline exceeded'),
      };
    },
    unreserve(state, _pod, nodeName) {
      const podVolumes = state.tryRead<StateData>(NAME)?.podVolumesByNode.get(nodeName);
      if (podVolumes !== undefined) binder.revertAssumedPodVolumes(podVolumes);
    },
  };
}
