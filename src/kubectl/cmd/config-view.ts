/**
 * `kubectl config view`: the session's kubeconfig as kubectl prints a kubeconfig file
 * (YAML by default), secrets redacted unless `--raw`, reduced to the current context with
 * `--minify`.
 */
import { UsageError } from '../errors';
import { flag } from '../flags/flags';
import { parseOutput, printObjects } from '../io/print';
import type { KubeObject } from '../../sim/apiserver/types';
import type { KubeconfigData, NamedCluster, NamedContext, NamedUser } from '../kubeconfig';
import type { Command } from './types';

/** The formats kubectl's generic printer flags offer (config view has no table or custom columns). */
const FORMATS = [
  'json',
  'yaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
];

/** Go's json.MarshalIndent with 4 spaces, keys in the order given (`<`, `>`, `&` escaped). */
const goIndentedJson = (value: unknown): string =>
  JSON.stringify(value, null, 4).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Secrets and certificate data as `kubectl config view` shows them without `--raw`. */
function redactUser(user: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...user };
  for (const key of ['token', 'password']) if (out[key]) out[key] = 'REDACTED';
  for (const key of ['client-certificate-data', 'client-key-data']) if (out[key]) out[key] = 'DATA+OMITTED';
  return out;
}

function redactCluster(cluster: NamedCluster['cluster']): NamedCluster['cluster'] {
  const data = cluster['certificate-authority-data'];
  return data ? { ...cluster, 'certificate-authority-data': 'DATA+OMITTED' } : cluster;
}

/** The kubeconfig as the v1 Config type serializes it: fields in struct order, lists by name. */
function serialize(data: KubeconfigData, raw: boolean): Record<string, unknown> {
  const context = (c: NamedContext) => ({
    name: c.name,
    context: {
      cluster: c.context.cluster ?? '',
      user: c.context.user ?? '',
      ...(c.context.namespace ? { namespace: c.context.namespace } : {}),
    },
  });
  const cluster = (c: NamedCluster) => ({
    name: c.name,
    cluster: { server: '', ...(raw ? c.cluster : redactCluster(c.cluster)) },
  });
  const user = (u: NamedUser) => ({ name: u.name, user: raw ? u.user : redactUser(u.user) });
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: data.preferences,
    clusters: byName(data.clusters).map(cluster),
    users: byName(data.users).map(user),
    contexts: byName(data.contexts).map(context),
    'current-context': data['current-context'],
  };
}

/** Only the current context, its cluster and its user (clientcmdapi.MinifyConfig). */
function minify(data: KubeconfigData, contextName: string): KubeconfigData {
  if (contextName === '') throw new Error('current-context must exist in order to minify');
  const context = data.contexts.find((c) => c.name === contextName);
  if (context === undefined) throw new Error(`cannot locate context ${contextName}`);
  const cluster = data.clusters.find((c) => c.name === context.context.cluster);
  if (cluster === undefined) throw new Error(`cannot locate cluster ${context.context.cluster ?? ''}`);
  const user = data.users.find((u) => u.name === context.context.user);
  if (user === undefined) throw new Error(`cannot locate user ${context.context.user ?? ''}`);
  return { ...data, 'current-context': contextName, contexts: [context], clusters: [cluster], users: [user] };
}

export const view: Command = {
  name: 'view',
  usage: 'view [flags]',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display the kubeconfig settings of this session.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  example:
    "# Show the kubeconfig settings\nkubectl config view\n\n# Show them with secrets and certificate data\nkubectl config view --raw\n\n# Get the current context's namespace\nkubectl config view --minify -o jsonpath='{.contexts[0].context.namespace}'",
  flags: [
    flag.bool(
      'flatten',
      'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)',
    ),
    flag.bool('merge', 'Merge the full hierarchy of kubeconfig files', { default: true }),
    flag.bool('minify', 'Remove all information not used by current-context from the output'),
    flag.string('output', `Output format. One of: (${FORMATS.join(', ')}).`, {
      shorthand: 'o',
      default: 'yaml',
    }),
    flag.bool('raw', 'Display raw byte data and sensitive data'),
  ],
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`);
    if (!ctx.flags.bool('merge')) throw new Error('if merge==false a precise file must be specified');
    let data = ctx.kubeconfig.data;
    if (ctx.flags.bool('minify')) data = minify(data, ctx.flags.string('context') || data['current-context']);
    const raw = ctx.flags.bool('raw') || ctx.flags.bool('flatten');
    const output = ctx.flags.string('output');
    const config = serialize(data, raw);
    // A kubeconfig is a typed object: its JSON keeps the Config type's field order.
    if (output === 'json') return void ctx.out.stdout(`${goIndentedJson(config)}\n`);
    const format = FORMATS.includes(output.split('=')[0] ?? '') ? parseOutput(output) : undefined;
    if (format === undefined || format.kind === 'table' || format.kind === 'custom-columns')
      throw new Error(
        `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${[...FORMATS].sort().join(',')}`,
      );
    printObjects(format, [config as unknown as KubeObject], { singleItem: true }, ctx.out);
  },
};
