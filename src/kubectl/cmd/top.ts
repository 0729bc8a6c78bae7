/**
 * `kubectl top node|pod`: resource usage from the metrics.k8s.io API (metrics-server), as
 * kubectl prints it; without the API, `error: Metrics API not available`.
 */
import { formatGoDuration } from '../client/timeout';
import type { ResourceList } from '../describe/quantity';
import { ExitError, UsageError } from '../errors';
import { flag } from '../flags/flags';
import { printNodeMetrics, printPodMetrics, type NodeMetrics, type PodMetrics } from '../top/print';
import type { Command, CommandContext } from './types';

const METRICS = '/apis/metrics.k8s.io/v1beta1';

const SORT_BY_USAGE = "The field can be either 'cpu' or 'memory'.";

/** Fails unless discovery lists metrics.k8s.io/v1beta1 (SupportedMetricsAPIVersionAvailable). */
async function requireMetricsApi(ctx: CommandContext): Promise<void> {
  const { groups } = await ctx.discovery().document();
  if (!groups.some((g) => g.name === 'metrics.k8s.io' && g.versions.includes('v1beta1')))
    throw new Error('Metrics API not available');
}

function checkSortBy(sortBy: string): void {
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory')
    throw new Error('--sort-by accepts only cpu or memory');
}

const query = (labelSelector: string, fieldSelector = '') => ({
  ...(labelSelector === '' ? {} : { labelSelector: [labelSelector] }),
  ...(fieldSelector === '' ? {} : { fieldSelector: [fieldSelector] }),
});

async function runTopNode(ctx: CommandContext): Promise<void> {
  const { flags, args } = ctx;
  if (args.length > 1) throw new UsageError(ctx.path, 'node [NAME | -l label]');
  const name = args[0] ?? '';
  const selector = flags.string('selector');
  const sortBy = flags.string('sort-by');
  checkSortBy(sortBy);
  if (name !== '' && selector !== '') throw new Error('only one of NAME or --selector can be provided');
  await requireMetricsApi(ctx);
  const client = ctx.client();
  const metrics =
    name !== ''
      ? [await client.json<NodeMetrics>({ path: `${METRICS}/nodes/${encodeURIComponent(name)}` })]
      : ((await client.json<{ items?: NodeMetrics[] }>({ path: `${METRICS}/nodes`, query: query(selector) }))
          .items ?? []);
  if (metrics.length === 0) throw new Error('metrics not available yet');
  type Node = {
    metadata: { name?: string };
    status?: { allocatable?: ResourceList; capacity?: ResourceList };
  };
  const nodes =
    name !== ''
      ? [await client.json<Node>({ path: `/api/v1/nodes/${encodeURIComponent(name)}` })]
      : ((await client.json<{ items?: Node[] }>({ path: '/api/v1/nodes', query: query(selector) })).items ??
        []);
  const capacity = flags.bool('show-capacity');
  const available = new Map(
    nodes.map((n) => [n.metadata.name ?? '', (capacity ? n.status?.capacity : n.status?.allocatable) ?? {}]),
  );
  ctx.out.stdout(printNodeMetrics(metrics, available, { noHeaders: flags.bool('no-headers'), sortBy }));
}

/** verifyEmptyMetrics: why there are no metrics, or nothing when there are no pods either. */
async function verifyEmptyMetrics(ctx: CommandContext, name: string, labels: string, fields: string) {
  type Pod = { metadata: { name?: string; namespace?: string; creationTimestamp?: string } };
  const { namespace } = ctx.namespace();
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const client = ctx.client();
  const pods =
    name !== ''
      ? [await client.json<Pod>({ path: `${base}/${encodeURIComponent(name)}` })]
      : ((await client.json<{ items?: Pod[] }>({ path: base, query: query(labels, fields) })).items ?? []);
  if (pods.length === 0) return;
  for (const pod of pods) {
    const age = ctx.now() - Date.parse(pod.metadata.creationTimestamp ?? '');
    if (age > 2 * 60_000)
      throw new Error(
        `Metrics not available for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}, age: ${formatGoDuration(BigInt(Math.round(age)) * 1_000_000n)}`,
      );
  }
  throw new Error('metrics not available yet');
}

async function runTopPod(ctx: CommandContext): Promise<void> {
  const { flags, args } = ctx;
  if (args.length > 1) throw new UsageError(ctx.path, 'pod [NAME | -l label]');
  const name = args[0] ?? '';
  const { namespace } = ctx.namespace();
  const labels = flags.string('selector');
  const fields = flags.string('field-selector');
  const sortBy = flags.string('sort-by');
  checkSortBy(sortBy);
  if (name !== '' && (labels !== '' || fields !== ''))
    throw new Error('only one of NAME or selector can be provided');
  await requireMetricsApi(ctx);
  const allNamespaces = flags.bool('all-namespaces');
  const scope = allNamespaces ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  const client = ctx.client();
  const metrics =
    name !== ''
      ? [await client.json<PodMetrics>({ path: `${METRICS}${scope}/pods/${encodeURIComponent(name)}` })]
      : ((
          await client.json<{ items?: PodMetrics[] }>({
            path: `${METRICS}${scope}/pods`,
            query: query(labels, fields),
          })
        ).items ?? []);
  if (metrics.length === 0) {
    await verifyEmptyMetrics(ctx, name, labels, fields);
    ctx.out.stderr(
      allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`,
    );
  }
  ctx.out.stdout(
    printPodMetrics(metrics, {
      containers: flags.bool('containers'),
      withNamespace: allNamespaces,
      noHeaders: flags.bool('no-headers'),
      sortBy,
      sum: flags.bool('sum'),
    }),
  );
}

const SELECTOR = flag.string(
  'selector',
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
  { shorthand: 'l' },
);
const PROTOBUF = flag.bool('use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.', {
  default: true,
});

const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  usage: 'node [NAME | -l label]',
  short: 'Display resource (CPU/memory) usage of nodes',
  long: 'Display resource (CPU/memory) usage of nodes: how much CPU and memory each node uses now, and which share of what it can allocate to pods.',
  example:
    '# Show the usage of every node\nkubectl top node\n\n# Show the usage of one node\nkubectl top node worker-1',
  flags: [
    flag.bool('no-headers', 'If present, print output without headers'),
    SELECTOR,
    flag.bool(
      'show-capacity',
      'Print node resources based on Capacity instead of Allocatable(default) of the nodes.',
    ),
    flag.string('sort-by', `If non-empty, sort nodes list using specified field. ${SORT_BY_USAGE}`),
    PROTOBUF,
  ],
  run: runTopNode,
};

const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  usage: 'pod [NAME | -l label]',
  short: 'Display resource (CPU/memory) usage of pods',
  long: 'Display resource (CPU/memory) usage of pods: what each pod (or each of its containers) uses now. Metrics appear a little while after a pod starts.',
  example:
    '# Show the usage of the pods in the current namespace\nkubectl top pod\n\n# Show the usage of every container of every pod, busiest CPU first\nkubectl top pod -A --containers --sort-by=cpu',
  flags: [
    flag.bool(
      'all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      { shorthand: 'A' },
    ),
    flag.bool('containers', 'If present, print usage of containers within a pod.'),
    flag.string(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    flag.bool('no-headers', 'If present, print output without headers.'),
    SELECTOR,
    flag.string('sort-by', `If non-empty, sort pods list using specified field. ${SORT_BY_USAGE}`),
    flag.bool('sum', 'Print the sum of the resource usage'),
    PROTOBUF,
  ],
  run: runTopPod,
};

export const top: Command = {
  name: 'top',
  usage: 'top [flags]',
  short: 'Display resource (CPU/memory) usage',
  long: `Display resource (CPU/memory) usage.

 The top command shows the resource consumption of nodes or pods, as metrics-server measures it.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  subcommands: [topNode, topPod],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
    ctx.out.stderr(ctx.help());
    throw new ExitError();
  },
};
