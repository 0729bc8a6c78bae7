/**
 * The rules of `kubectl create role` and `create clusterrole`: verbs, resources resolved
 * through the RESTMapper (`deploy` is `deployments` in `apps`), and kubectl's checks of
 * verbs that only apply to some resources.
 */
import type { CommandContext } from '../cmd/types';
import { PlainError } from '../errors';

const RBAC = 'rbac.authorization.k8s.io';
/** The verbs kubectl knows for resources (others get a warning). */
const RESOURCE_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];
/** The verbs a non-resource URL rule may have. */
export const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only make sense on some resources. */
const SPECIAL_VERBS: Readonly<Record<string, readonly string[]>> = {
  use: ['policy/podsecuritypolicies'],
  bind: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  escalate: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  impersonate: [
    '/users',
    '/serviceaccounts',
    '/groups',
    'authentication.k8s.io/userextras',
    'authentication.k8s.io/uids',
  ],
};

const unique = (values: readonly string[]) => [...new Set(values)];

/** One `--resource`: resource, group and subresource. */
export interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

/** `--verb`s: deduplicated, `*` alone when present. */
export function verbsOf(ctx: CommandContext): string[] {
  const verbs = ctx.flags.strings('verb');
  return verbs.includes('*') ? ['*'] : unique(verbs);
}

/** `--resource`s: `resource[.group][/subresource]`; a bare `*` stands alone. */
export function resourcesOf(ctx: CommandContext): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of ctx.flags.strings('resource')) {
    const [main = '', subresource = ''] = r.split(/\/(.*)/s);
    const dot = main.indexOf('.');
    const option = {
      resource: dot < 0 ? main : main.slice(0, dot),
      group: dot < 0 ? '' : main.slice(dot + 1),
      subresource,
    };
    if (option.resource === '*' && dot < 0 && !r.includes('/')) return [option];
    out.push(option);
  }
  return out;
}

/** The resource and group the mapper resolves an option to (as typed when it cannot). */
async function resolve(ctx: CommandContext, r: ResourceOption) {
  try {
    const mapping = await ctx.mapper().mappingFor(r.group === '' ? r.resource : `${r.resource}.${r.group}`);
    return { resource: mapping.name, group: mapping.group, found: true };
  } catch {
    return { resource: r.resource, group: r.group, found: false };
  }
}

export async function validateResources(ctx: CommandContext, verbs: string[], resources: ResourceOption[]) {
  for (const v of verbs)
    if (!RESOURCE_VERBS.includes(v)) ctx.out.stderr(`Warning: '${v}' is not a standard resource verb\n`);
  for (const r of resources) {
    if (r.resource === '') throw new Error('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const resolved = await resolve(ctx, r);
    let special = false;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (allowed === undefined) continue;
      if (!allowed.includes(`${resolved.group}/${resolved.resource}`))
        throw new Error(`can not perform '${v}' on '${resolved.resource}' in group '${resolved.group}'`);
      special = true;
    }
    if (!resolved.found && !special)
      throw new PlainError(
        `the server doesn't have a resource type ${JSON.stringify(r.resource)}${r.group === '' ? '' : ` in group ${JSON.stringify(r.group)}`}`,
      );
  }
}

/** The rules: one per API group (sorted), then one for the non-resource URLs. */
export async function rulesOf(
  ctx: CommandContext,
  verbs: string[],
  resources: ResourceOption[],
  urls: readonly string[],
) {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const resolved = r.resource === '*' ? r : await resolve(ctx, r);
    const name = r.subresource === '' ? resolved.resource : `${resolved.resource}/${r.subresource}`;
    const list = byGroup.get(resolved.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(resolved.group, list);
  }
  const names = unique(ctx.flags.strings('resource-name'));
  const rules: object[] = [...byGroup.keys()].sort().map((group) => ({
    verbs,
    apiGroups: [group],
    resources: byGroup.get(group),
    ...(names.length > 0 ? { resourceNames: names } : {}),
  }));
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}
