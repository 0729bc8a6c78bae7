/** HorizontalPodAutoscalers (autoscaling/v2, and autoscaling/v1 objects converted the same way). */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { AGE_COLUMN, NAME_COLUMN, column, printer } from './columns';
import { since } from './duration';
import { formatQuantity } from './quantity';

/** autoscaling/v1's single CPU target, as the v1 -> internal conversion turns it into metrics. */
interface V1Fields {
  spec?: { targetCPUUtilizationPercentage?: number };
  status?: { currentCPUUtilizationPercentage?: number };
}

function metricsOf(hpa: HorizontalPodAutoscaler): { specs: MetricSpec[]; statuses: MetricStatus[] } {
  const apiVersion = hpa.apiVersion as string | undefined;
  const v1 = hpa as V1Fields;
  const isV1 =
    apiVersion === 'autoscaling/v1' ||
    (apiVersion === undefined && v1.spec?.targetCPUUtilizationPercentage !== undefined);
  if (!isV1) {
    return { specs: hpa.spec?.metrics ?? [], statuses: hpa.status?.currentMetrics ?? [] };
  }
  const target = v1.spec?.targetCPUUtilizationPercentage;
  const current = v1.status?.currentCPUUtilizationPercentage;
  return {
    specs:
      target === undefined
        ? []
        : [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
            },
          ],
    statuses:
      current === undefined
        ? []
        : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }],
  };
}

/** Whether an optional (pointer) field is set. */
function isSet<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/** Quantity.String() of an optional quantity pointer: Go prints a nil pointer as `<nil>`. */
function q(value: unknown): string {
  return isSet(value) ? formatQuantity(value) : '<nil>';
}

function percent(value: number | undefined, otherwise: string): string {
  return isSet(value) ? `${value}%` : otherwise;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (isSet(target?.averageValue)) {
        const cur = status?.external?.current?.averageValue;
        return `${isSet(cur) ? q(cur) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      const cur = isSet(status?.external) ? q(status.external.current?.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Pods': {
      const cur = isSet(status?.pods) ? q(status.pods.current?.averageValue) : '<unknown>';
      return `${cur}/${q(spec.pods?.target?.averageValue)}`;
    }
    case 'Object': {
      const target = spec.object?.target;
      if (isSet(target?.averageValue)) {
        const cur = status?.object?.current?.averageValue;
        return `${isSet(cur) ? q(cur) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      const cur = isSet(status?.object) ? q(status.object.current?.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const current = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = source?.name ?? '';
      if (isSet(source?.target?.averageValue)) {
        const cur = isSet(current) ? q(current.current?.averageValue) : '<unknown>';
        return `${name}: ${cur}/${q(source.target.averageValue)}`;
      }
      const cur = percent(current?.current?.averageUtilization, '<unknown>');
      return `${name}: ${cur}/${percent(source?.target?.averageUtilization, '<auto>')}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell: the first two metrics as `current/target`, then ` + N more...`. */
export function formatHPAMetrics(specs: readonly MetricSpec[], statuses: readonly MetricStatus[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

/** `kubectl get horizontalpodautoscalers`. */
export const horizontalPodAutoscalerPrinter = printer<HorizontalPodAutoscaler>(
  [
    NAME_COLUMN,
    column('Reference', 'string', 'The scaled object, as Kind/name.'),
    column('Targets', 'string', 'Current and target values of each metric.'),
    column('MinPods', 'string', 'Lowest replica count the autoscaler sets.'),
    column('MaxPods', 'string', 'Highest replica count the autoscaler sets.'),
    column('Replicas', 'string', 'Current replica count.'),
    AGE_COLUMN,
  ],
  (hpa, now) => {
    const { specs, statuses } = metricsOf(hpa);
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(specs, statuses),
      min === undefined || min === null ? '<unset>' : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata?.creationTimestamp, now),
    ];
  },
);
