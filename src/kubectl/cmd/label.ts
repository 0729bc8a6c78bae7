/**
 * `kubectl label TYPE NAME key=value key-`: adds, changes and removes labels, refusing to
 * change an existing value without `--overwrite`; `--list` shows an object's labels.
 */
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { metadataFlags, resourcesAndPairs, runMetadataEdit } from '../mutate/metadata';
import { PRINT_FLAGS } from '../mutate/print';
import type { Command, CommandContext } from './types';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.IsValidLabelValue's problems. */
function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value))
    problems.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return problems;
}

/** The labels to set and to remove (parseLabels). */
function parseLabels(specs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new Error(`invalid label spec: ${spec}`);
      const [key = '', value = ''] = parts;
      const problems = labelValueProblems(value);
      if (problems.length > 0)
        throw new Error(`invalid label value: ${JSON.stringify(spec)}: ${problems.join(';')}`);
      set.set(key, value);
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown label spec: ${spec}`);
  }
  if (remove.some((key) => set.has(key)))
    throw new Error('can not both modify and remove a label in the same command');
  return { set, remove };
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const { resources, pairs } = resourcesAndPairs(ctx.args, 'label');
  const { set, remove } = parseLabels(pairs);
  if (flags.bool('list') && flags.string('output') !== '')
    throw new Error('--list and --output may not be specified together');
  if (flags.bool('all') && flags.string('selector') !== '')
    throw new Error('cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector') !== '')
    throw new Error('cannot set --all and --field-selector at the same time');
  const noFiles = flags.strings('filename').length === 0 && flags.string('kustomize') === '';
  if (flags.bool('local')) {
    if (dryRun === 'server')
      throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length > 0)
      throw new Error(
        'can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set',
      );
    if (noFiles) throw new Error('one or more files must be specified as -f pod.yaml or --filename=pod.json');
  } else if (resources.length < 1 && noFiles)
    throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (set.size === 0 && remove.length === 0 && !flags.bool('list'))
    throw new Error('at least one label update is required');
  const overwrite = flags.bool('overwrite');
  await runMetadataEdit(
    ctx,
    {
      field: 'labels',
      noun: 'labels',
      resources,
      reportMissing: remove,
      change(labels) {
        if (!overwrite) {
          const conflicts = [...set]
            .filter(([key, value]) => key in labels && labels[key] !== value)
            .map(
              ([key]) => new Error(`'${key}' already has a value (${labels[key]}), and --overwrite is false`),
            );
          if (conflicts.length > 0)
            throw conflicts.length === 1 ? conflicts[0] : new AggregateError(conflicts);
        }
        for (const [key, value] of set) labels[key] = value;
        for (const key of remove) delete labels[key];
      },
      operation: (changed, shorter) =>
        !changed ? 'not labeled' : !overwrite && shorter ? 'unlabeled' : 'labeled',
      printServerObject: false,
      onePrinter: false,
    },
    dryRun,
  );
}

export const label: Command = {
  name: 'label',
  usage:
    'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  short: 'Update the labels on a resource',
  long: `Update the labels on a resource.

 A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each. Changing a label that already has a value needs --overwrite; key- removes a label. Selectors (of Services, Deployments, kubectl -l) match on labels.`,
  example: `# Label a pod
kubectl label pods web-7d4b9c8f5-x2x7q tier=frontend

# Change a label that is already set
kubectl label pods web-7d4b9c8f5-x2x7q tier=backend --overwrite

# Label every pod in the namespace
kubectl label pods --all status=checked

# Remove a label
kubectl label pods web-7d4b9c8f5-x2x7q tier-`,
  flags: [
    ...metadataFlags('label', 'labels', 'label'),
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to update the labels'),
  ],
  run,
};
