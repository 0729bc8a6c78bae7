/**
 * Removing pods from a node as pkg/drain does: evictions through the pods/eviction
 * subresource (retried every 5 s while a PodDisruptionBudget refuses them with 429), or
 * plain deletes with `--disable-eviction`; then waiting, polling every second, until each
 * pod is gone (`pod/web-1 evicted`), all within `--timeout`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { RestClient } from '../client/rest';
import { formatGoDuration } from '../client/timeout';
import type { CommandContext } from '../cmd/types';
import { hasReason, StatusError } from '../errors';
import type { DryRun } from '../mutate/dry-run';
import { shouldSkipPod } from './filters';

/** A utilerrors.Aggregate: its message is its one error's, or `[a, b]` (repeats dropped). */
export class Aggregate extends AggregateError {
  constructor(errors: readonly unknown[]) {
    const messages = [...new Set(errors.map((e) => (e instanceof Error ? e.message : String(e))))];
    super(errors, messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`);
  }
}

/** How pods are removed. */
export interface EvictOptions {
  /** `--grace-period`; negative uses each pod's own. */
  readonly gracePeriodSeconds: number;
  /** `--timeout` in ns; 0 waits for ever. */
  readonly timeoutNs: number;
  readonly disableEviction: boolean;
  readonly skipWaitForDeleteTimeoutSeconds: number;
  readonly dryRun: DryRun;
}

const podPath = (pod: Pod, sub = '') =>
  `/api/v1/namespaces/${encodeURIComponent(pod.metadata?.namespace ?? '')}/pods/${encodeURIComponent(pod.metadata?.name ?? '')}${sub}`;

const quoted = (s: string | undefined) => JSON.stringify(s ?? '');

/** The run's deadline: aborted when `--timeout` passes (never with 0). */
function deadline(ctx: CommandContext, timeoutNs: number): AbortSignal {
  const expired = new AbortController();
  if (timeoutNs > 0) void ctx.sleep(timeoutNs / 1_000_000).then((passed) => passed && expired.abort());
  return expired.signal;
}

/**
 * Polls every second until every pod is gone (or replaced by one with another UID), printing
 * `pod/<name> <verb>` for each; throws `context deadline exceeded` when `expired` aborts.
 */
async function waitForDelete(
  ctx: CommandContext,
  pods: readonly Pod[],
  verb: string,
  expired: AbortSignal,
  skipSeconds: number,
): Promise<void> {
  let pending = [...pods];
  for (;;) {
    const still: Pod[] = [];
    for (const pod of pending) {
      let current: Pod | null;
      try {
        current = await ctx.client().json<Pod>({ path: podPath(pod) });
      } catch (error) {
        if (!hasReason(error, 'NotFound')) {
          ctx.out.stdout(
            `pod/${pod.metadata?.name ?? ''} ${verb === 'evicted' ? 'eviction' : 'deletion'} failed\n`,
          );
          throw error;
        }
        current = null;
      }
      if (current === null || current.metadata?.uid !== pod.metadata?.uid) {
        ctx.out.stdout(`pod/${pod.metadata?.name ?? ''} ${verb}\n`);
      } else if (shouldSkipPod(current, skipSeconds, ctx.now())) {
        ctx.out.stdout(
          `pod ${quoted(pod.metadata?.name)} has DeletionTimestamp older than ${skipSeconds} seconds, skipping\n`,
        );
      } else still.push(pod);
    }
    pending = still;
    if (pending.length === 0) return;
    if (expired.aborted || !(await ctx.sleep(1000, AbortSignal.any([expired, ctx.signal])))) {
      if (ctx.signal.aborted) throw new Error('interrupted');
      throw new Error('context deadline exceeded');
    }
  }
}

/** The DeleteOptions of every eviction and delete. */
function deleteOptions(options: EvictOptions): Record<string, unknown> {
  return {
    ...(options.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
    ...(options.dryRun === 'server' ? { dryRun: ['All'] } : {}),
  };
}

/** Evicts one pod, retrying while it is refused with 429, then waits for it to be gone. */
async function evictOne(ctx: CommandContext, pod: Pod, options: EvictOptions, expired: AbortSignal) {
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const eviction = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name, namespace },
    deleteOptions: deleteOptions(options),
  };
  for (;;) {
    const suffix = options.dryRun === 'server' ? ' (server dry run)' : '';
    ctx.out.stdout(`evicting pod ${namespace}/${name}${suffix}\n`);
    if (expired.aborted)
      throw new Error(
        `error when evicting pods/${quoted(name)} -n ${quoted(namespace)}: global timeout reached: ${formatGoDuration(BigInt(options.timeoutNs))}`,
      );
    try {
      await ctx.client().json({
        method: 'POST',
        path: podPath(pod, '/eviction'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(eviction),
      });
      break;
    } catch (error) {
      if (hasReason(error, 'NotFound')) return;
      const message = error instanceof Error ? error.message : String(error);
      const terminating =
        error instanceof StatusError &&
        error.reason === 'Forbidden' &&
        (error.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
      if (error instanceof StatusError && error.code === 429)
        ctx.out.stderr(
          `error when evicting pods/${quoted(name)} -n ${quoted(namespace)} (will retry after 5s): ${message}\n`,
        );
      else if (terminating && pod.metadata?.deletionTimestamp !== undefined) break;
      else if (terminating)
        ctx.out.stderr(
          `error when evicting pod ${quoted(name)} from terminating namespace ${quoted(namespace)} (will retry after 5s): ${message}\n`,
        );
      else
        throw new Error(`error when evicting pods/${quoted(name)} -n ${quoted(namespace)}: ${message}`, {
          cause: error,
        });
      if (!(await ctx.sleep(5000))) throw error;
    }
  }
  if (options.dryRun === 'server') return;
  try {
    await waitForDelete(ctx, [pod], 'evicted', expired, options.skipWaitForDeleteTimeoutSeconds);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `error when waiting for pod ${quoted(name)} in namespace ${quoted(namespace)} to terminate: ${message}`,
      { cause: error },
    );
  }
}

/**
 * DeleteOrEvictPods: evicts `pods` all at once (or deletes them with `--disable-eviction`)
 * and waits for them to go. Throws an Aggregate of what failed, in the order it failed.
 */
export async function deleteOrEvictPods(
  ctx: CommandContext,
  client: RestClient,
  pods: readonly Pod[],
  options: EvictOptions,
): Promise<void> {
  if (pods.length === 0) return;
  const expired = deadline(ctx, options.timeoutNs);
  if (!options.disableEviction && (await evictionSupported(client))) {
    const errors: unknown[] = [];
    await Promise.all(
      pods.map((pod) => evictOne(ctx, pod, options, expired).catch((e: unknown) => errors.push(e))),
    );
    if (errors.length > 0) throw new Aggregate(errors);
    return;
  }
  for (const pod of pods) {
    try {
      await client.json({
        method: 'DELETE',
        path: podPath(pod),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions(options) }),
      });
    } catch (error) {
      if (!hasReason(error, 'NotFound')) throw error;
    }
  }
  await waitForDelete(ctx, pods, 'deleted', expired, options.skipWaitForDeleteTimeoutSeconds);
}

/** CheckEvictionSupport: whether `/api/v1` lists pods/eviction (as policy's Eviction). */
async function evictionSupported(client: RestClient): Promise<boolean> {
  const list = await client.json<{
    resources?: { name: string; kind: string; group?: string; version?: string }[];
  }>({ path: '/api/v1' });
  return (list.resources ?? []).some(
    (r) =>
      r.name === 'pods/eviction' &&
      r.kind === 'Eviction' &&
      (r.group ?? '') !== '' &&
      (r.version ?? '') !== '',
  );
}
