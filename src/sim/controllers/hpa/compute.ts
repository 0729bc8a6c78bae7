/**
 * computeReplicasForMetrics (upstream horizontal.go): the replica count each of an HPA's
 * metrics asks for, the highest of them, and each metric's current status. Resource and
 * ContainerResource metrics are measured through the resource metrics API (metrics.k8s.io);
 * Pods, Object and External metrics need a custom or external metrics API, which this
 * cluster has no adapter for, so they fail the way upstream does when those APIs are missing.
 */
import type { MetricSpec, MetricStatus, MetricTarget } from 'kubernetes-types/autoscaling/v2';
import { goLabelSelectorString } from '../../apiserver/printers/format';
import { formatQuantity } from '../../apiserver/printers/quantity';
import { isQuantityError, parseQuantity, quantityMilliValue } from '../../apiserver/validation/quantity';
import { resourceForKind } from '../../apiserver/resources';
import type { ApiClient } from '../../client/rest';
import type { ConditionUpdate } from './conditions';
import { requestError } from './metrics-client';
import type { PodSelector, ReplicaCalculator } from './replica-calculator';

/** What computing a metric does besides returning: events and conditions on the HPA. */
export interface Effects {
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  setCondition(update: ConditionUpdate): void;
}

/** A failure to compute one metric: the error, and the ScalingActive condition it proposes. */
class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: ConditionUpdate,
  ) {
    super(message);
  }
}

/** getUnableComputeReplicaCountCondition: records the event and proposes the condition. */
function unable(effects: Effects, reason: string, message: string): ConditionUpdate {
  effects.event('Warning', reason, message);
  return {
    type: 'ScalingActive',
    status: 'False',
    reason,
    message: `the HPA was unable to compute the replica count: ${message}`,
  };
}

const milliQuantity = (milli: number) => formatQuantity(`${milli}m`);
const milliOf = (q: unknown) => {
  const parsed = parseQuantity(String(q ?? ''));
  return isQuantityError(parsed) ? 0 : Number(quantityMilliValue(parsed));
};

export interface MetricsInput {
  readonly namespace: string;
  readonly specReplicas: number;
  readonly selector: PodSelector;
  readonly calculator: ReplicaCalculator;
  readonly client: ApiClient;
  readonly causedBy: number | null;
}

/** computeStatusForResourceMetricGeneric: one Resource or ContainerResource metric's proposal. */
function resourceMetric(
  input: MetricsInput,
  target: MetricTarget | undefined,
  resource: string,
  container: string,
) {
  const { calculator, specReplicas, namespace, selector } = input;
  const failed = (kind: string, error: unknown) =>
    new Error(
      `failed to get ${resource} ${kind}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  if (target?.averageValue !== undefined && target.averageValue !== null) {
    try {
      const r = calculator.getRawResourceReplicas(
        specReplicas,
        milliOf(target.averageValue),
        resource,
        namespace,
        selector,
        container,
      );
      return {
        replicas: r.replicas,
        name: `${resource} resource`,
        current: { averageValue: milliQuantity(r.usage) },
      };
    } catch (error) {
      throw failed('usage', error);
    }
  }
  if (target?.averageUtilization === undefined || target.averageUtilization === null)
    throw new Error(
      'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
    );
  let r: ReturnType<ReplicaCalculator['getResourceReplicas']>;
  try {
    r = calculator.getResourceReplicas(
      specReplicas,
      target.averageUtilization,
      resource,
      namespace,
      selector,
      container,
    );
  } catch (error) {
    throw failed('utilization', error);
  }
  const name =
    container === ''
      ? `${resource} resource utilization (percentage of request)`
      : `${resource} container resource utilization (percentage of request)`;
  return {
    replicas: r.replicas,
    name,
    current: { averageValue: milliQuantity(r.rawUtilization), averageUtilization: r.utilization },
  };
}

/** Asks a custom or external metrics API that no adapter serves here; upstream's error when it fails. */
function unservedMetricsApi(input: MetricsInput, path: string, api: string, resource: string): Error {
  try {
    input.client.request('GET', path, { causedBy: input.causedBy });
    return new Error(`no metrics returned from ${api} API`);
  } catch (error) {
    return new Error(`unable to fetch metrics from ${api} API: ${requestError(error, 'get', resource)}`);
  }
}

/** computeReplicasForMetric: one metric's proposal and status; throws a MetricError. */
function computeMetric(input: MetricsInput, spec: MetricSpec, effects: Effects) {
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const isResource = spec.type === 'Resource';
      const source = isResource ? spec.resource : spec.containerResource;
      const name = source?.name ?? '';
      const container = isResource ? '' : (spec.containerResource?.container ?? '');
      let r: ReturnType<typeof resourceMetric>;
      try {
        r = resourceMetric(input, source?.target, name, container);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const reason = isResource ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
        throw new MetricError(message, unable(effects, reason, message));
      }
      const status = isResource
        ? { type: 'Resource', resource: { name, current: r.current } }
        : { type: 'ContainerResource', containerResource: { name, container, current: r.current } };
      return { ...r, status: status as MetricStatus };
    }
    case 'Pods': {
      const metric = spec.pods?.metric.name ?? '';
      const path = `/apis/custom.metrics.k8s.io/v1beta2/namespaces/${input.namespace}/pods/*/${metric}`;
      const error = unservedMetricsApi(input, path, 'custom metrics', 'pods.custom.metrics.k8s.io *');
      const message = `unable to get metric ${metric}: ${error.message}`;
      throw new MetricError(message, unable(effects, 'FailedGetPodsMetric', message));
    }
    case 'Object': {
      const { metric, describedObject } = spec.object ?? {
        metric: { name: '' },
        describedObject: { kind: '', name: '' },
      };
      const plural =
        resourceForKind(describedObject.apiVersion ?? '', describedObject.kind)?.plural ??
        `${describedObject.kind.toLowerCase()}s`;
      const path = `/apis/custom.metrics.k8s.io/v1beta2/namespaces/${input.namespace}/${plural}/${describedObject.name}/${metric.name}`;
      const error = unservedMetricsApi(input, path, 'custom metrics', `${plural}.custom.metrics.k8s.io`);
      // Upstream's format string puts its arguments in this order.
      const message = `unable to get metric ${metric.name}: ${describedObject.kind} on ${input.namespace} ${describedObject.name}/${error.message}`;
      throw new MetricError(message, unable(effects, 'FailedGetObjectMetric', message));
    }
    case 'External': {
      const { name: metric = '', selector } = spec.external?.metric ?? {};
      const path = `/apis/external.metrics.k8s.io/v1beta1/namespaces/${input.namespace}/${metric}`;
      const error = unservedMetricsApi(input, path, 'external metrics', `${metric}.external.metrics.k8s.io`);
      const cause = `unable to get external metric ${input.namespace}/${metric}/${goLabelSelectorString(selector)}: ${error.message}`;
      const condition = unable(effects, 'FailedGetExternalMetric', cause);
      const perPod =
        spec.external?.target.averageValue !== undefined && spec.external.target.averageValue !== null;
      const message = perPod
        ? `failed to get ${metric} external metric: ${cause}`
        : `failed to get external metric ${metric}: ${cause}`;
      throw new MetricError(message, condition);
    }
    default: {
      const message = `unknown metric source type "${spec.type}"`;
      throw new MetricError(message, unable(effects, 'InvalidMetricSourceType', message));
    }
  }
}

/** The prefix computeReplicasForMetric puts on each metric type's error. */
function metricErrorPrefix(spec: MetricSpec): string {
  switch (spec.type) {
    case 'Resource':
      return `failed to get ${spec.resource?.name ?? ''} resource metric value: `;
    case 'ContainerResource':
      return `failed to get ${spec.containerResource?.container ?? ''} container metric value: `;
    case 'Pods':
      return 'failed to get pods metric value: ';
    case 'Object':
      return 'failed to get object metric value: ';
    case 'External':
      return `failed to get ${spec.external?.metric.name ?? ''} external metric value: `;
    default:
      return '';
  }
}

/**
 * computeReplicasForMetrics: the highest proposal of the metrics that could be computed. The
 * replica count is -1 (with an error) when none could, or when some failed and the rest would
 * scale down; an error with a count means scale, but report the failure.
 */
export function computeReplicasForMetrics(
  input: MetricsInput,
  specs: readonly MetricSpec[],
  effects: Effects,
) {
  const statuses: MetricStatus[] = specs.map(() => ({ type: '' }) as unknown as MetricStatus);
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let first: { message: string; condition: ConditionUpdate } | undefined;
  specs.forEach((spec, i) => {
    try {
      const proposal = computeMetric(input, spec, effects);
      statuses[i] = proposal.status;
      if (replicas === 0 || proposal.replicas > replicas) {
        replicas = proposal.replicas;
        metric = proposal.name;
      }
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      invalid++;
      first ??= { message: `${metricErrorPrefix(spec)}${error.message}`, condition: error.condition };
    }
  });
  const error =
    first === undefined
      ? undefined
      : `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${first.message}`;
  if (first !== undefined && (invalid >= specs.length || replicas < input.specReplicas)) {
    effects.setCondition(first.condition);
    return { replicas: -1, metric: '', statuses, error };
  }
  effects.setCondition({
    type: 'ScalingActive',
    status: 'True',
    reason: 'ValidMetricFound',
    message: `the HPA was able to successfully calculate a replica count from ${metric}`,
  });
  return { replicas, metric, statuses, error };
}
