/**
 * `kubectl rollout status TYPE NAME`: watches a deployment, daemon set or stateful set and
 * prints its rollout status on every change until the rollout is done (or once, with
 * `--watch=false`), as kubectl does through an informer on the one object.
 */
import type { KubeObject, WatchEvent } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import { flag } from '../flags/flags';
import { filenameFlags } from '../mutate/files';
import { resourcePath } from '../resource/paths';
import { findTargets } from '../resource/targets';
import { hasStatusViewer, rolloutStatus } from '../rollout/status';
import type { Command, CommandContext } from './types';

/** `Pod`, `Deployment.apps`: a GroupKind as kubectl prints it. */
export const groupKind = (m: Pick<Mapping, 'group' | 'kind'>) =>
  m.group === '' ? m.kind : `${m.kind}.${m.group}`;

/** The selector flag the rollout commands share. */
export const ROLLOUT_SELECTOR = flag.string(
  'selector',
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
  { shorthand: 'l' },
);

/** The `-f`/`-k`/`-R` flags of the rollout commands. */
export const ROLLOUT_FILE_FLAGS = filenameFlags(
  'Filename, directory, or URL to files identifying the resource to get from a server.',
);

/** Watches one object until its rollout is done; throws kubectl's errors. */
async function watchRollout(
  ctx: CommandContext,
  mapping: Mapping,
  namespace: string,
  name: string,
): Promise<void> {
  const revision = ctx.flags.int('revision');
  const follow = ctx.flags.bool('watch');
  const timeout = ctx.flags.duration('timeout');
  const path = resourcePath(mapping, namespace);
  const fieldSelector = [`metadata.name=${name}`];
  const list = await ctx.client().json<{ items?: KubeObject[]; metadata?: { resourceVersion?: string } }>({
    path,
    query: { fieldSelector },
  });
  let finished = false;
  let failure: unknown;
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  ctx.signal.addEventListener('abort', onInterrupt, { once: true });
  const look = (object: KubeObject) => {
    if (finished) return;
    try {
      const status = rolloutStatus({ ...object, kind: mapping.kind }, revision);
      ctx.out.stdout(status.message);
      if (status.done || !follow) finished = true;
    } catch (error) {
      failure = error;
      finished = true;
    }
    if (finished) stop.abort();
  };
  for (const item of list.items ?? []) look(item);
  if (finished) {
    ctx.signal.removeEventListener('abort', onInterrupt);
    if (failure !== undefined) throw failure;
    return;
  }
  let expired = false;
  if (timeout > 0)
    void ctx.sleep(timeout / 1e6, stop.signal).then((elapsed) => {
      if (elapsed) {
        expired = true;
        stop.abort();
      }
    });
  try {
    await ctx.client().watch(
      {
        path,
        query: { watch: ['true'], fieldSelector, resourceVersion: [list.metadata?.resourceVersion ?? ''] },
      },
      (event: WatchEvent) => {
        if (event.type === 'DELETED') {
          failure = new Error('object has been deleted');
          finished = true;
          stop.abort();
        } else if (event.type === 'ADDED' || event.type === 'MODIFIED') look(event.object as KubeObject);
      },
      stop.signal,
    );
  } finally {
    ctx.signal.removeEventListener('abort', onInterrupt);
    stop.abort();
  }
  if (failure !== undefined) throw failure;
  if (expired) throw new Error('timed out waiting for the condition');
}

async function run(ctx: CommandContext): Promise<void> {
  if (ctx.args.length === 0 && ctx.flags.strings('filename').length === 0)
    throw new Error('required resource not specified');
  const { namespace } = ctx.namespace();
  const found = await findTargets(ctx, {
    selector: ctx.flags.string('selector'),
    all: false,
    latest: true,
    allowTypeOnly: true,
  });
  for (const target of found.targets) {
    if (!hasStatusViewer(target.mapping.group, target.mapping.kind))
      throw new Error(`no status viewer has been implemented for ${groupKind(target.mapping)}`);
    await watchRollout(ctx, target.mapping, target.namespace, target.name);
  }
  const errors = [...found.errors, ...found.lateErrors];
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (found.targets.length === 0) ctx.out.stderr(`No resources found in ${namespace} namespace.\n`);
}

export const rolloutStatusCommand: Command = {
  name: 'status',
  usage: 'status (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Show the status of the rollout',
  long: `Show the status of the rollout.

 By default it watches the rollout of the latest revision until it's done: how many replicas run the new template, how many old ones are still terminating, how many new ones are available. --watch=false prints the status once. --revision pins a revision (deployments only).`,
  example: `# Watch a deployment's rollout
kubectl rollout status deployment/web`,
  flags: [
    ...ROLLOUT_FILE_FLAGS,
    flag.int('revision', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).'),
    ROLLOUT_SELECTOR,
    flag.duration(
      'timeout',
      'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
    ),
    flag.bool('watch', "Watch the status of the rollout until it's done.", { shorthand: 'w', default: true }),
  ],
  run,
};
