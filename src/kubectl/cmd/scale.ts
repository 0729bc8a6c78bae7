/**
 * `kubectl scale --replicas=N TYPE NAME`: sets the replicas of deployments, replica sets,
 * stateful sets (anything with a scale subresource) through that subresource, optionally
 * only if the current size (`--current-replicas`) or resource version matches, and
 * optionally waiting (`--timeout`) until the status reaches the new size.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import { hasReason } from '../errors';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { patchObject } from '../mutate/requests';
import { resourcePath } from '../resource/paths';
import { findTargets } from '../resource/targets';
import type { Command, CommandContext } from './types';

interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

/** GETs an object's scale subresource. */
function getScale(ctx: CommandContext, mapping: Mapping, namespace: string, name: string) {
  return ctx.client().json<Scale>({
    path: resourcePath(mapping, namespace, name, 'scale'),
    target: { group: mapping.group, resource: mapping.name, name },
  });
}

/** One attempt at the new size (ScaleSimple); conflicts are retried by the caller. */
async function scaleOnce(
  ctx: CommandContext,
  mapping: Mapping,
  namespace: string,
  name: string,
  replicas: number,
) {
  const current = ctx.flags.int('current-replicas');
  const resourceVersion = ctx.flags.string('resource-version');
  const dryRun = dryRunOf(ctx) === 'server';
  if (current === -1 && resourceVersion === '') {
    await patchObject(
      ctx.client(),
      mapping,
      namespace,
      name,
      'merge',
      JSON.stringify({ spec: { replicas } }),
      { dryRun },
      'scale',
    );
    return;
  }
  const scale = await getScale(ctx, mapping, namespace, name);
  const actual = scale.spec?.replicas ?? 0;
  if (current !== -1 && actual !== current)
    throw new Error(`Expected replicas to be ${current}, was ${actual}`);
  if (resourceVersion !== '' && scale.metadata.resourceVersion !== resourceVersion)
    throw new Error(
      `Expected resource version to be ${resourceVersion}, was ${scale.metadata.resourceVersion ?? ''}`,
    );
  const updated = { ...scale, spec: { ...scale.spec, replicas } };
  await ctx.client().json({
    method: 'PUT',
    path: resourcePath(mapping, namespace, name, 'scale'),
    query: dryRun ? { dryRun: ['All'] } : {},
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(updated),
    target: { group: mapping.group, resource: mapping.name, name },
  });
}

/** Scales one object, retrying conflicts every second for up to five minutes. */
async function scaleOne(
  ctx: CommandContext,
  mapping: Mapping,
  namespace: string,
  name: string,
  replicas: number,
) {
  const deadline = ctx.now() + 5 * 60_000;
  for (;;) {
    try {
      return await scaleOnce(ctx, mapping, namespace, name, replicas);
    } catch (error) {
      if (!hasReason(error, 'Conflict') || ctx.now() >= deadline) throw error;
      if (!(await ctx.sleep(1000))) throw error;
    }
  }
}

/** Polls the scale every second until its status shows the new size (or it was changed again). */
async function waitForReplicas(
  ctx: CommandContext,
  mapping: Mapping,
  namespace: string,
  name: string,
  replicas: number,
  timeoutNs: number,
) {
  const deadline = ctx.now() + timeoutNs / 1e6;
  for (;;) {
    const scale = await getScale(ctx, mapping, namespace, name);
    if (scale.spec?.replicas !== replicas || scale.status?.replicas === replicas) return;
    if (ctx.now() >= deadline || !(await ctx.sleep(1000)))
      throw new Error(`timed out waiting for ${JSON.stringify(name)} to be synced`);
  }
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx);
  const replicas = flags.int('replicas');
  if (replicas < 0)
    throw new Error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (flags.int('current-replicas') < -1)
    throw new Error('The --current-replicas must specify an integer of -1 or greater');
  const found = await findTargets(ctx, {
    selector: flags.string('selector'),
    all: flags.bool('all'),
    latest: true,
  });
  const { targets } = found;
  const infoError = [...found.errors, ...found.lateErrors];
  const aggregate =
    infoError.length === 0
      ? undefined
      : infoError.length === 1
        ? infoError[0]
        : new AggregateError(infoError);
  if (flags.string('resource-version') !== '' && targets.length > 1)
    throw new Error('cannot use --resource-version with multiple resources');
  if (targets.length === 0) {
    if (aggregate === undefined) throw new Error('no objects passed to scale');
    const message = aggregate instanceof Error ? aggregate.message : String(aggregate);
    throw new Error(`no objects passed to scale ${message}`, { cause: aggregate });
  }
  const timeout = flags.duration('timeout');
  for (const target of targets) {
    const object = target.object as KubeObject;
    if (dryRun !== 'client') {
      await scaleOne(ctx, target.mapping, target.namespace, target.name, replicas);
      if (timeout !== 0 && dryRun === 'none')
        await waitForReplicas(ctx, target.mapping, target.namespace, target.name, replicas, timeout);
    }
    printer.print(object, withDryRun('scaled', dryRun));
  }
  if (aggregate !== undefined) throw aggregate;
}

export const scale: Command = {
  name: 'scale',
  usage:
    'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale changes the replicas of the object's scale subresource; its controller then creates or deletes pods to match. --current-replicas and --resource-version make the change conditional; --timeout waits until the status reports the new size.`,
  example: `# Scale a deployment to 3 replicas
kubectl scale --replicas=3 deployment/web

# Scale only if it currently has 2
kubectl scale --current-replicas=2 --replicas=3 deployment/web

# Scale several at once
kubectl scale --replicas=5 deployment/web deployment/api`,
  flags: [
    flag.bool('all', 'Select all resources in the namespace of the specified resource types'),
    ...PRINT_FLAGS,
    flag.int(
      'current-replicas',
      'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
      { default: -1 },
    ),
    DRY_RUN_FLAG,
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to set a new size'),
    flag.int('replicas', 'The new desired number of replicas. Required.'),
    flag.string(
      'resource-version',
      'Precondition for resource version. Requires that the current resource version match this value in order to scale.',
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.duration(
      'timeout',
      "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    ),
  ],
  requiredFlags: ['replicas'],
  run,
};
