/** PersistentVolumes, PersistentVolumeClaims, StorageClasses, CSINodes, VolumeAttributesClasses. */
import type {
  NodeSelectorRequirement,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  TopologySelectorLabelRequirement,
} from 'kubernetes-types/core/v1';
import type { CSINode, StorageClass } from 'kubernetes-types/storage/v1';
import { since } from '../../sim/apiserver/printers/duration';
import { boolPtr, formatLabels } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { goList, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format';
import { goSort } from './gosort';
import type { DescribeContext } from './index';
import { accessModesString, printPersistentVolumeClaim } from './pvc-spec';
import { quantity, quantityString } from './quantity';
import { describePersistentVolumeSource } from './volumes';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, type PrefixWriter } from './writer';

/** `Term N:` followed by one requirement per line (`key in [a, b]`), or `<none>`. */
function printTerm(w: PrefixWriter, level: number, title: string, requirements: readonly string[]): void {
  w.write(level, `${title}:\t`);
  if (requirements.length === 0) {
    w.line('<none>');
    return;
  }
  requirements.forEach((r, i) => {
    if (i !== 0) w.write(level, '\t');
    w.write(LEVEL_0, `${r}\n`);
  });
}

const requirementText = (key: string, operator: string, values: readonly string[] | undefined): string =>
  (values ?? []).length > 0 ? `${key} ${operator} [${values?.join(', ')}]` : `${key} ${operator}`;

const nodeRequirement = (r: NodeSelectorRequirement) =>
  requirementText(r.key, r.operator.toLowerCase(), r.values);
const topologyRequirement = (r: TopologySelectorLabelRequirement) => requirementText(r.key, 'in', r.values);

/** Describes a persistent volume: class, claim, capacity, node affinity and its source. */
export async function describePersistentVolume(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const pv = obj as unknown as PersistentVolume;
  const meta = pv.metadata ?? {};
  const spec = pv.spec ?? {};
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(meta.finalizers)}\n`);
  const betaClass = meta.annotations?.['volume.beta.kubernetes.io/storage-class'];
  w.write(LEVEL_0, `StorageClass:\t${betaClass ?? spec.storageClassName ?? ''}\n`);
  if (meta.deletionTimestamp) {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  }
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  w.write(LEVEL_0, `Claim:\t${claim}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(quantity(spec.capacity?.storage))}\n`);
  w.write(LEVEL_0, 'Node Affinity:\t');
  const required = spec.nodeAffinity?.required;
  if (!required) w.line('<none>');
  else {
    w.line('');
    w.write(LEVEL_1, 'Required Terms:\t');
    const terms = required.nodeSelectorTerms ?? [];
    if (terms.length === 0) w.line('<none>');
    else {
      w.line('');
      terms.forEach((term, i) =>
        printTerm(w, LEVEL_2, `Term ${i}`, (term.matchExpressions ?? []).map(nodeRequirement)),
      );
    }
  }
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  describePersistentVolumeSource(spec as Record<string, unknown>, w);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** The pods in the claim's namespace that mount it, then pods that own it and do not. */
async function podsUsingClaim(ctx: DescribeContext, pvc: PersistentVolumeClaim): Promise<Pod[]> {
  const pods = (await ctx.list(
    `/api/v1/namespaces/${pvc.metadata?.namespace ?? ''}/pods`,
  )) as unknown as Pod[];
  const using: Pod[] = [];
  for (const pod of pods) {
    for (const volume of pod.spec?.volumes ?? []) {
      if (volume.persistentVolumeClaim && volume.persistentVolumeClaim.claimName === pvc.metadata?.name)
        using.push(pod);
    }
  }
  for (const ref of pvc.metadata?.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !using.some((p) => p.metadata?.uid === owner.metadata?.uid)) using.push(owner);
  }
  return using;
}

/** Describes a claim: its binding, capacity, the pods using it and its conditions. */
export async function describePersistentVolumeClaim(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const pvc = obj as unknown as PersistentVolumeClaim;
  const pods = await podsUsingClaim(ctx, pvc);
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  printPersistentVolumeClaim(w, pvc, true, ctx.now);
  w.write(LEVEL_0, 'Used By:\t');
  if (pods.length === 0) w.line('<none>');
  const name = (p: Pod) => p.metadata?.name ?? '';
  goSort(pods, (a, b) => name(a) < name(b)).forEach((p, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${name(p)}\n`);
  });
  const conditions = pvc.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      const times = `${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} `;
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${times}\t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** Describes a StorageClass: whether it is the default, its provisioner and parameters. */
export async function describeStorageClass(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const sc = obj as unknown as StorageClass;
  const events = await eventsFor(ctx, targetOf(obj));
  const annotations = sc.metadata?.annotations ?? {};
  const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true');
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const options = sc.mountOptions ?? [];
  if (options.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const option of options) w.write(LEVEL_1, `${option}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies !== undefined && sc.allowedTopologies !== null) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (sc.allowedTopologies.length === 0) w.line('<none>');
    else {
      w.line('');
      sc.allowedTopologies.forEach((term, i) =>
        printTerm(w, LEVEL_1, `Term ${i}`, (term.matchLabelExpressions ?? []).map(topologyRequirement)),
      );
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a CSINode: the CSI drivers registered on the node. */
export async function describeCSINode(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const csi = obj as unknown as CSINode;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${csi.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', csi.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', csi.metadata?.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(csi.metadata?.creationTimestamp)}\n`);
  w.write(LEVEL_0, 'Spec:\n');
  if (csi.spec?.drivers) {
    w.write(LEVEL_1, 'Drivers:\n');
    for (const driver of csi.spec.drivers) {
      w.write(LEVEL_2, `${driver.name}:\n`);
      w.write(LEVEL_3, `Node ID:\t${driver.nodeID}\n`);
      const count = driver.allocatable?.count;
      if (count !== undefined && count !== null) {
        w.write(LEVEL_3, 'Allocatables:\n');
        w.write(LEVEL_4, `Count:\t${count}\n`);
      }
      if (driver.topologyKeys) w.write(LEVEL_3, `Topology Keys:\t${goList(driver.topologyKeys)}\n`);
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a VolumeAttributesClass: its driver and parameters. */
export async function describeVolumeAttributesClass(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const vac = obj as unknown as { driverName?: string; parameters?: Record<string, string> };
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  w.write(LEVEL_0, `DriverName:\t${vac.driverName ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(vac.parameters)}\n`);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
