/**
 * Waiting for deleted objects to be gone (cmdwait.IsDeleted, as `kubectl delete --wait`
 * uses it): an object is gone when a GET finds nothing, or finds a new object with another
 * UID; otherwise kubectl watches it (by name, from the version it saw) until a DELETED
 * event, or the timeout passes.
 */
import type { KubeObject, WatchEvent } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { hasReason } from '../errors';
import { resourcePath } from '../resource/paths';
import { getObject } from './requests';

/** An object that was deleted: where it was and the UID the delete answered with. */
export interface Deleted {
  readonly mapping: Mapping;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

/** kubectl's default when no timeout is given: a week. */
const DEFAULT_TIMEOUT_MS = 168 * 60 * 60 * 1000;

/** Waits until one object is gone; throws kubectl's timeout error. */
async function waitOne(ctx: CommandContext, target: Deleted, deadline: number): Promise<void> {
  let current: KubeObject;
  try {
    current = await getObject(ctx.client(), target.mapping, target.namespace, target.name);
  } catch (error) {
    if (hasReason(error, 'NotFound')) return;
    throw error;
  }
  if (target.uid !== undefined && current.metadata.uid !== target.uid) return;
  const remaining = deadline - ctx.now();
  const timedOut = new Error(`timed out waiting for the condition on ${target.mapping.name}/${target.name}`);
  if (remaining <= 0) throw timedOut;
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  ctx.signal.addEventListener('abort', onInterrupt, { once: true });
  let gone = false;
  let expired = false;
  void ctx.sleep(remaining, stop.signal).then((elapsed) => {
    if (!elapsed) return;
    expired = true;
    stop.abort();
  });
  try {
    await ctx.client().watch(
      {
        path: resourcePath(target.mapping, target.namespace),
        query: {
          watch: ['true'],
          fieldSelector: [`metadata.name=${target.name}`],
          resourceVersion: [current.metadata.resourceVersion ?? ''],
        },
      },
      (event: WatchEvent) => {
        if (event.type !== 'DELETED') return;
        gone = true;
        stop.abort();
      },
      stop.signal,
    );
  } finally {
    ctx.signal.removeEventListener('abort', onInterrupt);
    stop.abort();
  }
  if (gone) return;
  if (expired) throw timedOut;
  // The server ended the watch (or Ctrl-C): look again.
  if (!ctx.signal.aborted) await waitOne(ctx, target, deadline);
}

/** Waits until every object in `targets` is gone, within `timeoutNs` (0: a week). */
export async function waitForDeletion(ctx: CommandContext, targets: readonly Deleted[], timeoutNs: number) {
  const deadline = ctx.now() + (timeoutNs === 0 ? DEFAULT_TIMEOUT_MS : timeoutNs / 1e6);
  const errors: unknown[] = [];
  for (const target of targets) {
    try {
      await waitOne(ctx, target, deadline);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}
