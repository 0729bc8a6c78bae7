/**
 * Events as `kubectl events` holds them: decoded into client-go's typed corev1.Event, so
 * they print with the typed fields (zero times as `null`, empty reporting fields) and, as
 * JSON, in the Go struct's field order; and the table it prints (LAST SEEN, TYPE, REASON,
 * OBJECT, MESSAGE), sorted by when each event last happened.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import { parseTime, since } from '../../sim/apiserver/printers/duration';
import { goSort } from '../describe/gosort';
import { escapeTerminal } from '../printers/custom-columns';

type Json = Record<string, unknown>;

/** Keeps `keys` of `from` in this order, dropping missing ones (omitempty fields). */
function ordered(from: Json | undefined, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (from?.[key] !== undefined) out[key] = from[key];
  return out;
}

const META_KEYS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];
const REFERENCE_KEYS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

/** An event as the typed corev1.Event marshals it: struct order, zero times as null. */
export function typedEvent(event: KubeObject): KubeObject {
  const e = event as Json;
  const meta = e.metadata as Json | undefined;
  const series = e.series as Json | undefined;
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: { ...ordered(meta, META_KEYS), creationTimestamp: meta?.creationTimestamp ?? null },
    involvedObject: ordered(e.involvedObject as Json | undefined, REFERENCE_KEYS),
    ...ordered(e, ['reason', 'message']),
    source: ordered(e.source as Json | undefined, ['component', 'host']),
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    ...(typeof e.count === 'number' && e.count !== 0 ? { count: e.count } : {}),
    ...ordered(e, ['type']),
    eventTime: e.eventTime ?? null,
    ...(series === undefined ? {} : { series: ordered(series, ['count', 'lastObservedTime']) }),
    ...ordered(e, ['action', 'related']),
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  } as unknown as KubeObject;
}

/** When an event last happened (eventTime's rule): its series, its last timestamp, or its event time. */
function eventTime(e: Event): number {
  if (e.series !== undefined) return parseTime(e.series.lastObservedTime) ?? 0;
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? 0;
}

/** SortableEvents: oldest first, as Go's sort.Sort leaves equal times. */
export function sortEvents<T extends KubeObject>(events: T[]): T[] {
  return goSort(events, (a, b) => eventTime(a as unknown as Event) < eventTime(b as unknown as Event));
}

/** The LAST SEEN cell: `5m`, or `5m (x3 over 10m)` for a repeated event. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series !== undefined)
    return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count ?? 0} over ${first})`;
  return first;
}

/** The header line of the events table, tab-separated. */
export function eventsHeader(allNamespaces: boolean): string {
  return `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
}

/** One event's line of the table, tab-separated. */
export function eventLine(event: KubeObject, now: number, allNamespaces: boolean): string {
  const e = event as unknown as Event;
  const ns = allNamespaces ? `${e.metadata.namespace ?? ''}\t` : '';
  const object = `${escapeTerminal(e.involvedObject.kind ?? '')}/${escapeTerminal(e.involvedObject.name ?? '')}`;
  return `${ns}${interval(e, now)}\t${escapeTerminal(e.type ?? '')}\t${escapeTerminal(e.reason ?? '')}\t${object}\t${escapeTerminal((e.message ?? '').trim())}\n`;
}
