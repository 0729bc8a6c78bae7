/**
 * client-go's UntilWithSync for one object, as `kubectl wait` uses it: list the object by
 * `metadata.name` (the informer's sync), check it, then watch it from that list's
 * resourceVersion and check every change, until the condition holds, the deadline passes
 * or Ctrl-C.
 */
import type { KubeObject, Status, WatchEvent } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { StatusError } from '../errors';
import { resourcePath } from '../resource/paths';

/** Decides on one event whether the wait is over; may throw to end it with an error. */
export type EventCondition = (event: WatchEvent) => boolean;

/** What ends the wait besides the condition. */
export interface UntilOptions {
  /** Aborted when the run's `--timeout` has passed. */
  readonly deadline: AbortSignal;
  /** What a missing object means after the list: the wait is over (delete), or NotFound. */
  readonly missing: 'done' | 'not-found';
}

/** The outcome: the last object seen, and whether the condition held before the deadline. */
export interface UntilResult {
  readonly object: KubeObject | undefined;
  readonly met: boolean;
}

function notFound(mapping: Mapping, name: string): StatusError {
  const resource = mapping.group === '' ? mapping.name : `${mapping.name}.${mapping.group}`;
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${resource} ${JSON.stringify(name)} not found`,
    reason: 'NotFound',
    details: { name, group: mapping.group, kind: mapping.name },
    code: 404,
  };
  return new StatusError(status);
}

/** Waits on the object `name` of `mapping` in `namespace`. */
export async function untilWithSync(
  ctx: CommandContext,
  target: { readonly mapping: Mapping; readonly namespace: string; readonly name: string },
  condition: EventCondition,
  options: UntilOptions,
): Promise<UntilResult> {
  const { mapping, namespace, name } = target;
  const path = resourcePath(mapping, namespace);
  const fieldSelector = [`metadata.name=${name}`];
  const list = await ctx.client().json<{ items?: KubeObject[]; metadata?: { resourceVersion?: string } }>({
    path,
    query: { fieldSelector, limit: ['500'], resourceVersion: ['0'] },
  });
  const [first] = list.items ?? [];
  if (first === undefined) {
    if (options.missing === 'done') return { object: undefined, met: true };
    throw notFound(mapping, name);
  }
  const apiVersion = mapping.group === '' ? mapping.version : `${mapping.group}/${mapping.version}`;
  let object: KubeObject | undefined = { ...first, apiVersion, kind: mapping.kind };
  if (condition({ type: 'ADDED', object })) return { object, met: true };
  if (options.deadline.aborted) return { object, met: false };
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, options.deadline, ctx.signal]);
  let met = false;
  let failure: unknown;
  await ctx.client().watch(
    {
      path,
      query: {
        allowWatchBookmarks: ['true'],
        fieldSelector,
        resourceVersion: [list.metadata?.resourceVersion ?? ''],
        watch: ['true'],
      },
    },
    (event) => {
      if (met || failure !== undefined || event.type === 'BOOKMARK') return;
      if (event.type !== 'ERROR') object = event.object as KubeObject;
      try {
        met = condition(event);
      } catch (error) {
        failure = error;
      }
      if (met || failure !== undefined) stop.abort();
    },
    signal,
  );
  if (failure !== undefined) throw failure;
  return { object, met };
}
