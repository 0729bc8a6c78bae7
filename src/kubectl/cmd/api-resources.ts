/**
 * `kubectl api-resources`: the resources discovery lists (each group's preferred version,
 * plus resources only found in other versions), filtered by group, scope, verbs and
 * categories, sorted by group then name (or by name or kind), as a table.
 */
import type { ApiResource, DiscoveryDocument } from '../client/discovery';
import { UsageError } from '../errors';
import { flag } from '../flags/flags';
import { TabWriter } from '../printers/tabwriter';
import type { Command } from './types';

/** client-go's ServerPreferredResources: one entry per group and resource, preferred version first. */
function preferredResources(doc: DiscoveryDocument): ApiResource[] {
  const chosen = new Map<string, ApiResource>();
  for (const group of doc.groups)
    for (const version of group.versions)
      for (const r of doc.resources.filter((x) => x.group === group.name && x.version === version)) {
        const key = `${r.group}/${r.name}`;
        if (!chosen.has(key) || version === group.preferredVersion) chosen.set(key, r);
      }
  return [...chosen.values()];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const EXAMPLE = `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`;

export const apiResources: Command = {
  name: 'api-resources',
  usage: 'api-resources [flags]',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  example: EXAMPLE,
  flags: [
    flag.bool(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
    flag.string('output', 'Output format. One of: (wide, name).', { shorthand: 'o' }),
    flag.string('api-group', 'Limit to resources in the specified API group.'),
    flag.bool(
      'namespaced',
      'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
      { default: true },
    ),
    flag.stringSlice('verbs', 'Limit to resources that support the specified verbs.'),
    flag.string(
      'sort-by',
      "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    ),
    flag.bool('cached', 'Use the cached list of resources if available.'),
    flag.stringSlice('categories', 'Limit to resources that belong to the specified categories.'),
  ],
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`);
    const discovery = ctx.discovery();
    const output = ctx.flags.string('output');
    const sortBy = ctx.flags.string('sort-by');
    if (!['', 'wide', 'name'].includes(output)) throw new Error(`--output ${output} is not available`);
    if (!['', 'name', 'kind'].includes(sortBy)) throw new Error('--sort-by accepts only name or kind');
    const doc = ctx.flags.bool('cached') ? await discovery.document() : await discovery.refresh();
    const group = ctx.flags.changed('api-group') ? ctx.flags.string('api-group') : undefined;
    const namespaced = ctx.flags.changed('namespaced') ? ctx.flags.bool('namespaced') : undefined;
    const verbs = ctx.flags.strings('verbs');
    const categories = ctx.flags.strings('categories');
    const resources = preferredResources(doc).filter(
      (r) =>
        r.verbs.length > 0 &&
        (group === undefined || r.group === group) &&
        (namespaced === undefined || r.namespaced === namespaced) &&
        verbs.every((v) => r.verbs.includes(v)) &&
        categories.every((c) => r.categories.includes(c)),
    );
    const key = (r: ApiResource) => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : r.group);
    resources.sort((a, b) => compare(key(a), key(b)) || compare(a.name, b.name));
    const w = new TabWriter();
    if (!ctx.flags.bool('no-headers') && output !== 'name')
      w.write(
        `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${output === 'wide' ? '\tVERBS\tCATEGORIES' : ''}\n`,
      );
    for (const r of resources) {
      const apiVersion = r.group === '' ? r.version : `${r.group}/${r.version}`;
      const cells = [r.name, r.shortNames.join(','), apiVersion, String(r.namespaced), r.kind];
      if (output === 'wide') cells.push(r.verbs.join(','), r.categories.join(','));
      w.write(
        output === 'name' ? `${r.group === '' ? r.name : `${r.name}.${r.group}`}\n` : `${cells.join('\t')}\n`,
      );
    }
    ctx.out.stdout(w.flush());
  },
};
