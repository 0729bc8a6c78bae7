/** Deployments, ReplicaSets, ReplicationControllers, StatefulSets and DaemonSets. */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  formatLabels,
  formatLabelSelector,
  goLabelSelectorString,
  intOrString,
  selectorString,
} from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import {
  goList,
  printAnnotationsMultiline,
  printControlledBy,
  printLabelsMultiline,
  rfc1123z,
} from './format';
import type { DescribeContext } from './index';
import { describePodTemplate } from './pod';
import { claimClass } from './pvc-spec';
import { quantity, quantityString } from './quantity';
import { findReplicaSets } from './replicasets';
import { DescribeWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** Pod phase counts of a controller's pods, or the error listing them failed with. */
type PodCounts = { running: number; waiting: number; succeeded: number; failed: number } | Error;

/**
 * Counts the phases of the pods `selector` matches that `uid` controls (kubectl's
 * getPodStatusForController).
 */
async function podCounts(ctx: DescribeContext, namespace: string, selector: string, uid: string | undefined) {
  const query: Record<string, string> = selector === '' ? {} : { labelSelector: selector };
  try {
    const pods = (await ctx.list(`/api/v1/namespaces/${namespace}/pods`, query)) as unknown as Pod[];
    const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
    for (const pod of pods) {
      const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
      if (!ref || ref.uid !== uid) continue;
      if (pod.status?.phase === 'Running') counts.running++;
      else if (pod.status?.phase === 'Pending') counts.waiting++;
      else if (pod.status?.phase === 'Succeeded') counts.succeeded++;
      else if (pod.status?.phase === 'Failed') counts.failed++;
    }
    return counts;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The counts, or rethrows the listing error (the describers that fail without them). */
function required(counts: PodCounts): Exclude<PodCounts, Error> {
  if (counts instanceof Error) throw counts;
  return counts;
}

function writePodsStatus(w: PrefixWriter, counts: PodCounts): void {
  w.write(LEVEL_0, 'Pods Status:\t');
  if (counts instanceof Error) w.write(LEVEL_0, `error in fetching pods: ${counts.message}\n`);
  else {
    const c = counts;
    w.write(
      LEVEL_0,
      `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`,
    );
  }
}

/** A selector as labels.Selector prints it, or kubectl's error text for an invalid one. */
export function selectorText(selector: LabelSelector | undefined): string {
  if (selector === undefined) return '';
  const text = selectorString(selector);
  if (text === undefined) throw new Error(`invalid label selector: ${goLabelSelectorString(selector)}`);
  return text;
}

function writeConditions(
  w: PrefixWriter,
  conditions: readonly { type: string; status: string; reason?: string }[],
) {
  if (conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** Describes a deployment with its strategy, template, conditions and ReplicaSets. */
export async function describeDeployment(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const d = obj as unknown as Deployment;
  const selector = selectorText(d.spec?.selector);
  const events = await eventsFor(ctx, targetOf(obj));
  const replicaSets = await findReplicaSets(ctx, d, selector).catch(() => null);
  const w = new DescribeWriter();
  const s = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ` +
      `${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) {
    const text = (v: number | string | undefined) => (v === undefined ? '<nil>' : intOrString(v));
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${text(ru.maxUnavailable)} max unavailable, ${text(ru.maxSurge)} max surge\n`,
    );
  }
  describePodTemplate(d.spec?.template, w);
  writeConditions(w, s.conditions ?? []);
  if (replicaSets && (replicaSets.old.length > 0 || replicaSets.current)) {
    const list = (sets: readonly ReplicaSet[]) =>
      sets
        .map(
          (rs) =>
            `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
        )
        .join(', ') || '<none>';
    w.write(LEVEL_0, `OldReplicaSets:\t${list(replicaSets.old)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${list(replicaSets.current ? [replicaSets.current] : [])}\n`);
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a ReplicaSet with the phases of its pods. */
export async function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const rs = obj as unknown as ReplicaSet;
  const counts = await podCounts(
    ctx,
    rs.metadata?.namespace ?? '',
    selectorText(rs.spec?.selector),
    rs.metadata?.uid,
  );
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  printControlledBy(w, rs.metadata);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  writePodsStatus(w, counts);
  describePodTemplate(rs.spec?.template, w);
  writeConditions(w, rs.status?.conditions ?? []);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a ReplicationController with the phases of its pods. */
export async function describeReplicationController(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const rc = obj as unknown as ReplicationController;
  const selector = formatLabels(rc.spec?.selector);
  const query = selector === '<none>' ? '' : selector;
  const counts = required(await podCounts(ctx, rc.metadata?.namespace ?? '', query, rc.metadata?.uid));
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rc.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${rc.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', rc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', rc.metadata?.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  writePodsStatus(w, counts);
  describePodTemplate(rc.spec?.template, w);
  writeConditions(w, rc.status?.conditions ?? []);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a StatefulSet with its update strategy and volume claim templates. */
export async function describeStatefulSet(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ss = obj as unknown as StatefulSet;
  const selector = selectorText(ss.spec?.selector);
  const counts = required(await podCounts(ctx, ss.metadata?.namespace ?? '', selector, ss.metadata?.uid));
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ss.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ss.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', ss.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ss.metadata?.annotations);
  w.write(LEVEL_0, `Replicas:\t${ss.spec?.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${ss.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = ss.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined)
      w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  writePodsStatus(w, counts);
  describePodTemplate(ss.spec?.template, w);
  const templates = ss.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of templates) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${claimClass(pvc)}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const storage = pvc.spec?.resources?.requests?.storage;
      w.write(
        LEVEL_1,
        `Capacity:\t${storage === undefined ? '<default>' : quantityString(quantity(storage))}\n`,
      );
      w.write(LEVEL_1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a DaemonSet with its scheduling counts. */
export async function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ds = obj as unknown as DaemonSet;
  const selector = selectorText(ds.spec?.selector);
  const counts = required(await podCounts(ctx, ds.metadata?.namespace ?? '', selector, ds.metadata?.uid));
  const events = await eventsFor(ctx, targetOf(obj));
  const s = ds.status;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ds.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  writePodsStatus(w, counts);
  describePodTemplate(ds.spec?.template, w);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
