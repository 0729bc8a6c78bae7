/**
 * What `kubectl set image` and `set env` share: finding the pod spec of pods and
 * workloads, and changing each object found, then sending the change as a strategic
 * merge patch (set.CalculatePatches and the set commands' Run).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import { PatchPlans } from '../apply/openapi';
import { threeWayStrategicPatch, type JsonMap } from '../apply/strategic';
import type { CommandContext } from '../cmd/types';
import { flag } from '../flags/flags';
import { readObjects } from '../input/objects';
import { goJson } from '../printers/gofmt';
import { findTargets, type Target } from '../resource/targets';
import { dryRunOf, withDryRun, type DryRun } from './dry-run';
import { objectPrinter } from './print';
import { patchObject } from './requests';

/** The pod spec of an object (a pod's own, a workload's template's), or undefined. */
export function podSpecOf(
  object: KubeObject,
): { containers?: Container[]; initContainers?: Container[] } | undefined {
  type Template = { spec?: PodSpecLike };
  type PodSpecLike = { containers?: Container[]; initContainers?: Container[] };
  const spec = object.spec as
    (PodSpecLike & { template?: Template; jobTemplate?: { spec?: { template?: Template } } }) | undefined;
  switch (object.kind) {
    case 'Pod':
      return spec;
    case 'CronJob':
      return spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Go's %T of the object kubectl could not find a pod template in. */
const goType = (object: KubeObject) =>
  `*${object.apiVersion.includes('/') ? object.apiVersion.split('/')[1] : 'v1'}.${object.kind}`;

/** kubectl's set targets: `-f` objects (as written with --local) or fetched ones. */
async function targetsOf(ctx: CommandContext, resources: readonly string[]) {
  if (ctx.flags.bool('local')) {
    const { namespace, explicit } = ctx.namespace();
    const read = await readObjects(ctx, {
      filenames: ctx.flags.strings('filename'),
      namespace,
      enforceNamespace: explicit,
      validate: false,
      local: true,
    });
    return { targets: read.infos as Target[], errors: [...read.mismatches, ...read.lateErrors] };
  }
  const found = await findTargets(ctx, {
    args: resources,
    selector: ctx.flags.string('selector'),
    all: ctx.flags.bool('all'),
    latest: true,
  });
  return { targets: found.targets, errors: [...found.errors, ...found.lateErrors] };
}

/**
 * Changes each target (after `options.fetchFirst` checks the arguments, when given) with `mutate` (which returns errors to report, or throws for the
 * object) and patches, as set.CalculatePatches and the set commands' Run do.
 */
export async function setEach(
  ctx: CommandContext,
  resources: readonly string[],
  operation: string,
  what: string,
  mutate: (object: KubeObject) => unknown[],
  options: { readonly listOnly?: boolean; readonly fetchFirst?: () => void; readonly dryRun?: DryRun } = {},
) {
  const dryRun = options.dryRun ?? dryRunOf(ctx);
  const printer = objectPrinter(ctx);
  const local = ctx.flags.bool('local');
  const { targets, errors } = await targetsOf(ctx, resources);
  if (options.fetchFirst !== undefined) {
    // set image finds its objects before it checks its arguments, and stops at any error.
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    options.fetchFirst();
  }
  const listOnly = options.listOnly ?? false;
  const plans = new PatchPlans(ctx.client());
  for (const target of targets) {
    const before = target.object as KubeObject;
    const after = structuredClone(before);
    try {
      if (podSpecOf(after) === undefined)
        throw new Error(`the object is not a pod or does not have a pod template: ${goType(after)}`);
      errors.push(...mutate(after));
    } catch (error) {
      errors.push(new Error(`error: ${target.mapping.name}/${target.name} ${(error as Error).message}\n`));
      continue;
    }
    if (listOnly) continue;
    const plan = local
      ? { type: 'strategic' as const, schema: undefined }
      : await plans.planFor(target.mapping);
    const schema = plan.type === 'strategic' ? plan.schema : undefined;
    const patch = threeWayStrategicPatch(
      before as unknown as JsonMap,
      after as unknown as JsonMap,
      before as unknown as JsonMap,
      schema,
    );
    if (Object.keys(patch).length === 0) continue;
    if (local || dryRun === 'client') {
      printer.print(after, withDryRun(operation, dryRun));
      continue;
    }
    try {
      const actual = await patchObject(
        ctx.client(),
        target.mapping,
        target.namespace,
        target.name,
        'strategic',
        goJson(patch),
        {
          fieldManager: ctx.flags.string('field-manager'),
          dryRun: dryRun === 'server',
        },
      );
      printer.print(actual, withDryRun(operation, dryRun));
    } catch (error) {
      errors.push(
        new Error(`failed to patch ${what} update to pod template: ${(error as Error).message}`, {
          cause: error,
        }),
      );
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

/** The `-l` flag of the set commands. */
export const SELECTOR = flag.string(
  'selector',
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
  { shorthand: 'l' },
);
