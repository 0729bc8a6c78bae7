/**
 * HPA metric sources (and the helpers metric statuses share) between the internal version (which
 * has autoscaling/v2's shape) and the autoscaling/v1 types that exist only to be serialized
 * into the v1 round-trip annotations (v2beta1's shape: `targetAverageValue`, `metricName`...).
 * Values are built as Go serializes its structs: fields in declaration order, fields without
 * `omitempty` always present (zero strings, zero quantities as "0"), quantities canonical.
 */
import {
  canonicalQuantity,
  isRecord,
  isSet,
  optStr,
  ordered,
  rec,
  str,
  type Json,
  type Shape,
} from './gojson';

/** A Go quantity (not a pointer): "0" when unset. */
export const qty = (value: unknown): unknown => (isSet(value) ? canonicalQuantity(value) : '0');
/** A Go *Quantity with `omitempty`. */
export const optQty = (value: unknown): unknown => (isSet(value) ? canonicalQuantity(value) : undefined);
/** A Go *int32 with `omitempty`. */
export const optInt = (value: unknown): unknown => (isSet(value) ? value : undefined);
/** A nested Go pointer struct: converted when set, left out when nil. */
export const when = (value: unknown, convert: (v: Json) => Json): Json | undefined =>
  isRecord(value) ? convert(value) : undefined;

/** CrossVersionObjectReference: kind and name always, apiVersion when not empty. */
export function crossRef(value: unknown): Json {
  const ref = rec(value);
  return ordered(
    ['kind', str(ref['kind'])],
    ['name', str(ref['name'])],
    ['apiVersion', optStr(ref['apiVersion'])],
  );
}

/** A *LabelSelector as Go writes it: empty parts left out, label keys sorted (a Go map). */
export function selector(value: unknown): Json | undefined {
  if (!isRecord(value)) return undefined;
  const labels = rec(value['matchLabels']);
  const keys = Object.keys(labels).sort();
  const expressions = Array.isArray(value['matchExpressions']) ? value['matchExpressions'] : [];
  return ordered(
    ['matchLabels', keys.length === 0 ? undefined : Object.fromEntries(keys.map((k) => [k, labels[k]]))],
    [
      'matchExpressions',
      expressions.length === 0
        ? undefined
        : expressions.map((e) => {
            const values = rec(e)['values'];
            return ordered(
              ['key', str(rec(e)['key'])],
              ['operator', str(rec(e)['operator'])],
              ['values', Array.isArray(values) && values.length > 0 ? [...values] : undefined],
            );
          }),
    ],
  );
}

/** The internal MetricIdentifier: a metric name and an optional selector. */
export const identifier = (name: unknown, sel: unknown): Json =>
  ordered(['name', str(name)], ['selector', selector(sel)]);

/** A v2 MetricSpec (as the internal version has it) as an autoscaling/v1 MetricSpec. */
export function metricSpecToV1(m: Json): Json {
  return ordered(
    ['type', str(m['type'])],
    [
      'object',
      when(m['object'], (o) => {
        const target = rec(o['target']);
        const metric = rec(o['metric']);
        return ordered(
          ['target', crossRef(o['describedObject'])],
          ['metricName', str(metric['name'])],
          ['targetValue', qty(target['value'])],
          ['selector', selector(metric['selector'])],
          ['averageValue', optQty(target['averageValue'])],
        );
      }),
    ],
    [
      'pods',
      when(m['pods'], (p) =>
        ordered(
          ['metricName', str(rec(p['metric'])['name'])],
          ['targetAverageValue', qty(rec(p['target'])['averageValue'])],
          ['selector', selector(rec(p['metric'])['selector'])],
        ),
      ),
    ],
    ['resource', when(m['resource'], (r) => resourceSourceToV1(r, false))],
    ['containerResource', when(m['containerResource'], (r) => resourceSourceToV1(r, true))],
    [
      'external',
      when(m['external'], (e) => {
        const target = rec(e['target']);
        return ordered(
          ['metricName', str(rec(e['metric'])['name'])],
          ['metricSelector', selector(rec(e['metric'])['selector'])],
          ['targetValue', optQty(target['value'])],
          ['targetAverageValue', optQty(target['averageValue'])],
        );
      }),
    ],
  );
}

function resourceSourceToV1(r: Json, container: boolean): Json {
  const target = rec(r['target']);
  return ordered(
    ['name', str(r['name'])],
    ['targetAverageUtilization', optInt(target['averageUtilization'])],
    ['targetAverageValue', optQty(target['averageValue'])],
    ['container', container ? str(r['container']) : undefined],
  );
}

/** An autoscaling/v1 MetricSpec (from the annotation) as the internal (v2) MetricSpec. */
export function metricSpecFromV1(m: Json): Json {
  return ordered(
    ['type', str(m['type'])],
    [
      'object',
      when(m['object'], (o) =>
        ordered(
          ['describedObject', crossRef(o['target'])],
          [
            'target',
            ordered(
              ['type', isSet(o['averageValue']) ? 'AverageValue' : 'Value'],
              ['value', qty(o['targetValue'])],
              ['averageValue', optQty(o['averageValue'])],
            ),
          ],
          ['metric', identifier(o['metricName'], o['selector'])],
        ),
      ),
    ],
    [
      'pods',
      when(m['pods'], (p) =>
        ordered(
          ['metric', identifier(p['metricName'], p['selector'])],
          ['target', ordered(['type', 'AverageValue'], ['averageValue', qty(p['targetAverageValue'])])],
        ),
      ),
    ],
    ['resource', when(m['resource'], (r) => resourceSourceFromV1(r, false))],
    ['containerResource', when(m['containerResource'], (r) => resourceSourceFromV1(r, true))],
    [
      'external',
      when(m['external'], (e) =>
        ordered(
          ['metric', identifier(e['metricName'], e['metricSelector'])],
          [
            'target',
            ordered(
              ['type', isSet(e['targetValue']) ? 'Value' : 'AverageValue'],
              ['value', optQty(e['targetValue'])],
              ['averageValue', optQty(e['targetAverageValue'])],
            ),
          ],
        ),
      ),
    ],
  );
}

function resourceSourceFromV1(r: Json, container: boolean): Json {
  const utilization = r['targetAverageUtilization'];
  return ordered(
    ['name', str(r['name'])],
    [
      'target',
      ordered(
        ['type', isSet(utilization) ? 'Utilization' : 'AverageValue'],
        ['averageValue', optQty(r['targetAverageValue'])],
        ['averageUtilization', optInt(utilization)],
      ),
    ],
    ['container', container ? str(r['container']) : undefined],
  );
}

/** The Go type of a metav1.LabelSelector, for decoding annotations. */
export const SELECTOR: Shape = {
  fields: {
    matchLabels: { map: 'string' },
    matchExpressions: { list: { fields: { key: 'string', operator: 'string', values: { list: 'string' } } } },
  },
};
/** The Go type of a v1 CrossVersionObjectReference. */
export const CROSS_REF: Shape = { fields: { kind: 'string', name: 'string', apiVersion: 'string' } };
const RESOURCE_SOURCE = {
  name: 'string',
  targetAverageUtilization: 'int32',
  targetAverageValue: 'quantity',
} as const;
/** The Go type of the `autoscaling.alpha.kubernetes.io/metrics` annotation: []v1.MetricSpec. */
export const V1_METRIC_SPECS: Shape = {
  list: {
    fields: {
      type: 'string',
      object: {
        fields: {
          target: CROSS_REF,
          metricName: 'string',
          targetValue: 'quantity',
          selector: SELECTOR,
          averageValue: 'quantity',
        },
      },
      pods: { fields: { metricName: 'string', targetAverageValue: 'quantity', selector: SELECTOR } },
      resource: { fields: RESOURCE_SOURCE },
      containerResource: { fields: { ...RESOURCE_SOURCE, container: 'string' } },
      external: {
        fields: {
          metricName: 'string',
          metricSelector: SELECTOR,
          targetValue: 'quantity',
          targetAverageValue: 'quantity',
        },
      },
    },
  },
};
