/** HorizontalPodAutoscalers, PodDisruptionBudgets and PriorityClasses. */
import type { HorizontalPodAutoscaler as HPAv1 } from 'kubernetes-types/autoscaling/v1';
import type {
  HorizontalPodAutoscaler,
  HPAScalingRules,
  MetricSpec,
  MetricStatus,
} from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { formatLabels, formatLabelSelector, intOrString } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format';
import type { DescribeContext } from './index';
import { quantity, quantityString } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/** A *Quantity as %v prints it: canonical, or `<nil>`. */
const qty = (value: unknown): string =>
  value === undefined || value === null ? '<nil>' : quantityString(quantity(value));

type Target = { averageValue?: unknown; value?: unknown; averageUtilization?: number; type?: string };
type Current = { averageValue?: unknown; value?: unknown; averageUtilization?: number };

/** `N% (value)` of a utilization metric, or `<unknown>`. */
function utilization(current: Current | undefined, target: Target): [string, string] {
  const now =
    current?.averageUtilization !== undefined
      ? `${current.averageUtilization}% (${qty(current.averageValue)})`
      : '<unknown>';
  return [now, target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>'];
}

function describeMetric(w: PrefixWriter, metric: MetricSpec, status: MetricStatus | undefined): void {
  switch (metric.type) {
    case 'External': {
      const name = JSON.stringify(metric.external?.metric.name ?? '');
      const target: Target = metric.external?.target ?? {};
      const current = status?.external?.current;
      if (target.averageValue !== undefined) {
        const now = current?.averageValue !== undefined ? qty(current.averageValue) : '<unknown>';
        w.write(LEVEL_1, `${name} (target average value):\t${now} / ${qty(target.averageValue)}\n`);
      } else {
        const now = status?.external ? qty(current?.value) : '<unknown>';
        w.write(LEVEL_1, `${name} (target value):\t${now} / ${qty(target.value)}\n`);
      }
      return;
    }
    case 'Pods': {
      const now = status?.pods ? qty(status.pods.current.averageValue) : '<unknown>';
      const name = JSON.stringify(metric.pods?.metric.name ?? '');
      w.write(LEVEL_1, `${name} on pods:\t${now} / ${qty(metric.pods?.target.averageValue)}\n`);
      return;
    }
    case 'Object': {
      const o = metric.object;
      w.write(
        LEVEL_1,
        `"${o?.metric.name ?? ''}" on ${o?.describedObject.kind ?? ''}/${o?.describedObject.name ?? ''} `,
      );
      const current = status?.object?.current;
      if (o?.target.type === 'AverageValue') {
        const now = status?.object ? qty(current?.averageValue) : '<unknown>';
        w.write(LEVEL_0, `(target average value):\t${now} / ${qty(o.target.averageValue)}\n`);
      } else {
        const now = status?.object ? qty(current?.value) : '<unknown>';
        w.write(LEVEL_0, `(target value):\t${now} / ${qty(o?.target.value)}\n`);
      }
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = metric.type === 'Resource' ? metric.resource : metric.containerResource;
      const current = metric.type === 'Resource' ? status?.resource : status?.containerResource;
      const of = metric.containerResource ? ` of container "${metric.containerResource.container}"` : '';
      w.write(LEVEL_1, `resource ${source?.name ?? ''}${of} on pods`);
      const target: Target = source?.target ?? {};
      if (target.averageValue !== undefined) {
        const now = current ? qty(current.current.averageValue) : '<unknown>';
        w.write(LEVEL_0, `:\t${now} / ${qty(target.averageValue)}\n`);
      } else {
        const [now, goal] = utilization(current?.current, target);
        w.write(LEVEL_1, `(as a percentage of request):\t${now} / ${goal}\n`);
      }
      return;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(metric.type)}>\n`);
  }
}

function describeScalingRules(w: PrefixWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) {
    w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  }
  if ((rules.policies ?? []).length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies ?? []) {
      w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
    }
  }
}

function writeHeader(w: PrefixWriter, obj: KubeObject, kind: string, name: string): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${kind}/${name}\n`);
}

function describeHPAv2(obj: KubeObject, w: PrefixWriter): void {
  const hpa = obj as unknown as HorizontalPodAutoscaler;
  const ref = hpa.spec?.scaleTargetRef;
  writeHeader(w, obj, ref?.kind ?? '', ref?.name ?? '');
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (hpa.spec?.metrics ?? []).forEach((m, i) => describeMetric(w, m, hpa.status?.currentMetrics?.[i]));
  w.write(LEVEL_0, `Min replicas:\t${hpa.spec?.minReplicas ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${hpa.spec?.maxReplicas ?? 0}\n`);
  if (hpa.spec?.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    describeScalingRules(w, 'Scale Up', hpa.spec.behavior.scaleUp);
    describeScalingRules(w, 'Scale Down', hpa.spec.behavior.scaleDown);
  }
  const s = hpa.status;
  w.write(
    LEVEL_0,
    `${ref?.kind ?? ''} pods:\t${s?.currentReplicas ?? 0} current / ${s?.desiredReplicas ?? 0} desired\n`,
  );
  const conditions = s?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conditions)
      w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
}

function describeHPAv1(obj: KubeObject, w: PrefixWriter): void {
  const hpa = obj as unknown as HPAv1;
  const ref = hpa.spec?.scaleTargetRef;
  writeHeader(w, obj, ref?.kind ?? '', ref?.name ?? '');
  const target = hpa.spec?.targetCPUUtilizationPercentage;
  if (target !== undefined && target !== null) {
    w.write(LEVEL_0, `Target CPU utilization:\t${target}%\n`);
    w.write(
      LEVEL_0,
      `Current CPU utilization:\t${hpa.status?.currentCPUUtilizationPercentage ?? '<unknown>'}%\n`,
    );
  }
  w.write(LEVEL_0, `Min replicas:\t${hpa.spec?.minReplicas ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${hpa.spec?.maxReplicas ?? 0}\n`);
  const s = hpa.status;
  w.write(
    LEVEL_0,
    `${ref?.kind ?? ''} pods:\t${s?.currentReplicas ?? 0} current / ${s?.desiredReplicas ?? 0} desired\n`,
  );
}

/**
 * Describes an autoscaler. kubectl reads it as autoscaling/v2 when the server serves that
 * version, so a v1 object is read again as v2 first.
 */
export async function describeHorizontalPodAutoscaler(
  obj: KubeObject,
  ctx: DescribeContext,
): Promise<string> {
  let hpa = obj;
  if (obj.apiVersion !== 'autoscaling/v2') {
    const path = `/apis/autoscaling/v2/namespaces/${obj.metadata.namespace ?? ''}/horizontalpodautoscalers/${obj.metadata.name ?? ''}`;
    hpa = (await ctx.get(path).catch(() => null)) ?? obj;
  }
  const events = await eventsFor(ctx, targetOf(hpa));
  const w = new DescribeWriter();
  if (hpa.apiVersion === 'autoscaling/v2') describeHPAv2(hpa, w);
  else describeHPAv1(hpa, w);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a PodDisruptionBudget: its budget, selector and current disruption status. */
export async function describePodDisruptionBudget(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const pdb = obj as unknown as PodDisruptionBudget;
  const events = await eventsFor(ctx, targetOf(obj));
  const spec = pdb.spec ?? {};
  const s = pdb.status;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined)
    w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined) {
    w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${s?.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${s?.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${s?.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${s?.expectedPods ?? 0}\n`);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes a PriorityClass: its value, whether it is the default, and its preemption policy. */
export async function describePriorityClass(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const pc = obj as unknown as PriorityClass;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
