/**
 * Event conversion between core `v1` (how events are stored, under /registry/events) and
 * `events.k8s.io/v1`, through the internal Event, which has core v1's fields. Upstream's
 * events/v1 conversion renames fields and nothing else: it derives no field from another
 * (no `deprecatedSource` from `reportingController`, no `reportingController` from
 * `source.component`), so a field absent on one side is absent on the other.
 */
import type { KubeObject } from '../types';
import { cloneJson, isRecord, put, type Json } from './gojson';

/** Core v1 field -> events.k8s.io/v1 field, for every field of the Event besides metadata. */
const CORE_TO_EVENTS: Readonly<Record<string, string>> = {
  involvedObject: 'regarding',
  reason: 'reason',
  message: 'note',
  source: 'deprecatedSource',
  firstTimestamp: 'deprecatedFirstTimestamp',
  lastTimestamp: 'deprecatedLastTimestamp',
  count: 'deprecatedCount',
  type: 'type',
  eventTime: 'eventTime',
  series: 'series',
  action: 'action',
  related: 'related',
  // The Go field is ReportingController in both versions; core v1's JSON name differs.
  reportingComponent: 'reportingController',
  reportingInstance: 'reportingInstance',
};

/** The fields of a core v1 Event, in the order its Go type declares (and serializes) them. */
const CORE_ORDER = Object.keys(CORE_TO_EVENTS);

/** The fields of an events.k8s.io/v1 Event, in its Go type's order. */
const EVENTS_ORDER = [
  'eventTime',
  'series',
  'reportingController',
  'reportingInstance',
  'action',
  'reason',
  'regarding',
  'related',
  'note',
  'type',
  'deprecatedSource',
  'deprecatedFirstTimestamp',
  'deprecatedLastTimestamp',
  'deprecatedCount',
];

const EVENTS_TO_CORE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CORE_TO_EVENTS).map(([core, events]) => [events, core]),
);

/** EventSeries is the same in both versions: a count and the time of the last occurrence. */
function convertSeries(series: unknown): unknown {
  if (!isRecord(series)) return series;
  const out: Json = {};
  put(out, 'count', series['count']);
  put(out, 'lastObservedTime', series['lastObservedTime']);
  return out;
}

function convertEvent(
  obj: KubeObject,
  apiVersion: string,
  order: readonly string[],
  sourceField: Readonly<Record<string, string>>,
): KubeObject {
  const out: KubeObject = { apiVersion, kind: 'Event', metadata: cloneJson(obj.metadata) };
  for (const field of order) {
    const from = sourceField[field] ?? field;
    put(out, field, field === 'series' ? convertSeries(obj[from]) : obj[from]);
  }
  return out;
}

/** A core v1 Event as events.k8s.io/v1 serves it. */
export function coreEventToEventsV1(obj: KubeObject): KubeObject {
  return convertEvent(obj, 'events.k8s.io/v1', EVENTS_ORDER, EVENTS_TO_CORE);
}

/** An events.k8s.io/v1 Event in core v1's shape, as it is stored. */
export function eventsV1EventToCore(obj: KubeObject): KubeObject {
  return convertEvent(obj, 'v1', CORE_ORDER, CORE_TO_EVENTS);
}
