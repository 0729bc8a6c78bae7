/**
 * `kubectl rollout`: manages the rollouts of deployments, daemon sets and stateful sets.
 * pause and resume stop and restart a deployment's rollouts; restart rolls every pod by
 * stamping the pod template with `kubectl.kubernetes.io/restartedAt`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { ExitError, UsageError } from '../errors';
import { flag } from '../flags/flags';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { patchObject } from '../mutate/requests';
import { findTargets } from '../resource/targets';
import { rolloutHistory, rolloutUndo } from './rollout-history';
import { ROLLOUT_FILE_FLAGS, ROLLOUT_SELECTOR, rolloutStatusCommand } from './rollout-status';
import type { Command, CommandContext } from './types';

/** Go's time.Format(time.RFC3339) of an epoch-ms instant, in UTC. */
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** What one rollout action does to an object: its patch, or an error (an unsupported kind). */
type Action = (object: KubeObject, now: number) => Record<string, unknown> | Error;

const isDeployment = (o: KubeObject) => o.kind === 'Deployment' && o.apiVersion === 'apps/v1';
const paused = (o: KubeObject) => (o.spec as { paused?: boolean } | undefined)?.paused === true;

const pause: Action = (o) => {
  if (!isDeployment(o)) return new Error('pausing is not supported');
  return paused(o) ? new Error('is already paused') : { spec: { paused: true } };
};

const resume: Action = (o) => {
  if (!isDeployment(o)) return new Error('resuming is not supported');
  return paused(o) ? { spec: { paused: null } } : new Error('is not paused');
};

const restart: Action = (o, now) => {
  if (isDeployment(o) && paused(o))
    return new Error("can't restart paused deployment (run rollout resume first)");
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind) || o.apiVersion !== 'apps/v1')
    return new Error('restarting is not supported');
  const annotations = { 'kubectl.kubernetes.io/restartedAt': rfc3339(now) };
  const current = (o.spec as { template?: { metadata?: { annotations?: Record<string, string> } } }).template;
  if (
    current?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ===
    annotations['kubectl.kubernetes.io/restartedAt']
  )
    return {};
  return { spec: { template: { metadata: { annotations } } } };
};

/** Runs pause, resume or restart over the objects named. */
async function runAction(
  ctx: CommandContext,
  action: Action,
  done: string,
  unchanged?: string,
): Promise<void> {
  const { namespace } = ctx.namespace();
  const found = await findTargets(ctx, {
    selector: ctx.flags.string('selector'),
    all: false,
    latest: true,
    allowTypeOnly: true,
  });
  const errors: unknown[] = [...found.errors, ...found.lateErrors];
  if (found.targets.length === 0 && errors.length === 0) {
    ctx.out.stderr(`No resources found in ${namespace} namespace.\n`);
    return;
  }
  const printer = objectPrinter(ctx);
  for (const target of found.targets) {
    const object = { ...(target.object as KubeObject), kind: target.mapping.kind };
    const patch = action(object, ctx.now());
    if (patch instanceof Error) {
      const resource =
        target.mapping.group === '' ? target.mapping.name : `${target.mapping.name}.${target.mapping.group}`;
      errors.push(new Error(`error: ${resource} ${JSON.stringify(target.name)} ${patch.message}`));
      continue;
    }
    if (Object.keys(patch).length === 0) {
      if (unchanged !== undefined) printer.print(object, unchanged);
      else
        errors.push(
          new Error(
            `failed to create patch for ${target.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
          ),
        );
      continue;
    }
    try {
      const updated = await patchObject(
        ctx.client(),
        target.mapping,
        target.namespace,
        target.name,
        'strategic',
        JSON.stringify(patch),
        {
          fieldManager: ctx.flags.string('field-manager'),
        },
      );
      printer.print(updated, done);
    } catch (error) {
      errors.push(new Error(`failed to patch: ${(error as Error).message}`, { cause: error }));
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

const ACTION_FLAGS = [
  ...PRINT_FLAGS,
  flag.string('field-manager', 'Name of the manager used to track field ownership.', {
    default: 'kubectl-rollout',
  }),
  ...ROLLOUT_FILE_FLAGS,
  ROLLOUT_SELECTOR,
];

const rolloutPause: Command = {
  name: 'pause',
  usage: 'pause RESOURCE',
  short: 'Mark the provided resource as paused',
  long: 'Mark the provided resource as paused: the deployment controller stops rolling out template changes until it is resumed (currently only deployments can be paused).',
  example: '# Pause a deployment to batch up several changes\nkubectl rollout pause deployment/web',
  flags: ACTION_FLAGS,
  run: (ctx) => runAction(ctx, pause, 'paused', 'already paused'),
};

const rolloutResume: Command = {
  name: 'resume',
  usage: 'resume RESOURCE',
  short: 'Resume a paused resource',
  long: 'Resume a paused resource: the deployment controller rolls out the changes made while it was paused.',
  example: '# Resume a paused deployment\nkubectl rollout resume deployment/web',
  flags: ACTION_FLAGS,
  run: (ctx) => runAction(ctx, resume, 'resumed', 'already resumed'),
};

const rolloutRestart: Command = {
  name: 'restart',
  usage: 'restart RESOURCE',
  short: 'Restart a resource',
  long: 'Restart a resource: its pods are replaced by a rolling update, triggered by a restartedAt annotation on the pod template.',
  example: '# Replace every pod of a deployment\nkubectl rollout restart deployment/web',
  flags: ACTION_FLAGS,
  run: (ctx) => runAction(ctx, restart, 'restarted'),
};

export const rollout: Command = {
  name: 'rollout',
  usage: 'rollout SUBCOMMAND',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  example: `# Roll back to the previous deployment
kubectl rollout undo deployment/web

# Check the rollout status of a daemonset
kubectl rollout status daemonset/kindnet -n kube-system

# Restart a deployment
kubectl rollout restart deployment/web`,
  subcommands: [
    rolloutHistory,
    rolloutPause,
    rolloutRestart,
    rolloutResume,
    rolloutStatusCommand,
    rolloutUndo,
  ],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
    ctx.out.stderr(ctx.help());
    throw new ExitError();
  },
};
