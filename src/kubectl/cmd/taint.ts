/**
 * `kubectl taint NODE NAME KEY=VAL:EFFECT ...`: adds, replaces and removes node taints with
 * a strategic merge patch, for named nodes, `-l` or `--all`, printing `node/<name> tainted`.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import { UsageError } from '../errors';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { VALIDATE_FLAG, validationDirective } from '../mutate/files';
import { objectPrinter, PRINT_FLAGS } from '../mutate/print';
import { planVisits } from '../resource/args';
import { fetchVisits } from '../resource/fetch';
import { conflicts, parseTaints, updateTaints } from '../taint/taints';
import type { Command, CommandContext } from './types';

/** Splits the arguments into resources and taint changes (Complete). */
function splitArgs(args: readonly string[]): { resources: string[]; specs: string[] } {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const arg of args) {
    const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-');
    if (isTaint) specs.push(arg);
    else if (specs.length === 0) resources.push(arg);
    else throw new Error(`all resources must be specified before taint changes: ${arg}`);
  }
  return { resources, specs };
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const { namespace } = ctx.namespace();
  const dryRun = dryRunOf(ctx);
  const validation = validationDirective(ctx);
  const { resources, specs } = splitArgs(ctx.args);
  if (resources.length < 1) throw new Error('one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) throw new Error('at least one taint update is required');
  let parsed: ReturnType<typeof parseTaints>;
  try {
    parsed = parseTaints(specs);
  } catch (error) {
    throw new UsageError(ctx.path, (error as Error).message);
  }
  const printer = objectPrinter(ctx);
  const type = (resources[0] ?? '').toLowerCase();
  const mapping = await ctx.mapper().mappingFor(type);
  if (mapping.kind !== 'Node')
    throw new Error(`invalid resource type ${type}, only node types are supported`);
  const conflicting = conflicts(parsed.add, parsed.remove);
  if (conflicting.length > 0)
    throw new Error(
      `can not both modify and remove the following taint(s) in the same command: ${conflicting.join(', ')}`,
    );
  const selector = flags.string('selector');
  const all = flags.bool('all');
  if (all && selector !== '')
    throw new Error("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && selector === '' && resources.length < 2)
    throw new Error("at least one resource name must be specified since 'all' parameter is not set");
  const words = all || selector !== '' ? ['node'] : ['node', ...resources.slice(1)];
  const plan = await planVisits(words, ctx.mapper(), {
    namespace,
    allNamespaces: false,
    selector: selector !== '',
  });
  const { infos, errors } = await fetchVisits(ctx.client(), plan.visits, {
    table: false,
    labelSelector: selector,
    fieldSelector: '',
    chunkSize: 500,
    includeObject: false,
    continueOnError: true,
  });
  for (const info of infos) {
    try {
      await taintOne(ctx, info.object, parsed, { dryRun, validation, print: printer.print });
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

/** NodeSystemInfo's fields, which a typed Node always has (none is omitempty). */
const NODE_INFO_FIELDS = [
  'machineID',
  'systemUUID',
  'bootID',
  'kernelVersion',
  'osImage',
  'containerRuntimeVersion',
  'kubeletVersion',
  'kubeProxyVersion',
  'operatingSystem',
  'architecture',
];

/**
 * The node as kubectl's client dry run prints it, after a round trip through the typed
 * corev1.Node: `status.nodeInfo` gets every field, empty ones as "".
 */
function typedNode(node: KubeObject): KubeObject {
  const status = node.status as { nodeInfo?: Record<string, unknown> } | undefined;
  if (status?.nodeInfo === undefined) return node;
  const nodeInfo = { ...status.nodeInfo };
  for (const field of NODE_INFO_FIELDS) nodeInfo[field] ??= '';
  return { ...node, status: { ...status, nodeInfo } };
}

/** Patches one node's taints and prints it. */
async function taintOne(
  ctx: CommandContext,
  node: KubeObject,
  parsed: { add: Taint[]; remove: Taint[] },
  how: {
    dryRun: ReturnType<typeof dryRunOf>;
    validation: string;
    print: (object: KubeObject, operation: string) => void;
  },
): Promise<void> {
  const name = node.metadata.name ?? '';
  const old = ((node.spec ?? {}) as { taints?: Taint[] }).taints ?? [];
  const { taints, operation } = updateTaints(
    name,
    old,
    parsed.add,
    parsed.remove,
    ctx.flags.bool('overwrite'),
  );
  const changed = JSON.stringify(taints) !== JSON.stringify(old);
  const patch = changed ? { spec: { taints: taints.length === 0 ? null : taints } } : {};
  if (how.dryRun === 'client') {
    const spec = { ...(node.spec as object), taints };
    if (taints.length === 0) delete (spec as { taints?: unknown }).taints;
    how.print(typedNode({ ...node, spec }), operation);
    return;
  }
  const query: Record<string, string[]> = {
    fieldManager: [ctx.flags.string('field-manager')],
    fieldValidation: [how.validation],
  };
  if (how.dryRun === 'server') query.dryRun = ['All'];
  const patched = await ctx.client().json<KubeObject>({
    method: 'PATCH',
    path: `/api/v1/nodes/${encodeURIComponent(name)}`,
    query,
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: JSON.stringify(patch),
    target: { group: '', resource: 'nodes', name },
  });
  // kubectl sets the dry-run suffix before the operation, which then replaces it.
  how.print({ ...patched, apiVersion: 'v1', kind: 'Node' }, operation);
}

export const taint: Command = {
  name: 'taint',
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  * A taint is a key, an optional value and an effect, written key=value:effect.
  * The key is a qualified name: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, up to 63 characters, optionally after a DNS subdomain prefix and '/' (example.com/dedicated).
  * The value, if any, follows the same rules as a label value.
  * The effect is NoSchedule, PreferNoSchedule or NoExecute.
  * Only nodes have taints.`,
  example: `# Keep pods off node-1 unless they tolerate dedicated=gpu:NoSchedule (an existing taint with that key and effect gets the new value only with --overwrite)
kubectl taint nodes node-1 dedicated=gpu:NoSchedule

# Remove the taint with key dedicated and effect NoSchedule from node-1
kubectl taint nodes node-1 dedicated:NoSchedule-

# Remove every taint with key dedicated from node-1
kubectl taint nodes node-1 dedicated-

# Taint the nodes labelled disk=ssd
kubectl taint node -l disk=ssd dedicated=storage:PreferNoSchedule`,
  flags: [
    flag.bool('all', 'Select all nodes in the cluster'),
    DRY_RUN_FLAG,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-taint',
    }),
    flag.bool(
      'overwrite',
      'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
    ),
    ...PRINT_FLAGS,
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    VALIDATE_FLAG,
  ],
  run,
};
