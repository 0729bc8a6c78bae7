/** The Events section every describer ends with, and the query kubectl makes for it. */
import type { Event } from 'kubernetes-types/core/v1';
import { parseTime, since } from '../../sim/apiserver/printers/duration';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { goSort } from './gosort';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** What events are looked up by: the involvedObject fields kubectl selects on. */
export interface EventTarget {
  /** Left out of the query when undefined (kubectl does so for pods). */
  readonly kind?: string;
  readonly name: string;
  /** '' for cluster-scoped objects: their events are searched in every namespace. */
  readonly namespace: string;
  readonly uid?: string;
}

/** The event target for an object: its kind, name, namespace and uid. */
export function targetOf(obj: KubeObject): EventTarget {
  return {
    kind: obj.kind,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    uid: obj.metadata.uid,
  };
}

/** The events about `target`, listed with kubectl's field selector (keys in sorted order). */
export async function searchEvents(ctx: DescribeContext, target: EventTarget): Promise<Event[]> {
  const fields: [string, string | undefined][] = [
    ['involvedObject.kind', target.kind === '' ? undefined : target.kind],
    ['involvedObject.name', target.name],
    ['involvedObject.namespace', target.namespace],
    ['involvedObject.uid', target.uid === '' ? undefined : target.uid],
  ];
  const fieldSelector = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${k}=${v.replace(/[\\,=]/g, (c) => `\\${c}`)}`)
    .join(',');
  const path = target.namespace === '' ? '/api/v1/events' : `/api/v1/namespaces/${target.namespace}/events`;
  return (await ctx.list(path, { fieldSelector })) as unknown as Event[];
}

/**
 * The events about `target`, or null when events are not wanted; a failed search shows
 * as no events, as it does in kubectl.
 */
export async function eventsFor(ctx: DescribeContext, target: EventTarget): Promise<Event[] | null> {
  if (ctx.showEvents === false) return null;
  try {
    return await searchEvents(ctx, target);
  } catch {
    return [];
  }
}

/** Go's zero time, what an unset lastTimestamp sorts as. */
const ZERO_TIME = -62_135_596_800_000;

/**
 * The Events table: oldest first by last timestamp, each with its age (`3m (x4 over 10m)`
 * for repeated events), source component and message. The table is aligned on its own.
 */
export function describeEvents(events: readonly Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    w.write(
      LEVEL_1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${eventSource(e)}\t${(e.message ?? '').trim()}\n`,
    );
  }
}

/** The events in the order describe lists them: by last timestamp, oldest first (Go's sort). */
export function sortEvents(events: readonly Event[]): Event[] {
  const last = (e: Event) => parseTime(e.lastTimestamp) ?? ZERO_TIME;
  return goSort([...events], (a, b) => last(a) < last(b));
}

/** An event's Age column at epoch ms `now`: `5m`, or `30s (x4 over 5m)` for a repeated event. */
export function eventAge(e: Event, now: number): string {
  const first = parseTime(e.eventTime) === undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** An event's From column: the component that reported it. */
export function eventSource(e: Event): string {
  return e.source?.component || e.reportingComponent || '';
}
