/**
 * The small `kubectl create` generators: namespace, serviceaccount, priorityclass, quota
 * and poddisruptionbudget.
 */
import { canonicalQuantity } from '../../sim/apiserver/conversion/gojson';
import type { KubeObject } from '../../sim/apiserver/types';
import { isQuantityError, parseQuantity } from '../../sim/apiserver/validation/quantity';
import {
  GENERATOR_FLAGS,
  completeGenerator,
  createGenerated,
  namespaceField,
  resourceOf,
} from '../create/generator';
import { flag } from '../flags/flags';
import type { Command, CommandContext } from './types';

const object = (value: object) => value as unknown as KubeObject;

async function runNamespace(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const namespace = object({
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { name: run.name, creationTimestamp: null },
    spec: {},
    status: {},
  });
  await createGenerated(ctx, run, resourceOf('', 'v1', 'namespaces', 'Namespace', false), namespace);
}

async function runServiceAccount(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const account = object({
    kind: 'ServiceAccount',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
  });
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
    account,
    'failed to create serviceaccount: ',
  );
}

async function runPriorityClass(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const description = ctx.flags.string('description');
  const pc = object({
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: { name: run.name, creationTimestamp: null },
    value: ctx.flags.int('value'),
    ...(ctx.flags.bool('global-default') ? { globalDefault: true } : {}),
    ...(description === '' ? {} : { description }),
    preemptionPolicy: ctx.flags.string('preemption-policy'),
  });
  await createGenerated(
    ctx,
    run,
    resourceOf('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
    pc,
    'failed to create priorityclass: ',
  );
}

/** `--hard cpu=1,pods=10` as a ResourceList of canonical quantities. */
function resourceList(spec: string): Record<string, unknown> | undefined {
  if (spec === '') return undefined;
  const list: Record<string, unknown> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2)
      throw new Error(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const [name = '', value = ''] = parts;
    const parsed = parseQuantity(value);
    if (isQuantityError(parsed)) throw new Error(parsed.error);
    list[name] = canonicalQuantity(value);
  }
  return list;
}

async function runQuota(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const hard = resourceList(ctx.flags.string('hard'));
  const scopesFlag = ctx.flags.string('scopes');
  const scopes = scopesFlag === '' ? [] : scopesFlag.split(',');
  if (scopes.includes('')) throw new Error('invalid resource quota scope ""');
  const quota = object({
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    spec: { ...(hard === undefined ? {} : { hard }), ...(scopes.length > 0 ? { scopes } : {}) },
    status: {},
  });
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'resourcequotas', 'ResourceQuota', true),
    quota,
    'failed to create quota: ',
  );
}

/** metav1.ParseToLabelSelector for the equality selectors `create pdb` takes. */
function labelSelector(text: string): Record<string, unknown> {
  const matchLabels: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [key = '', value = ''] = part.split(/==?/);
    matchLabels[key.trim()] = value.trim();
  }
  return { matchLabels };
}

/** intstr.Parse: a number when the text is one, else the text. */
const intOrString = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);

async function runPdb(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const selector = ctx.flags.string('selector');
  const min = ctx.flags.string('min-available');
  const max = ctx.flags.string('max-unavailable');
  if (selector === '') throw new Error('a selector must be specified');
  if (min === '' && max === '') throw new Error('one of min-available or max-unavailable must be specified');
  if (min !== '' && max !== '') throw new Error('min-available and max-unavailable cannot be both specified');
  if (min !== '' && !/^[0-9]+%?$/.test(min)) throw new Error('invalid format specified for min-available');
  if (max !== '' && !/^[0-9]+%?$/.test(max)) throw new Error('invalid format specified for max-unavailable');
  const pdb = object({
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    spec: {
      ...(min === '' ? {} : { minAvailable: intOrString(min) }),
      selector: labelSelector(selector),
      ...(max === '' ? {} : { maxUnavailable: intOrString(max) }),
    },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  });
  await createGenerated(
    ctx,
    run,
    resourceOf('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true),
    pdb,
    'failed to create poddisruptionbudgets: ',
  );
}

export const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  usage: 'namespace NAME [--dry-run=server|client|none]',
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  example: '# Create a namespace for the team\nkubectl create namespace team-a',
  flags: GENERATOR_FLAGS,
  run: runNamespace,
};

export const createServiceAccount: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  usage: 'serviceaccount NAME [--dry-run=server|client|none]',
  short: 'Create a service account with the specified name',
  long: 'Create a service account with the specified name.',
  example: '# Create a service account for a CI job\nkubectl create serviceaccount ci',
  flags: GENERATOR_FLAGS,
  run: runServiceAccount,
};

export const createPriorityClass: Command = {
  name: 'priorityclass',
  aliases: ['pc'],
  usage: 'priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]',
  short: 'Create a priority class with the specified name',
  long: 'Create a priority class with the specified name, value, globalDefault and description.',
  example:
    '# A priority class for important pods\nkubectl create priorityclass high --value=1000 --description="important pods"',
  flags: [
    ...GENERATOR_FLAGS,
    flag.string(
      'description',
      'description is an arbitrary string that usually provides guidelines on when this priority class should be used.',
    ),
    flag.bool(
      'global-default',
      'global-default specifies whether this PriorityClass should be considered as the default priority.',
    ),
    flag.string(
      'preemption-policy',
      'preemption-policy is the policy for preempting pods with lower priority.',
      {
        default: 'PreemptLowerPriority',
      },
    ),
    flag.int('value', 'the value of this priority class.'),
  ],
  run: runPriorityClass,
};

export const createQuota: Command = {
  name: 'quota',
  aliases: ['resourcequota'],
  usage:
    'quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]',
  short: 'Create a quota with the specified name',
  long: 'Create a resource quota with the specified name, hard limits, and optional scopes.',
  example:
    '# Limit the namespace to 10 pods and 2 CPUs of requests\nkubectl create quota small --hard=pods=10,requests.cpu=2',
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('hard', 'A comma-delimited set of resource=quantity pairs that define a hard limit.'),
    flag.string(
      'scopes',
      'A comma-delimited set of quota scopes that must all match each object tracked by the quota.',
    ),
  ],
  run: runQuota,
};

export const createPdb: Command = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  usage: 'poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]',
  short: 'Create a pod disruption budget with the specified name',
  long: 'Create a pod disruption budget with the specified name, selector, and desired minimum available pods.',
  example:
    '# Keep at least one web pod through voluntary disruptions\nkubectl create pdb web --selector=app=web --min-available=1',
  flags: [
    ...GENERATOR_FLAGS,
    flag.string(
      'max-unavailable',
      'The maximum number or percentage of unavailable pods this budget requires.',
    ),
    flag.string('min-available', 'The minimum number or percentage of available pods this budget requires.'),
    flag.string(
      'selector',
      'A label selector to use for this budget. Only equality-based selector requirements are supported.',
    ),
  ],
  run: runPdb,
};
