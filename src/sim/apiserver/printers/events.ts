/** Events, from core/v1 and from events.k8s.io/v1 (both print as the same internal Event). */
import type { Event as CoreEvent, EventSource, ObjectReference } from 'kubernetes-types/core/v1';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1';
import { column, printer, wide } from './columns';
import { parseTime, since } from './duration';
import { firstNonEmpty } from './format';

/** The fields the printer reads, named as in core/v1. */
interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  kind: string;
  objectName: string;
  fieldPath: string;
  component: string;
  host: string;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count: number; lastObservedTime?: string };
}

/** The fields the two APIs name differently, raw (before the view's defaults). */
interface EventFields {
  message?: string;
  regarding?: ObjectReference;
  source?: EventSource;
  reportingController?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  series?: EventView['series'];
}

/** The view of an Event: the fields both APIs share, the API-specific ones from `fields`. */
function toView(e: CoreEvent | EventsEvent, fields: EventFields): EventView {
  return {
    name: e.metadata?.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: fields.message ?? '',
    kind: fields.regarding?.kind ?? '',
    objectName: fields.regarding?.name ?? '',
    fieldPath: fields.regarding?.fieldPath ?? '',
    component: fields.source?.component ?? '',
    host: fields.source?.host ?? '',
    reportingController: fields.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    firstTimestamp: fields.firstTimestamp,
    lastTimestamp: fields.lastTimestamp,
    eventTime: e.eventTime,
    count: fields.count ?? 0,
    series: fields.series,
  };
}

function fromCore(e: CoreEvent): EventView {
  return toView(e, {
    message: e.message,
    regarding: e.involvedObject,
    source: e.source,
    reportingController: e.reportingComponent,
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    count: e.count,
    series: e.series
      ? { count: e.series.count ?? 0, lastObservedTime: e.series.lastObservedTime }
      : undefined,
  });
}

function fromEventsAPI(e: EventsEvent): EventView {
  return toView(e, {
    message: e.note,
    regarding: e.regarding,
    source: e.deprecatedSource,
    reportingController: e.reportingController,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
  });
}

/**
 * Either API's Event, viewed through core/v1 field names. Without an apiVersion, a core
 * Event is recognized by its (required) involvedObject.
 */
function view(e: CoreEvent | EventsEvent): EventView {
  const apiVersion = e.apiVersion as string | undefined;
  const eventsAPI = apiVersion === undefined ? !('involvedObject' in e) : apiVersion === 'events.k8s.io/v1';
  return eventsAPI ? fromEventsAPI(e as EventsEvent) : fromCore(e as CoreEvent);
}

/**
 * `kubectl get events`: LAST SEEN falls back to the first timestamp (or eventTime), and a
 * series overrides both LAST SEEN and COUNT; singleton events count 1.
 */
export const eventPrinter = printer<CoreEvent | EventsEvent>(
  [
    column('Last Seen', 'string', 'Time since the event was last observed.'),
    column('Type', 'string', 'Normal or Warning.'),
    column('Reason', 'string', 'Short machine-readable cause.'),
    column('Object', 'string', 'The object the event is about.'),
    wide(column('Subobject', 'string', 'The part of the object involved, such as a container.')),
    wide(column('Source', 'string', 'The component (and host) that reported the event.')),
    column('Message', 'string', 'Human-readable description.'),
    wide(column('First Seen', 'string', 'Time since the event was first observed.')),
    wide(column('Count', 'string', 'How many times the event occurred.')),
    wide(column('Name', 'string', 'Name of the Event object.', { format: 'name' })),
  ],
  (raw, now) => {
    const e = view(raw);
    const first =
      parseTime(e.firstTimestamp) !== undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now);
    let last = parseTime(e.lastTimestamp) !== undefined ? since(e.lastTimestamp, now) : first;
    let count = e.count;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count;
    } else if (count === 0) {
      count = 1;
    }
    const kind = e.kind.toLowerCase();
    const target = e.objectName ? `${kind}/${e.objectName}` : kind;
    const component = firstNonEmpty(e.component, e.reportingController);
    const instance = firstNonEmpty(e.host, e.reportingInstance);
    return [
      last,
      e.type,
      e.reason,
      target,
      e.fieldPath,
      instance === '' ? component : `${component}, ${instance}`,
      e.message.trim(),
      first,
      count,
      e.name,
    ];
  },
);
