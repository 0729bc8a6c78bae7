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

/** The side of a metric a v1 type carries: a MetricSpec's `target` or a MetricStatus's `current`. */
export type MetricSide = 'target' | 'current';

/** One converter per metric source, for `convertSources`. */
export interface SourceConverters {
  readonly object: (o: Json) => Json;
  readonly pods: (p: Json) => Json;
  /** Both the Resource and the ContainerResource source (`container` tells which). */
  readonly resource: (r: Json, container: boolean) => Json;
  readonly external: (e: Json) => Json;
}

/**
 * A MetricSpec or MetricStatus (either version) converted source by source: its type, then each
 * source that is set, in Go's field order; a nil source is left out.
 */
export function convertSources(m: Json, convert: SourceConverters): Json {
  return ordered(
    ['type', str(m['type'])],
    ['object', when(m['object'], convert.object)],
    ['pods', when(m['pods'], convert.pods)],
    ['resource', when(m['resource'], (r) => convert.resource(r, false))],
    ['containerResource', when(m['containerResource'], (r) => convert.resource(r, true))],
    ['external', when(m['external'], convert.external)],
  );
}

/**
 * A v2 MetricSpec or MetricStatus (as the internal version has it) as its autoscaling/v1 type:
 * `side` is the v2 field read and the prefix of the v1 field names (`targetValue`,
 * `currentAverageValue`...). `pointer` writes the external value and the resource average value,
 * which a v1 MetricSpec holds in `omitempty` pointers (`optQty`) and a MetricStatus in plain
 * quantities (`qty`).
 */
export function metricToV1(m: Json, side: MetricSide, pointer: (value: unknown) => unknown): Json {
  return convertSources(m, {
    object: (o) => {
      const value = rec(o[side]);
      const metric = rec(o['metric']);
      return ordered(
        ['target', crossRef(o['describedObject'])],
        ['metricName', str(metric['name'])],
        [`${side}Value`, qty(value['value'])],
        ['selector', selector(metric['selector'])],
        ['averageValue', optQty(value['averageValue'])],
      );
    },
    pods: (p) =>
      ordered(
        ['metricName', str(rec(p['metric'])['name'])],
        [`${side}AverageValue`, qty(rec(p[side])['averageValue'])],
        ['selector', selector(rec(p['metric'])['selector'])],
      ),
    resource: (r, container) => {
      const value = rec(r[side]);
      return ordered(
        ['name', str(r['name'])],
        [`${side}AverageUtilization`, optInt(value['averageUtilization'])],
        [`${side}AverageValue`, pointer(value['averageValue'])],
        ['container', container ? str(r['container']) : undefined],
      );
    },
    external: (e) => {
      const value = rec(e[side]);
      return ordered(
        ['metricName', str(rec(e['metric'])['name'])],
        ['metricSelector', selector(rec(e['metric'])['selector'])],
        [`${side}Value`, pointer(value['value'])],
        [`${side}AverageValue`, optQty(value['averageValue'])],
      );
    },
  });
}

/** A v2 MetricSpec (as the internal version has it) as an autoscaling/v1 MetricSpec. */
export const metricSpecToV1 = (m: Json): Json => metricToV1(m, 'target', optQty);

/** An autoscaling/v1 MetricSpec (from the annotation) as the internal (v2) MetricSpec. */
export function metricSpecFromV1(m: Json): Json {
  return convertSources(m, {
    object: (o) =>
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
    pods: (p) =>
      ordered(
        ['metric', identifier(p['metricName'], p['selector'])],
        ['target', ordered(['type', 'AverageValue'], ['averageValue', qty(p['targetAverageValue'])])],
      ),
    resource: resourceSourceFromV1,
    external: (e) =>
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
  });
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

/**
 * The Go type of a list of v1 MetricSpecs (`side` "target") or MetricStatuses ("current"),
 * for decoding the round-trip annotations: the two differ only in their field prefixes.
 */
export function v1MetricsShape(side: MetricSide): Shape {
  const resource = {
    name: 'string',
    [`${side}AverageUtilization`]: 'int32',
    [`${side}AverageValue`]: 'quantity',
  } as const;
  return {
    list: {
      fields: {
        type: 'string',
        object: {
          fields: {
            target: CROSS_REF,
            metricName: 'string',
            [`${side}Value`]: 'quantity',
            selector: SELECTOR,
            averageValue: 'quantity',
          },
        },
        pods: { fields: { metricName: 'string', [`${side}AverageValue`]: 'quantity', selector: SELECTOR } },
        resource: { fields: resource },
        containerResource: { fields: { ...resource, container: 'string' } },
        external: {
          fields: {
            metricName: 'string',
            metricSelector: SELECTOR,
            [`${side}Value`]: 'quantity',
            [`${side}AverageValue`]: 'quantity',
          },
        },
      },
    },
  };
}

/** The Go type of the `autoscaling.alpha.kubernetes.io/metrics` annotation: []v1.MetricSpec. */
export const V1_METRIC_SPECS: Shape = v1MetricsShape('target');
