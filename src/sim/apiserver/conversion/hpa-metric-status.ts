/**
 * HPA metric statuses between the internal version (autoscaling/v2's shape) and the
 * autoscaling/v1 MetricStatus serialized into the `current-metrics` annotation. v1 keeps the
 * current values in non-pointer quantities, so a missing one becomes "0" on the way back.
 */
import { ordered, rec, str, type Json, type Shape } from './gojson';
import {
  CROSS_REF,
  SELECTOR,
  crossRef,
  identifier,
  optInt,
  optQty,
  qty,
  selector,
  when,
} from './hpa-metrics';

/** A v2 MetricStatus (as the internal version has it) as an autoscaling/v1 MetricStatus. */
export function metricStatusToV1(m: Json): Json {
  return ordered(
    ['type', str(m['type'])],
    [
      'object',
      when(m['object'], (o) => {
        const current = rec(o['current']);
        const metric = rec(o['metric']);
        return ordered(
          ['target', crossRef(o['describedObject'])],
          ['metricName', str(metric['name'])],
          ['currentValue', qty(current['value'])],
          ['selector', selector(metric['selector'])],
          ['averageValue', optQty(current['averageValue'])],
        );
      }),
    ],
    [
      'pods',
      when(m['pods'], (p) =>
        ordered(
          ['metricName', str(rec(p['metric'])['name'])],
          ['currentAverageValue', qty(rec(p['current'])['averageValue'])],
          ['selector', selector(rec(p['metric'])['selector'])],
        ),
      ),
    ],
    ['resource', when(m['resource'], (r) => resourceStatusToV1(r, false))],
    ['containerResource', when(m['containerResource'], (r) => resourceStatusToV1(r, true))],
    [
      'external',
      when(m['external'], (e) => {
        const current = rec(e['current']);
        return ordered(
          ['metricName', str(rec(e['metric'])['name'])],
          ['metricSelector', selector(rec(e['metric'])['selector'])],
          ['currentValue', qty(current['value'])],
          ['currentAverageValue', optQty(current['averageValue'])],
        );
      }),
    ],
  );
}

function resourceStatusToV1(r: Json, container: boolean): Json {
  const current = rec(r['current']);
  return ordered(
    ['name', str(r['name'])],
    ['currentAverageUtilization', optInt(current['averageUtilization'])],
    ['currentAverageValue', qty(current['averageValue'])],
    ['container', container ? str(r['container']) : undefined],
  );
}

/** An autoscaling/v1 MetricStatus (from the annotation) as the internal (v2) MetricStatus. */
export function metricStatusFromV1(m: Json): Json {
  return ordered(
    ['type', str(m['type'])],
    [
      'object',
      when(m['object'], (o) =>
        ordered(
          ['metric', identifier(o['metricName'], o['selector'])],
          [
            'current',
            ordered(['value', qty(o['currentValue'])], ['averageValue', optQty(o['averageValue'])]),
          ],
          ['describedObject', crossRef(o['target'])],
        ),
      ),
    ],
    [
      'pods',
      when(m['pods'], (p) =>
        ordered(
          ['metric', identifier(p['metricName'], p['selector'])],
          ['current', ordered(['averageValue', qty(p['currentAverageValue'])])],
        ),
      ),
    ],
    ['resource', when(m['resource'], (r) => resourceStatusFromV1(r, false))],
    ['containerResource', when(m['containerResource'], (r) => resourceStatusFromV1(r, true))],
    [
      'external',
      when(m['external'], (e) =>
        ordered(
          ['metric', identifier(e['metricName'], e['metricSelector'])],
          [
            'current',
            ordered(['value', qty(e['currentValue'])], ['averageValue', optQty(e['currentAverageValue'])]),
          ],
        ),
      ),
    ],
  );
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

const RESOURCE_STATUS = {
  name: 'string',
  currentAverageUtilization: 'int32',
  currentAverageValue: 'quantity',
} as const;

/** The Go type of `autoscaling.alpha.kubernetes.io/current-metrics`: []v1.MetricStatus. */
export const V1_METRIC_STATUSES: Shape = {
  list: {
    fields: {
      type: 'string',
      object: {
        fields: {
          target: CROSS_REF,
          metricName: 'string',
          currentValue: 'quantity',
          selector: SELECTOR,
          averageValue: 'quantity',
        },
      },
      pods: { fields: { metricName: 'string', currentAverageValue: 'quantity', selector: SELECTOR } },
      resource: { fields: RESOURCE_STATUS },
      containerResource: { fields: { ...RESOURCE_STATUS, container: 'string' } },
      external: {
        fields: {
          metricName: 'string',
          metricSelector: SELECTOR,
          currentValue: 'quantity',
          currentAverageValue: 'quantity',
        },
      },
    },
  },
};
