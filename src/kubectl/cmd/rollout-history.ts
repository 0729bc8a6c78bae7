/**
 * `kubectl rollout history` (the revisions of a rollout, or one revision's pod template)
 * and `kubectl rollout undo` (a deployment back to an earlier revision's template).
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { getObject, patchObject } from '../mutate/requests';
import { findTargets } from '../resource/targets';
import { jsonEqual } from '../apply/strategic';
import { printTemplate, revisionsOf, viewHistory } from '../rollout/history';
import { ROLLOUT_FILE_FLAGS, ROLLOUT_SELECTOR, groupKind } from './rollout-status';
import type { Command, CommandContext } from './types';

const HISTORY_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet'];

async function runHistory(ctx: CommandContext): Promise<void> {
  const revision = ctx.flags.int('revision');
  if (revision < 0) throw new Error('revision must be a positive integer: ' + String(revision));
  const found = await findTargets(ctx, {
    selector: ctx.flags.string('selector'),
    all: false,
    latest: true,
    allowTypeOnly: true,
  });
  const printer = objectPrinter(ctx);
  for (const target of found.targets) {
    if (target.mapping.group !== 'apps' || !HISTORY_KINDS.includes(target.mapping.kind))
      throw new Error(
        `error retrieving history for ${JSON.stringify(groupKind(target.mapping))}, no visitor method exists for {${target.mapping.group} ${target.mapping.kind}}`,
      );
    const object = target.object as KubeObject;
    const revisions = await revisionsOf(ctx, object);
    if (ctx.flags.changed('output')) {
      const sources =
        revision > 0
          ? [revisions.get(revision)]
          : [...revisions.keys()].sort((a, b) => a - b).map((r) => revisions.get(r));
      for (const entry of sources) if (entry !== undefined) printer.print(entry.source, '');
      continue;
    }
    const history = viewHistory(revisions, revision);
    printer.print(object, `${revision > 0 ? `with revision #${revision}` : ''}\n${history}`);
  }
  const errors = [...found.errors, ...found.lateErrors];
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

/** Annotations a rollback keeps from the deployment rather than taking from the revision. */
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** A pod template without the pod-template-hash label (equalIgnoreHash). */
function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels !== undefined) {
    delete copy.metadata.labels['pod-template-hash'];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** Rolls a deployment back; returns the operation to print (DeploymentRollbacker). */
async function rollback(ctx: CommandContext, object: KubeObject, toRevision: number, dryRunClient: boolean) {
  const name = object.metadata.name ?? '';
  const namespace = object.metadata.namespace ?? '';
  const mapping = {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    singularName: '',
    verbs: [],
    shortNames: [],
    categories: [],
  };
  let deployment: KubeObject;
  try {
    deployment = await getObject(ctx.client(), mapping, namespace, name);
  } catch (error) {
    throw new Error(`failed to retrieve Deployment ${name}: ${(error as Error).message}`, { cause: error });
  }
  const revisions = await revisionsOf(ctx, deployment);
  let target = revisions.get(toRevision);
  if (toRevision > 0 && target === undefined)
    throw new Error(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    const sorted = [...revisions.keys()].sort((a, b) => b - a);
    if (sorted.length < 2) throw new Error(`no rollout history found for deployment ${JSON.stringify(name)}`);
    target = revisions.get(sorted[1] as number);
  }
  if (target === undefined) throw new Error(`unable to find specified revision ${toRevision} in history`);
  if (dryRunClient) return printTemplate(target.template);
  const spec = deployment.spec as { paused?: boolean; template?: PodTemplateSpec };
  if (spec.paused === true)
    throw new Error(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  const revision = toRevision === 0 ? target.revision : toRevision;
  if (jsonEqual(withoutHash(target.template), withoutHash(spec.template)))
    return `skipped rollback (current template already matches revision ${revision})`;
  const template = withoutHash(target.template);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {}))
    if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.source.metadata.annotations ?? {}))
    if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    await patchObject(ctx.client(), mapping, namespace, name, 'json', JSON.stringify(patch), {
      dryRun: dryRunOf(ctx) === 'server',
    });
  } catch (error) {
    throw new Error(`failed restoring revision ${revision}: ${(error as Error).message}`, { cause: error });
  }
  return 'rolled back';
}

async function runUndo(ctx: CommandContext): Promise<void> {
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx);
  const found = await findTargets(ctx, {
    selector: ctx.flags.string('selector'),
    all: false,
    latest: true,
    allowTypeOnly: true,
  });
  const errors: unknown[] = [...found.errors];
  for (const target of found.targets) {
    try {
      if (
        target.mapping.group === 'apps' &&
        HISTORY_KINDS.includes(target.mapping.kind) &&
        target.mapping.kind !== 'Deployment'
      )
        throw new Error(`rollout undo of a ${target.mapping.kind} is not supported by this terminal`);
      if (target.mapping.group !== 'apps' || target.mapping.kind !== 'Deployment')
        throw new Error(
          `error retrieving rollbacker for ${JSON.stringify(groupKind(target.mapping))}, no visitor method exists for {${target.mapping.group} ${target.mapping.kind}}`,
        );
      const result = await rollback(
        ctx,
        target.object as KubeObject,
        ctx.flags.int('to-revision'),
        dryRun === 'client',
      );
      printer.print(target.object as KubeObject, withDryRun(result, dryRun));
    } catch (error) {
      errors.push(error);
    }
  }
  errors.push(...found.lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

export const rolloutHistory: Command = {
  name: 'history',
  usage: 'history (TYPE NAME | TYPE/NAME) [flags]',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations: one line per revision with its change cause, or, with --revision, the pod template of that revision.',
  example: `# See a deployment's revisions
kubectl rollout history deployment/web

# See the pod template of revision 2
kubectl rollout history deployment/web --revision=2`,
  flags: [
    ...PRINT_FLAGS,
    ...ROLLOUT_FILE_FLAGS,
    flag.int('revision', 'See the details, including podTemplate of the revision specified'),
    ROLLOUT_SELECTOR,
  ],
  run: runHistory,
};

export const rolloutUndo: Command = {
  name: 'undo',
  usage: 'undo (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout: the deployment gets the pod template of that revision back (the previous one by default, or --to-revision), which starts a new rollout.',
  example: `# Roll back to the previous revision
kubectl rollout undo deployment/web

# Roll back to revision 3
kubectl rollout undo deployment/web --to-revision=3`,
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    ...ROLLOUT_FILE_FLAGS,
    ROLLOUT_SELECTOR,
    flag.int('to-revision', 'The revision to rollback to. Default to 0 (last revision).'),
  ],
  run: runUndo,
};
