/**
 * `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`: asks the apiserver with a
 * SelfSubjectAccessReview and prints `yes` (exit 0) or `no` (exit 1); with `--list`, a
 * SelfSubjectRulesReview printed as kubectl tabulates rules.
 */
import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import type { Mapping } from '../client/restmapper';
import { breakdown, compact, resourceWithGroup, ruleString } from '../describe/rbac';
import { goList } from '../describe/format';
import { ExitError } from '../errors';
import { flag } from '../flags/flags';
import { tabwrite } from '../printers';
import type { Command, CommandContext } from './types';

const RESOURCE_VERBS = new Set(
  'get list watch create update patch delete deletecollection use bind impersonate * approve sign escalate attest'.split(
    ' ',
  ),
);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
const NON_STANDARD_RESOURCES = new Set(['users', 'groups']);

const warn = (ctx: CommandContext, message: string) => ctx.out.stderr(`Warning: ${message}\n`);

/** The resource a TYPE argument names (resourceFor), or its text when the server has no such type. */
async function resourceFor(
  ctx: CommandContext,
  arg: string,
): Promise<{ group: string; resource: string; mapping?: Mapping }> {
  if (arg === '*') return { group: '', resource: arg };
  const lower = arg.toLowerCase();
  try {
    const mapping = await ctx.mapper().mappingFor(lower);
    return { group: mapping.group, resource: mapping.name, mapping };
  } catch {
    const dot = lower.indexOf('.');
    const [resource, group] = dot < 0 ? [lower, ''] : [lower.slice(0, dot), lower.slice(dot + 1)];
    const full = group === '' ? resource : `${resource}.${group}`;
    if (!NON_STANDARD_RESOURCES.has(full))
      warn(
        ctx,
        group === ''
          ? `the server doesn't have a resource type '${resource}'\n`
          : `the server doesn't have a resource type '${resource}' in group '${group}'\n`,
      );
    return { group: '', resource: arg };
  }
}

async function runList(ctx: CommandContext, namespace: string): Promise<void> {
  type Status = {
    resourceRules?: PolicyRule[];
    nonResourceRules?: { verbs: string[]; nonResourceURLs?: string[] }[];
    incomplete?: boolean;
    evaluationError?: string;
  };
  const review = await ctx.client().json<{ status?: Status }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { namespace },
    }),
  });
  const status = review.status ?? {};
  if (status.incomplete === true) warn(ctx, `the list may be incomplete: ${status.evaluationError ?? ''}`);
  const rules: PolicyRule[] = [
    ...(status.resourceRules ?? []),
    ...(status.nonResourceRules ?? []).map((r) => ({
      verbs: r.verbs,
      nonResourceURLs: r.nonResourceURLs ?? [],
    })),
  ];
  const keyed = compact(rules.flatMap(breakdown)).map((rule) => ({ rule, key: ruleString(rule) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let text = ctx.flags.bool('no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const { rule: r } of keyed)
    text += `${resourceWithGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  ctx.out.stdout(tabwrite(text));
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags, args } = ctx;
  const list = flags.bool('list');
  const quiet = flags.bool('quiet');
  const allNamespaces = flags.bool('all-namespaces');
  const subresource = flags.string('subresource');
  let verb = '';
  let url = '';
  let target: Awaited<ReturnType<typeof resourceFor>> = { group: '', resource: '' };
  let name = '';
  if (list) {
    if (args.length !== 0) throw new Error('list option must be specified with no arguments');
  } else if (args.length === 2) {
    verb = args[0] ?? '';
    const what = args[1] ?? '';
    if (what.startsWith('/')) url = what;
    else {
      const slash = what.indexOf('/');
      target = await resourceFor(ctx, slash < 0 ? what : what.slice(0, slash));
      if (slash >= 0) name = what.slice(slash + 1);
    }
  } else
    throw new Error(
      "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    );
  const namespace = allNamespaces ? '' : ctx.namespace().namespace;
  if (list) {
    if (quiet || allNamespaces || subresource !== '')
      throw new Error(
        "list option can't be specified with neither quiet, all-namespaces nor subresource options",
      );
    return runList(ctx, namespace);
  }
  if (url !== '') {
    if (subresource !== '') throw new Error('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb\n`);
  } else if (target.resource !== '' && !allNamespaces) {
    if (target.mapping !== undefined && !target.mapping.namespaced)
      warn(
        ctx,
        target.group === ''
          ? `resource '${target.resource}' is not namespace scoped\n`
          : `resource '${target.resource}' is not namespace scoped in group '${target.group}'\n`,
      );
    if (!RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb\n`);
  }
  if (flags.bool('no-headers')) throw new Error('--no-headers cannot be set without --list specified');
  const spec =
    url !== ''
      ? { nonResourceAttributes: { path: url, verb } }
      : {
          resourceAttributes: {
            namespace,
            verb,
            group: target.group,
            resource: target.resource,
            subresource,
            name,
          },
        };
  const review = await ctx
    .client()
    .json<{ status?: { allowed?: boolean; reason?: string; evaluationError?: string } }>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec,
      }),
    });
  const status = review.status ?? {};
  if (status.allowed === true) {
    if (!quiet) ctx.out.stdout('yes\n');
    return;
  }
  if (!quiet) {
    const reason = status.reason ? ` - ${status.reason}` : '';
    const evaluation = status.evaluationError ? ` - ${status.evaluationError}` : '';
    ctx.out.stdout(`no${reason}${evaluation}\n`);
  }
  throw new ExitError(1);
}

export const canI: Command = {
  name: 'can-i',
  usage: 'can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]',
  short: 'Check whether an action is allowed',
  long: `Check whether an action is allowed.

 VERB is an API verb such as get, list, watch or delete. TYPE is a resource type (short names and groups work too), NONRESOURCEURL a path that starts with "/", NAME the name of one object. Combine it with --as to ask on someone else's behalf.`,
  example: `# Can I create pods in every namespace?
kubectl auth can-i create pods --all-namespaces

# Can I list deployments in my current namespace?
kubectl auth can-i list deployments.apps

# Can I read the logs of pods?
kubectl auth can-i get pods --subresource=log

# Can the service account default:builder list pods in the namespace prod?
kubectl auth can-i list pods --as=system:serviceaccount:default:builder -n prod

# What may I do in the namespace kube-system?
kubectl auth can-i --list --namespace=kube-system`,
  flags: [
    flag.bool('all-namespaces', 'If true, check the specified action in all namespaces.', { shorthand: 'A' }),
    flag.bool('list', 'If true, prints all allowed actions.'),
    flag.bool('no-headers', 'If true, prints allowed actions without headers'),
    flag.bool('quiet', 'If true, suppress output and just return the exit code.', { shorthand: 'q' }),
    flag.string('subresource', 'SubResource such as pod/log or deployment/scale'),
  ],
  run,
};
