/** Events, from core/v1 and from events.k8s.io/v1 (both print as the same internal Event). */
import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
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

function fromCore(e: CoreEvent): EventView {
  return {
    name: e.metadata?.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    kind: e.involvedObject?.kind ?? '',
    objectName: e.involvedObject?.name ?? '',
    fieldPath: e.involvedObject?.fieldPath ?? '',
    component: e.source?.component ?? '',
    host: e.source?.host ?? '',
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime,
    count: e.count ?? 0,
    series: e.series
      ? { count: e.series.count ?? 0, lastObservedTime: e.series.lastObservedTime }
      : undefined,
  };
}

function fromEventsAPI(e: EventsEvent): EventView {
  return {
    name: e.metadata?.name ?? '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.note ?? '',
    kind: e.regarding?.kind ?? '',
    objectName: e.regarding?.name ?? '',
    fieldPath: e.regarding?.fieldPath ?? '',
    component: e.deprecatedSource?.component ?? '',
    host: e.deprecatedSource?.host ?? '',
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    eventTime: e.eventTime,
    count: e.deprecatedCount ?? 0,
    series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
  };
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
