/**
 * `kubectl set env TYPE NAME KEY=value KEY-`: sets and removes environment variables of
 * the containers of pod templates (or pods), or lists them with `--list`.
 */
import type { EnvVarSource } from 'kubernetes-types/core/v1';
import type { CommandContext, Command } from './types';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { resourcesAndPairs } from '../mutate/metadata';
import { SELECTOR, podSpecOf, setEach } from '../mutate/pod-template';
import { PRINT_FLAGS } from '../mutate/print';

/** `--containers` matching with kubectl's non-greedy `*` wildcard. */
function matches(name: string, spec: string): boolean {
  if (spec === '*') return true;
  const pattern = spec
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
  return new RegExp(`^${pattern}$`).test(name);
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The variables to set and remove (envutil.ParseEnv). */
function parseEnv(specs: readonly string[]): { set: { name: string; value: string }[]; remove: string[] } {
  const set: { name: string; value: string }[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') throw new Error('reading variables from stdin (-) is not supported by this terminal');
    if (spec.includes('=')) {
      const name = spec.slice(0, spec.indexOf('='));
      if (!ENV_NAME.test(name))
        throw new Error(
          `${JSON.stringify(name)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      set.push({ name, value: spec.slice(spec.indexOf('=') + 1) });
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown environment variable: ${spec}`);
  }
  if (remove.some((r) => set.some((s) => s.name === r)))
    throw new Error('can not both modify and remove the same environment variable in the same command');
  return { set, remove };
}

async function runEnv(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const { resources, pairs } = resourcesAndPairs(ctx.args, 'environment variable');
  const dryRun = dryRunOf(ctx);
  if (flags.bool('local') && dryRun === 'server')
    throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (flags.strings('filename').length === 0 && resources.length < 1)
    throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (flags.bool('list') && flags.string('output') !== '')
    throw new Error('--list and --output may not be specified together');
  if (flags.strings('keys').length > 0 && flags.string('from') === '')
    throw new Error('when specifying --keys, a configmap or secret must be provided with --from');
  for (const unsupported of ['from', 'prefix'])
    if (flags.string(unsupported) !== '')
      throw new Error(`--${unsupported} is not supported by this terminal`);
  const { set, remove } = parseEnv([...flags.strings('env'), ...pairs]);
  const selector = flags.string('containers');
  const list = flags.bool('list');
  await setEach(
    ctx,
    resources,
    'env updated',
    'env',
    (object) => {
      const spec = podSpecOf(object) ?? {};
      const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) =>
        matches(c.name, selector),
      );
      if (containers.length === 0)
        ctx.out.stderr(
          `Warning: ${object.kind}/${object.metadata.name} does not have any containers matching ${JSON.stringify(selector)}\n`,
        );
      for (const c of containers) {
        if (!flags.bool('overwrite'))
          for (const e of set) {
            const current = (c.env ?? []).find((x) => x.name === e.name);
            if (current !== undefined && current.value !== e.value)
              throw new Error(
                `'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`,
              );
          }
        const covered = new Set(remove);
        const env = [];
        for (const e of c.env ?? []) {
          if (covered.has(e.name)) continue;
          const newer = set.find((x) => x.name === e.name);
          if (newer !== undefined) {
            covered.add(e.name);
            env.push(newer);
          } else env.push(e);
        }
        for (const e of set) if (!covered.has(e.name)) env.push(e);
        c.env = env;
        if (list) {
          ctx.out.stdout(`# ${object.kind} ${object.metadata.name}, container ${c.name}\n`);
          for (const e of c.env)
            ctx.out.stdout(
              e.valueFrom === undefined
                ? `${e.name}=${e.value ?? ''}\n`
                : `# ${e.name} from ${describeRef(e.valueFrom)}\n`,
            );
        }
      }
      return [];
    },
    { listOnly: list, dryRun },
  );
}

/** envutil.GetEnvVarRefString. */
function describeRef(from: EnvVarSource): string {
  if (from.configMapKeyRef !== undefined)
    return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef !== undefined)
    return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef !== undefined) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef !== undefined) return `resource field ${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom reference';
}

export const setEnv: Command = {
  name: 'env',
  usage: 'env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
  short: 'Update environment variables on a pod template',
  long: 'Update environment variables on a pod template: KEY=value sets a variable in the selected containers (-c), KEY- removes it, --list prints them.',
  example: `# Set a variable on every container of a deployment
kubectl set env deployment/web STORAGE_DIR=/local

# List the variables of a deployment's containers
kubectl set env deployment/web --list

# Remove a variable
kubectl set env deployment/web STORAGE_DIR-`,
  flags: [
    flag.bool('all', 'If true, select all resources in the namespace of the specified resource types'),
    ...PRINT_FLAGS,
    flag.string(
      'containers',
      'The names of containers in the selected pod templates to change - may use wildcards',
      {
        shorthand: 'c',
        default: '*',
      },
    ),
    DRY_RUN_FLAG,
    flag.stringArray(
      'env',
      'Specify a key-value pair for an environment variable to set into each container.',
      { shorthand: 'e' },
    ),
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-set',
    }),
    ...filenameFlags('Filename, directory, or URL to files the resource to update the env'),
    flag.string('from', 'The name of a resource from which to inject environment variables'),
    flag.stringSlice('keys', 'Comma-separated list of keys to import from specified resource'),
    flag.bool(
      'list',
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
    ),
    flag.bool('local', 'If true, set env will NOT contact api-server but run locally.'),
    flag.bool(
      'overwrite',
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
      {
        default: true,
      },
    ),
    flag.string('prefix', 'Prefix to append to variable names'),
    flag.bool('resolve', 'If true, show secret or configmap references when listing variables'),
    SELECTOR,
  ],
  run: runEnv,
};
