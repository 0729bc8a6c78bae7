/**
 * `kubectl delete`: deletes objects named by arguments, selectors, `--all` or files,
 * prints `pod "web" deleted` for each, and (unless `--wait=false`) waits until they are
 * gone, finalizers and graceful termination included.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { hasReason } from '../errors';
import { flag } from '../flags/flags';
import { parseGoBool } from '../flags/values';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { filenameFlags, refuseKustomize, withSource } from '../mutate/files';
import { deleteObject } from '../mutate/requests';
import { waitForDeletion, type Deleted } from '../mutate/wait-deleted';
import { findTargets } from '../resource/targets';
import type { Command, CommandContext } from './types';

/** `--cascade`: the deletion propagation policy (cmdutil.GetCascadingStrategy). */
export function cascadeOf(ctx: CommandContext): 'Background' | 'Foreground' | 'Orphan' {
  const value = ctx.flags.string('cascade');
  const bool = parseGoBool(value);
  if (typeof bool === 'boolean') {
    const replacement = bool ? 'background' : 'orphan';
    ctx.out.stderr(
      `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`,
    );
    return bool ? 'Background' : 'Orphan';
  }
  if (value === 'orphan') return 'Orphan';
  if (value === 'foreground') return 'Foreground';
  if (value === 'background') return 'Background';
  throw new Error(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
}

/** The grace period kubectl sends, after `--now` and `--force` (-1: the object's own). */
function gracePeriodOf(ctx: CommandContext): number {
  let grace = ctx.flags.int('grace-period');
  const force = ctx.flags.bool('force');
  if (ctx.flags.bool('now')) {
    if (grace !== -1) throw new Error('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  return grace;
}

/** `deployment.apps` for the messages: the kind in lower case and its group. */
const kindString = (kind: string, group: string) =>
  group === '' ? kind.toLowerCase() : `${kind.toLowerCase()}.${group}`;

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const cascade = cascadeOf(ctx);
  refuseKustomize(ctx);
  const { explicit } = ctx.namespace();
  const all = flags.bool('all');
  const allNamespaces = flags.bool('all-namespaces');
  const selector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const ignoreNotFound =
    flags.changed('ignore-not-found') || !(all || selector !== '' || fieldSelector !== '')
      ? flags.bool('ignore-not-found')
      : true;
  const grace = gracePeriodOf(ctx);
  const dryRun = dryRunOf(ctx);
  if (flags.string('raw') !== '') throw new Error('--raw is not supported by this terminal');
  if (flags.bool('interactive')) throw new Error('--interactive is not supported by this terminal');
  const found = await findTargets(ctx, {
    selector,
    fieldSelector,
    all,
    allNamespaces,
    latest: false,
  });
  const output = flags.string('output');
  if (output !== '' && output !== 'name')
    throw new Error(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (all && selector !== '') throw new Error('cannot set --all and --selector at the same time');
  if (all && fieldSelector !== '') throw new Error('cannot set --all and --field-selector at the same time');
  const force = flags.bool('force');
  if (grace === 0 && force)
    ctx.out.stderr(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  else if (grace > 0 && force)
    throw new Error('--force and --grace-period greater than 0 cannot be specified together');
  const errors = ignoreNotFound ? found.errors.filter((e) => !hasReason(e, 'NotFound')) : [...found.errors];
  let warnClusterScope = explicit && !allNamespaces;
  const deleted: Deleted[] = [];
  const print = (kind: string, group: string, name: string) => {
    const resource = kindString(kind, group);
    if (output === 'name') ctx.out.stdout(`${resource}/${name}\n`);
    else
      ctx.out.stdout(
        `${resource} "${name}" ${withDryRun(grace === 0 ? 'force deleted' : 'deleted', dryRun)}\n`,
      );
  };
  let count = 0;
  for (const target of found.targets) {
    count++;
    if (warnClusterScope && !target.mapping.namespaced) {
      ctx.out.stderr('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnClusterScope = false;
    }
    if (dryRun === 'client') {
      print(target.mapping.kind, target.mapping.group, target.name);
      continue;
    }
    const options = { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: cascade };
    try {
      const response = await deleteObject(
        ctx.client(),
        target.mapping,
        target.namespace,
        target.name,
        options,
        {
          dryRun: dryRun === 'server',
        },
      );
      print(target.mapping.kind, target.mapping.group, target.name);
      const uid =
        (response as { details?: { uid?: string } }).details?.uid ?? (response as KubeObject).metadata?.uid;
      deleted.push({ ...target, ...(uid === undefined ? {} : { uid }) });
    } catch (error) {
      if (!(ignoreNotFound && hasReason(error, 'NotFound')))
        errors.push(withSource('deleting', target.source, error));
    }
  }
  errors.push(...found.lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (count === 0) {
    ctx.out.stdout('No resources found\n');
    return;
  }
  if (flags.bool('wait') && dryRun === 'none') await waitForDeletion(ctx, deleted, flags.duration('timeout'));
}

export const deleteCommand: Command = {
  name: 'delete',
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 Deleting asks the apiserver to delete each object and then, unless --wait=false, waits until it is really gone: pods stop gracefully first (--grace-period, --now), and finalizers must finish. Dependents go with their owner in the background unless --cascade says foreground or orphan.`,
  example: `# Delete a pod, waiting until it has stopped
kubectl delete pod web-7d4b9c8f5-x2x7q

# Delete the objects in a file
kubectl delete -f web.yaml

# Delete every pod labelled app=web
kubectl delete pods -l app=web

# Delete a deployment but keep its replica sets and pods
kubectl delete deployment web --cascade=orphan

# Remove a pod from the API at once, without waiting for it to stop
kubectl delete pod web-7d4b9c8f5-x2x7q --grace-period=0 --force`,
  flags: [
    flag.bool('all', 'Delete all resources, in the namespace of the specified resource types.'),
    flag.bool(
      'all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      { shorthand: 'A' },
    ),
    flag.string(
      'cascade',
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      { default: 'background', noOptDefault: 'background' },
    ),
    DRY_RUN_FLAG,
    flag.string(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    ...filenameFlags('containing the resource to delete.', 'a'),
    flag.bool(
      'force',
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    ),
    flag.int(
      'grace-period',
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      { default: -1 },
    ),
    flag.bool(
      'ignore-not-found',
      'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
    ),
    flag.bool('interactive', 'If true, delete resource only when user confirms.', { shorthand: 'i' }),
    flag.bool('now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'),
    flag.string('output', 'Output mode. Use "-o name" for shorter output (resource/name).', {
      shorthand: 'o',
    }),
    flag.string(
      'raw',
      'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.',
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.duration(
      'timeout',
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    ),
    flag.bool('wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.', {
      default: true,
    }),
  ],
  run,
};
