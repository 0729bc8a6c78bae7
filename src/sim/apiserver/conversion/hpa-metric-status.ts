/**
 * HPA metric statuses between the internal version (autoscaling/v2's shape) and the
 * autoscaling/v1 MetricStatus serialized into the `current-metrics` annotation. v1 keeps the
 * current values in non-pointer quantities, so a missing one becomes "0" on the way back.
 */
import { ordered, str, type Json, type Shape } from './gojson';
import {
  convertSources,
  crossRef,
  identifier,
  metricToV1,
  optInt,
  optQty,
  qty,
  v1MetricsShape,
} from './hpa-metrics';

/** A v2 MetricStatus (as the internal version has it) as an autoscaling/v1 MetricStatus. */
export const metricStatusToV1 = (m: Json): Json => metricToV1(m, 'current', qty);

/** An autoscaling/v1 MetricStatus (from the annotation) as the internal (v2) MetricStatus. */
export function metricStatusFromV1(m: Json): Json {
  return convertSources(m, {
    object: (o) =>
      ordered(
        ['metric', identifier(o['metricName'], o['selector'])],
        ['current', ordered(['value', qty(o['currentValue'])], ['averageValue', optQty(o['averageValue'])])],
        ['describedObject', crossRef(o['target'])],
      ),
    pods: (p) =>
      ordered(
        ['metric', identifier(p['metricName'], p['selector'])],
        ['current', ordered(['averageValue', qty(p['currentAverageValue'])])],
      ),
    resource: resourceStatusFromV1,
    external: (e) =>
      ordered(
        ['metric', identifier(e['metricName'], e['metricSelector'])],
        [
          'current',
          ordered(['value', qty(e['currentValue'])], ['averageValue', optQty(e['currentAverageValue'])]),
        ],
      ),
  });
}

function resourceStatusFromV1(r: Json, container: boolean): Json {
  return ordered(
    ['name', str(r['name'])],
    [
      'current',
      ordered(
        ['averageValue', qty(r['currentAverageValue'])],
        ['averageUtilization', optInt(r['currentAverageUtilization'])],
      ),
    ],
    ['container', container ? str(r['container']) : undefined],
  );
}

/** The Go type of `autoscaling.alpha.kubernetes.io/current-metrics`: []v1.MetricStatus. */
export const V1_METRIC_STATUSES: Shape = v1MetricsShape('current');
