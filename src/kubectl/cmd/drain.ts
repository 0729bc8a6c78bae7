/**
 * `kubectl drain NODE`: cordons the node, then evicts (or deletes) its pods as pkg/drain
 * does, with kubectl's checks (DaemonSet pods, emptyDir data, pods without a controller),
 * warnings, PodDisruptionBudget retries, `--timeout`, and its report of what is left.
 */
import { parseLabelSelector } from '../../sim/apiserver/selectors';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Pod } from 'kubernetes-types/core/v1';
import { Aggregate, deleteOrEvictPods, type EvictOptions } from '../drain/evict';
import { deleteErrors, deleteWarnings, filterPods, podsToDelete, type FilterOptions } from '../drain/filters';
import { checkNodeArgs, cordonNodes, nodesOf } from '../drain/nodes';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun, type DryRun } from '../mutate/dry-run';
import { NODE_SELECTOR } from './cordon';
import type { Command, CommandContext } from './types';

const USE = 'drain NODE';

/** GetPodsForDeletion: the node's pods through the filters; throws the filters' errors. */
async function podsForDeletion(ctx: CommandContext, node: string, filter: Omit<FilterOptions, 'now'>) {
  const podSelector = ctx.flags.string('pod-selector');
  const chunkSize = ctx.flags.int('chunk-size');
  const pods: Pod[] = [];
  let next = '';
  do {
    const query: Record<string, string[]> = { fieldSelector: [`spec.nodeName=${node}`] };
    if (podSelector !== '') query.labelSelector = [podSelector];
    if (chunkSize > 0) query.limit = [String(chunkSize)];
    if (next !== '') query.continue = [next];
    const page = await ctx.client().json<{ items?: Pod[]; metadata?: { continue?: string } }>({
      path: '/api/v1/pods',
      query,
    });
    pods.push(...(page.items ?? []));
    next = page.metadata?.continue ?? '';
  } while (next !== '');
  const list = await filterPods(ctx.client(), pods, { ...filter, now: ctx.now() });
  return { list, errors: deleteErrors(list) };
}

/** deleteOrEvictPodsSimple: drains one node; throws why it could not. */
async function drainNode(
  ctx: CommandContext,
  node: string,
  filter: Omit<FilterOptions, 'now'>,
  evict: EvictOptions,
): Promise<void> {
  const { list, errors } = await podsForDeletion(ctx, node, filter);
  if (errors.length > 0) throw new Aggregate(errors);
  const warnings = deleteWarnings(list);
  if (warnings !== '') ctx.out.stderr(`Warning: ${warnings}\n`);
  const pods = podsToDelete(list);
  if (evict.dryRun === 'client') {
    for (const pod of pods)
      ctx.out.stdout(`evicting pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''} (dry run)\n`);
    return;
  }
  try {
    await deleteOrEvictPods(ctx, ctx.client(), pods, evict);
  } catch (error) {
    const pending = await podsForDeletion(ctx, node, filter).catch(() => null);
    const left = pending === null ? [] : podsToDelete(pending.list);
    if (left.length > 0) {
      ctx.out.stderr(
        `There are pending pods in node ${JSON.stringify(node)} when an error occurred: ${(error as Error).message}\n`,
      );
      for (const pod of left) ctx.out.stderr(`pod/${pod.metadata?.name ?? ''}\n`);
    }
    if (pending !== null && pending.errors.length > 0)
      ctx.out.stderr(
        `Following errors occurred while getting the list of pods to delete:\n${new Aggregate(pending.errors).message}`,
      );
    throw error;
  }
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  checkNodeArgs(ctx, USE);
  const dryRun: DryRun = dryRunOf(ctx);
  try {
    parseLabelSelector(flags.string('pod-selector'));
  } catch {
    throw new Error('--pod-selector=<pod_selector> must be a valid label selector');
  }
  const nodes: KubeObject[] = await nodesOf(ctx, flags.int('chunk-size'));
  await cordonNodes(ctx, nodes, true, dryRun);
  const filter = {
    force: flags.bool('force'),
    ignoreAllDaemonSets: flags.bool('ignore-daemonsets'),
    deleteEmptyDirData: flags.bool('delete-emptydir-data'),
    skipWaitForDeleteTimeoutSeconds: flags.int('skip-wait-for-delete-timeout'),
  };
  const evict: EvictOptions = {
    gracePeriodSeconds: flags.int('grace-period'),
    timeoutNs: flags.duration('timeout'),
    disableEviction: flags.bool('disable-eviction'),
    skipWaitForDeleteTimeoutSeconds: filter.skipWaitForDeleteTimeoutSeconds,
    dryRun,
  };
  const fatal: unknown[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    try {
      await drainNode(ctx, name, filter, evict);
      ctx.out.stdout(`node/${name} ${withDryRun('drained', dryRun)}\n`);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.out.stderr(
        `error: unable to drain node ${JSON.stringify(name)} due to error: ${(error as Error).message}, continuing command...\n`,
      );
      fatal.push(error);
      remaining.push(name);
    }
  }
  if (remaining.length > 0)
    ctx.out.stderr(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length > 0) throw new Aggregate(fatal);
}

export const drain: Command = {
  name: 'drain',
  usage: USE,
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The node is first cordoned, so that no new pods land on it. Then its pods are evicted through the Eviction API, which respects PodDisruptionBudgets (a refused eviction is retried every 5 seconds), or deleted with --disable-eviction. Mirror pods are left alone; DaemonSet pods stay too, and drain refuses to start unless --ignore-daemonsets says that is fine. Pods with emptyDir data need --delete-emptydir-data, and pods no controller would recreate need --force.

 drain waits until the evicted pods are gone. Run kubectl uncordon when the node may take pods again.`,
  example: `# Drain node-1, leaving its DaemonSet pods in place
kubectl drain node-1 --ignore-daemonsets

# Drain node-1 even if some of its pods have no controller, giving each pod 15 minutes to stop
kubectl drain node-1 --force --grace-period=900`,
  flags: [
    flag.int(
      'chunk-size',
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
      { default: 500 },
    ),
    flag.bool(
      'delete-emptydir-data',
      'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
    ),
    flag.bool(
      'disable-eviction',
      'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.',
    ),
    DRY_RUN_FLAG,
    flag.bool('force', 'Continue even if there are pods that do not declare a controller.'),
    flag.int(
      'grace-period',
      'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
      { default: -1 },
    ),
    flag.bool('ignore-daemonsets', 'Ignore DaemonSet-managed Pods.'),
    flag.string('pod-selector', 'Label selector to filter pods on the node'),
    NODE_SELECTOR,
    flag.int(
      'skip-wait-for-delete-timeout',
      'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.',
    ),
    flag.duration('timeout', 'The length of time to wait before giving up, zero means infinite'),
  ],
  run,
};
