/**
 * `kubectl wait --for=...`: waits until the named (or selected) objects meet a condition, are
 * created or are deleted, within `--timeout` (on the session's clock: the simulation's in the
 * page), printing `pod/web condition met` for each.
 */
import type { KubeObject, Status, WatchEvent } from '../../sim/apiserver/types';
import { hasReason } from '../errors';
import { flag } from '../flags/flags';
import { objectPrinter, PRINT_FLAGS } from '../mutate/print';
import { planVisits } from '../resource/args';
import { fetchVisits, type Info } from '../resource/fetch';
import { parseWaitFor, type WaitFor } from '../wait/conditions';
import { untilWithSync, type EventCondition } from '../wait/until';
import type { Command, CommandContext } from './types';

const TIMED_OUT = 'timed out waiting for the condition';
const WEEK_MS = 168 * 3600 * 1000;

/** The objects the arguments stand for (the resource builder with ContinueOnError). */
async function find(ctx: CommandContext): Promise<{ infos: Info[]; errors: unknown[] }> {
  const { flags, args } = ctx;
  const allNamespaces = flags.bool('all-namespaces');
  const labelSelector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const all = flags.bool('all');
  const selecting = labelSelector !== '' || fieldSelector !== '' || all;
  const { namespace } = ctx.namespace();
  if (args.length === 1 && !(args[0] ?? '').includes('/') && !selecting)
    throw new Error('resource(s) were provided, but no name was specified');
  const plan = await planVisits(args, ctx.mapper(), {
    namespace: allNamespaces ? '' : namespace,
    allNamespaces,
    selector: selecting,
  });
  return fetchVisits(ctx.client(), plan.visits, {
    table: false,
    labelSelector,
    fieldSelector,
    chunkSize: 500,
    includeObject: false,
    continueOnError: true,
  });
}

/** ObjectName: `pods/web`. */
const objectName = (info: Info) => `${info.mapping.name}/${info.object.metadata.name ?? ''}`;

/** Prints the watch's ERROR event as kubectl does, and goes on waiting. */
function reportError(ctx: CommandContext, event: WatchEvent, what: string): void {
  const status = event.object as Status;
  ctx.out.stderr(`error: An error occurred while waiting for ${what}: ${status.message ?? ''}`);
}

/** Waits for one object; resolves with what to print, or throws why it did not happen. */
async function waitForOne(
  ctx: CommandContext,
  info: Info,
  waitFor: WaitFor,
  timeoutMs: number,
  deadline: AbortSignal,
): Promise<KubeObject> {
  const name = info.object.metadata.name ?? '';
  if (name === '') throw new Error('resource name must be provided');
  const target = { mapping: info.mapping, namespace: info.object.metadata.namespace ?? '', name };
  const timedOut = new Error(`${TIMED_OUT} on ${objectName(info)}`);
  if (waitFor.kind === 'create') return info.object;
  if (waitFor.kind === 'delete') {
    if (timeoutMs === 0) throw new Error(`condition not met for ${objectName(info)}`);
    const gone: EventCondition = (event) => {
      if (event.type === 'ERROR') reportError(ctx, event, 'the object to be deleted');
      return event.type === 'DELETED';
    };
    const { met } = await untilWithSync(ctx, target, gone, { deadline, missing: 'done' });
    if (!met) throw timedOut;
    return info.object;
  }
  if (timeoutMs === 0) {
    if (!waitFor.check(info.object)) throw new Error(`condition not met for ${objectName(info)}`);
    return info.object;
  }
  const holds: EventCondition = (event) => {
    if (event.type === 'ERROR') {
      reportError(ctx, event, 'the condition to be satisfied');
      return false;
    }
    return event.type !== 'DELETED' && waitFor.check(event.object as KubeObject);
  };
  const { object, met } = await untilWithSync(ctx, target, holds, { deadline, missing: 'not-found' });
  if (!met) throw timedOut;
  return object ?? info.object;
}

/** `--for=create`: looks for the objects every 500 ms until they all exist. */
async function waitForCreation(ctx: CommandContext, deadline: AbortSignal): Promise<void> {
  for (;;) {
    const { errors } = await find(ctx);
    const missing = errors.some((e) => hasReason(e, 'NotFound'));
    const other = errors.find((e) => !hasReason(e, 'NotFound'));
    if (other !== undefined) throw other;
    if (!missing) return;
    if (deadline.aborted || !(await ctx.sleep(500, AbortSignal.any([deadline, ctx.signal])))) {
      if (ctx.signal.aborted) throw new Error('interrupted');
      throw new Error(TIMED_OUT);
    }
  }
}

async function run(ctx: CommandContext): Promise<number | void> {
  const printer = objectPrinter(ctx);
  const waitFor = parseWaitFor(ctx.flags.string('for'));
  const timeoutNs = ctx.flags.duration('timeout');
  const timeoutMs = timeoutNs < 0 ? WEEK_MS : timeoutNs / 1_000_000;
  const expired = new AbortController();
  const clock = new AbortController();
  if (timeoutMs > 0) void ctx.sleep(timeoutMs, clock.signal).then((passed) => passed && expired.abort());
  try {
    if (waitFor.kind === 'create') await waitForCreation(ctx, expired.signal);
    const { infos, errors } = await find(ctx);
    const failures = waitFor.kind === 'delete' ? errors.filter((e) => !hasReason(e, 'NotFound')) : errors;
    for (const info of infos) {
      try {
        printer.print(await waitForOne(ctx, info, waitFor, timeoutMs, expired.signal), 'condition met');
      } catch (error) {
        // Ctrl-C ends the wait through kubectl's interrupt handler, which exits with 1.
        if (ctx.signal.aborted) return 1;
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures);
    if (infos.length === 0 && waitFor.kind !== 'delete') throw new Error('no matching resources found');
  } finally {
    clock.abort();
  }
}

export const wait: Command = {
  name: 'wait',
  suggestFor: ['list', 'ps'],
  usage:
    "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command waits until every given object shows the condition in its status, or has the value at a JSONPath; with --for=create or --for=delete it waits until the objects exist, or are gone. It prints a line for each object once its condition is met; -o prints the objects instead.

 Here time is the simulation's: --timeout=60s waits sixty simulated seconds.`,
  example: `# Wait until the pod web is Ready
kubectl wait --for=condition=Ready pod/web

# Wait until the pod web is running
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web

# Wait until every deployment is Available, for at most 2 minutes
kubectl wait --for=condition=Available deployments --all --timeout=2m

# Wait until the pod web is gone
kubectl wait --for=delete pod/web --timeout=60s`,
  flags: [
    flag.bool('all', 'Select all resources in the namespace of the specified resource types'),
    flag.bool(
      'all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      { shorthand: 'A' },
    ),
    flag.string(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    flag.string(
      'for',
      "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
    ),
    ...PRINT_FLAGS,
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.duration(
      'timeout',
      "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
      { default: 30_000_000_000 },
    ),
  ],
  run,
};
