/**
 * The nodes cordon, uncordon and drain work on (their arguments, or `-l`), and marking them
 * (un)schedulable as pkg/drain's CordonHelper does: a strategic merge patch of
 * `spec.unschedulable`, printed as `node/<name> cordoned` (or `already cordoned`).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { CommandContext } from '../cmd/types';
import { UsageError } from '../errors';
import { dryRunQuery, withDryRun, type DryRun } from '../mutate/dry-run';
import { planVisits } from '../resource/args';
import { fetchVisits } from '../resource/fetch';

/** Checks the arguments as kubectl does first: node names or `-l`, not both. */
export function checkNodeArgs(ctx: CommandContext, use: string): void {
  if (ctx.args.length === 0 && !ctx.flags.changed('selector'))
    throw new UsageError(ctx.path, `USAGE: ${use} [flags]`);
  if (ctx.args.length > 0 && ctx.flags.string('selector') !== '')
    throw new UsageError(ctx.path, 'error: cannot specify both a node name and a --selector option');
}

/** The nodes named by the arguments or selected by `-l`. */
export async function nodesOf(ctx: CommandContext, chunkSize = 500): Promise<KubeObject[]> {
  const selector = ctx.flags.string('selector');
  const { namespace } = ctx.namespace();
  const words =
    ctx.args.length === 0
      ? ['nodes']
      : ctx.args.every((a) => !a.includes('/'))
        ? ['nodes', ...ctx.args]
        : [...ctx.args];
  const plan = await planVisits(words, ctx.mapper(), {
    namespace,
    allNamespaces: false,
    selector: selector !== '',
    singleType: true,
  });
  const { infos } = await fetchVisits(ctx.client(), plan.visits, {
    table: false,
    labelSelector: selector,
    fieldSelector: '',
    chunkSize,
    includeObject: false,
    continueOnError: false,
  });
  for (const info of infos)
    if (info.mapping.group !== '' || info.mapping.name !== 'nodes')
      throw new Error(
        `error: expected resource of type node, got "${info.mapping.group}/${info.mapping.version}, Resource=${info.mapping.name}"`,
      );
  return infos.map((i) => i.object);
}

/**
 * RunCordonOrUncordon: marks each node (un)schedulable unless it already is, printing what
 * happened; a failed patch is reported and the next node goes on.
 */
export async function cordonNodes(
  ctx: CommandContext,
  nodes: readonly KubeObject[],
  desired: boolean,
  dryRun: DryRun,
): Promise<void> {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const spec = (node.spec ?? {}) as { unschedulable?: boolean };
    if ((spec.unschedulable ?? false) === desired) {
      ctx.out.stdout(`node/${name} ${withDryRun(`already ${verb}ed`, dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        await ctx.client().json({
          method: 'PATCH',
          path: `/api/v1/nodes/${encodeURIComponent(name)}`,
          query: dryRunQuery(dryRun),
          headers: { 'content-type': 'application/strategic-merge-patch+json' },
          body: JSON.stringify({ spec: { unschedulable: desired ? true : null } }),
          target: { group: '', resource: 'nodes', name },
        });
      } catch (error) {
        ctx.out.stderr(
          `error: unable to ${verb} node ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        continue;
      }
    }
    ctx.out.stdout(`node/${name} ${withDryRun(`${verb}ed`, dryRun)}\n`);
  }
}
