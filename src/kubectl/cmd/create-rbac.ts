/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding NAME`: RBAC objects from
 * flags. Roles get one rule per API group of the `--resource`s (resolved through the
 * RESTMapper, so `deploy` means `deployments` in `apps`); bindings get their subjects from
 * `--user`, `--group` and `--serviceaccount`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { NON_RESOURCE_VERBS, resourcesOf, rulesOf, validateResources, verbsOf } from '../create/rbac';
import {
  GENERATOR_FLAGS,
  completeGenerator,
  createGenerated,
  namespaceField,
  resourceOf,
} from '../create/generator';
import { flag } from '../flags/flags';
import type { Command, CommandContext } from './types';

const RBAC = 'rbac.authorization.k8s.io';
async function runRole(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const verbs = verbsOf(ctx);
  const resources = resourcesOf(ctx);
  if (verbs.length === 0) throw new Error('at least one verb must be specified');
  if (resources.length === 0) throw new Error('at least one resource must be specified');
  await validateResources(ctx, verbs, resources);
  const object = {
    kind: 'Role',
    apiVersion: `${RBAC}/v1`,
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    rules: await rulesOf(ctx, verbs, resources, []),
  } as unknown as KubeObject;
  await createGenerated(ctx, run, resourceOf(RBAC, 'v1', 'roles', 'Role', true), object);
}

async function runClusterRole(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  if (ctx.flags.string('aggregation-rule') !== '')
    throw new Error('--aggregation-rule is not supported by this terminal');
  const verbs = verbsOf(ctx);
  const resources = resourcesOf(ctx);
  const urls = ctx.flags.strings('non-resource-url');
  if (verbs.length === 0) throw new Error('at least one verb must be specified');
  if (resources.length === 0 && urls.length === 0)
    throw new Error('one of resource or nonResourceURL must be specified');
  if (resources.length > 0) await validateResources(ctx, verbs, resources);
  for (const v of urls.length > 0 ? verbs : [])
    if (!NON_RESOURCE_VERBS.includes(v)) throw new Error(`invalid verb: '${v}' for nonResourceURL`);
  for (const url of urls) {
    if (url === '*') continue;
    if (!url.startsWith('/')) throw new Error('nonResourceURL should start with /');
    if (url.slice(0, -1).includes('*'))
      throw new Error("nonResourceURL only supports wildcard matches when '*' is at the end");
  }
  const object = {
    kind: 'ClusterRole',
    apiVersion: `${RBAC}/v1`,
    metadata: { name: run.name, creationTimestamp: null },
    rules: await rulesOf(ctx, verbs, resources, urls),
  } as unknown as KubeObject;
  await createGenerated(ctx, run, resourceOf(RBAC, 'v1', 'clusterroles', 'ClusterRole', false), object);
}

/** The subjects of a binding: users, groups, then service accounts. */
function subjectsOf(ctx: CommandContext): object[] {
  const subjects: object[] = [
    ...ctx.flags.strings('user').map((name) => ({ kind: 'User', apiGroup: RBAC, name })),
    ...ctx.flags.strings('group').map((name) => ({ kind: 'Group', apiGroup: RBAC, name })),
  ];
  for (const sa of ctx.flags.strings('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '')
      throw new Error('serviceaccount must be <namespace>:<name>');
    subjects.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return subjects;
}

async function runBinding(ctx: CommandContext, cluster: boolean): Promise<void> {
  const run = completeGenerator(ctx);
  const role = cluster ? '' : ctx.flags.string('role');
  const clusterRole = ctx.flags.string('clusterrole');
  if (cluster ? clusterRole === '' : (clusterRole === '') === (role === ''))
    throw new Error(
      cluster ? 'clusterrole must be specified' : 'exactly one of clusterrole or role must be specified',
    );
  const kind = cluster ? 'ClusterRoleBinding' : 'RoleBinding';
  const subjects = subjectsOf(ctx);
  const object = {
    kind,
    apiVersion: `${RBAC}/v1`,
    metadata: { name: run.name, ...(cluster ? {} : namespaceField(run)), creationTimestamp: null },
    ...(subjects.length > 0 ? { subjects } : {}),
    roleRef: {
      apiGroup: RBAC,
      kind: role === '' ? 'ClusterRole' : 'Role',
      name: role === '' ? clusterRole : role,
    },
  } as unknown as KubeObject;
  const plural = cluster ? 'clusterrolebindings' : 'rolebindings';
  await createGenerated(
    ctx,
    run,
    resourceOf(RBAC, 'v1', plural, kind, !cluster),
    object,
    `failed to create ${kind.toLowerCase()}: `,
  );
}

const ROLE_FLAGS = [
  flag.stringSlice('resource', 'Resource that the rule applies to'),
  flag.stringArray(
    'resource-name',
    'Resource in the white list that the rule applies to, repeat this flag for multiple items',
  ),
  flag.stringSlice('verb', 'Verb that applies to the resources contained in the rule'),
];

const bindingFlags = (target: string) => [
  flag.stringArray(
    'group',
    `Groups to bind to the ${target}. The flag can be repeated to add multiple groups.`,
  ),
  flag.stringArray(
    'serviceaccount',
    `Service accounts to bind to the ${target}, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.`,
  ),
  flag.stringArray(
    'user',
    `Usernames to bind to the ${target}. The flag can be repeated to add multiple users.`,
  ),
];

export const createRole: Command = {
  name: 'role',
  usage:
    'role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]',
  short: 'Create a role with single rule',
  long: 'Create a role with single rule: the verbs on the resources (and, optionally, only the named objects) in this namespace.',
  example: `# Let a role read pods and deployments
kubectl create role reader --verb=get,list,watch --resource=pods,deployments.apps`,
  flags: [...GENERATOR_FLAGS, ...ROLE_FLAGS],
  run: runRole,
};

export const createClusterRole: Command = {
  name: 'clusterrole',
  usage:
    'clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]',
  short: 'Create a cluster role',
  long: 'Create a cluster role: rules on resources in every namespace, cluster-scoped resources, or non-resource URLs.',
  example: `# Let a cluster role read nodes and the health endpoint
kubectl create clusterrole node-reader --verb=get,list --resource=nodes
kubectl create clusterrole health --verb=get --non-resource-url=/healthz`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('aggregation-rule', 'An aggregation label selector for combining ClusterRoles.'),
    flag.stringArray('non-resource-url', 'A partial url that user should have access to.'),
    ...ROLE_FLAGS,
  ],
  run: runClusterRole,
};

export const createRoleBinding: Command = {
  name: 'rolebinding',
  usage:
    'rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
  short: 'Create a role binding for a particular role or cluster role',
  long: 'Create a role binding for a particular role or cluster role, granting it in this namespace to users, groups and service accounts.',
  example: `# Let user bob read what the reader role allows
kubectl create rolebinding bob-reads --role=reader --user=bob`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('clusterrole', 'ClusterRole this RoleBinding should reference'),
    flag.string('role', 'Role this RoleBinding should reference'),
    ...bindingFlags('role'),
  ],
  run: (ctx) => runBinding(ctx, false),
};

export const createClusterRoleBinding: Command = {
  name: 'clusterrolebinding',
  usage:
    'clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
  short: 'Create a cluster role binding for a particular cluster role',
  long: 'Create a cluster role binding for a particular cluster role, granting it everywhere to users, groups and service accounts.',
  example: `# Let user alice read nodes everywhere
kubectl create clusterrolebinding alice-nodes --clusterrole=node-reader --user=alice`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('clusterrole', 'ClusterRole this ClusterRoleBinding should reference'),
    ...bindingFlags('clusterrole'),
  ],
  requiredFlags: ['clusterrole'],
  run: (ctx) => runBinding(ctx, true),
};
