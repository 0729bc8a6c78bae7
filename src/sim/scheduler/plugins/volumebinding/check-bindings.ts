/**
 * checkBindings (binder.go), what VolumeBinding's PreBind polls after writing a pod's volume
 * bindings. It reads the apiserver's versions, never assumed ones: the claims are done when
 * the PV controller (and, for new volumes, the provisioner) has fully bound each of them.
 * A reset claimRef, a dropped selected node (the provisioner gave up on that node), a volume
 * that does not fit the node, or the pod's deletion sends the pod back to scheduling.
 */
import { claimKey, ANN_SELECTED_NODE, type Volume } from '../../../controllers/pv-binder/types';
import type { Pod } from '../../framework/types';
import { fullyBound, rv, volumeFitsNode, type BinderSources, type PodVolumes } from './types';

/**
 * checkBindings, against the apiserver's versions: true once every claim is fully bound;
 * false while waiting; throws when binding must be retried from scheduling.
 */
export function checkBindings(s: BinderSources, pod: Pod, podVolumes: PodVolumes): boolean {
  const nodeName = pod.spec?.nodeName ?? '';
  const node = s.getNode(nodeName);
  if (node === undefined) throw new Error(`failed to get node "${nodeName}": node "${nodeName}" not found`);
  const name = pod.metadata?.name ?? '';
  if (s.getPod(pod.metadata?.namespace ?? '', name) === undefined)
    throw new Error(`pod does not exist any more: pod "${name}" not found`);
  const affinity = (pv: Volume) => {
    if (!volumeFitsNode(pv, node))
      throw new Error(
        `pv "${pv.metadata.name ?? ''}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`,
      );
  };
  for (const b of podVolumes.staticBindings) {
    const pv = s.pvCache.getAPIObj(b.pv.metadata.name ?? '');
    const pvc = s.pvcCache.getAPIObj(claimKey(b.pvc));
    if (pv === undefined || pvc === undefined)
      throw new Error(`failed to check binding: ${pv === undefined ? 'volume' : 'claim'} not found`);
    if (rv(b.pv) > rv(pv)) return false;
    affinity(pv);
    if ((pv.spec?.claimRef?.uid ?? '') === '')
      throw new Error(`ClaimRef got reset for pv "${pv.metadata.name ?? ''}"`);
    if (!fullyBound(pvc)) return false;
  }
  for (const claim of podVolumes.dynamicProvisions) {
    const pvc = s.pvcCache.getAPIObj(claimKey(claim));
    if (pvc === undefined)
      throw new Error(`failed to check provisioning pvc: claim "${claimKey(claim)}" not found`);
    if (rv(claim) > rv(pvc)) return false;
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName)
      throw new Error(`provisioning failed for PVC "${pvc.metadata.name ?? ''}"`);
    const volumeName = pvc.spec?.volumeName ?? '';
    if (volumeName !== '') {
      const pv = s.pvCache.getAPIObj(volumeName);
      if (pv === undefined) return false;
      affinity(pv);
    }
    if (!fullyBound(pvc)) return false;
  }
  return true;
}
