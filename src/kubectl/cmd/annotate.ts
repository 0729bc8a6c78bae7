/**
 * `kubectl annotate TYPE NAME key=value key-`: adds, changes and removes annotations,
 * refusing to change an existing value without `--overwrite`; `--list` shows them.
 */
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { metadataFlags, resourcesAndPairs, runMetadataEdit } from '../mutate/metadata';
import { PRINT_FLAGS } from '../mutate/print';
import type { Command, CommandContext } from './types';

/** The annotation kubectl lets change without --overwrite. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The annotations to set and to remove (cmdutil.ParsePairs). */
function parsePairs(args: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const arg of args) {
    if (arg.includes('=') && !arg.startsWith('=')) {
      const eq = arg.indexOf('=');
      set.set(arg.slice(0, eq), arg.slice(eq + 1));
    } else if (arg.endsWith('-') && arg !== '-') remove.push(arg.slice(0, -1));
    else invalid.push(arg);
  }
  if (invalid.length > 0) throw new Error(`invalid annotation format: ${invalid.join(', ')}`);
  return { set, remove };
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const { resources, pairs } = resourcesAndPairs(ctx.args, 'annotation');
  const { set, remove } = parsePairs(pairs);
  if (flags.bool('list') && flags.string('output') !== '')
    throw new Error('--list and --output may not be specified together');
  if (flags.bool('all') && flags.string('selector') !== '')
    throw new Error('cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector') !== '')
    throw new Error('cannot set --all and --field-selector at the same time');
  const noFiles = flags.strings('filename').length === 0 && flags.string('kustomize') === '';
  if (!flags.bool('local')) {
    if (resources.length < 1 && noFiles)
      throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  } else {
    if (dryRun === 'server')
      throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length > 0)
      throw new Error(
        'can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set',
      );
    if (noFiles)
      throw new Error('one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json');
  }
  if (set.size === 0 && remove.length === 0 && !flags.bool('list'))
    throw new Error('at least one annotation update is required');
  const both = remove.filter((key) => set.has(key));
  if (both.length > 0)
    throw new Error(
      `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  const overwrite = flags.bool('overwrite');
  await runMetadataEdit(
    ctx,
    {
      field: 'annotations',
      noun: 'annotations',
      resources,
      change(annotations) {
        if (!overwrite) {
          const conflicts = [...set]
            .filter(
              ([key, value]) => key !== CHANGE_CAUSE && key in annotations && annotations[key] !== value,
            )
            .map(([key]) => `'${key}' already has a value (${annotations[key]})`);
          if (conflicts.length > 0)
            throw new Error(
              `--overwrite is false but found the following declared annotation(s): ${conflicts.join('; ')}`,
            );
        }
        for (const [key, value] of set) annotations[key] = value;
        for (const key of remove) delete annotations[key];
      },
      operation: () => 'annotated',
      printServerObject: true,
      onePrinter: true,
    },
    dryRun,
  );
}

export const annotate: Command = {
  name: 'annotate',
  usage:
    'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  short: 'Update the annotations on a resource',
  long: `Update the annotations on one or more resources.

 Annotations are key/value pairs that can hold larger, non-identifying data than labels (tools and controllers keep notes in them). Changing an annotation that already has a value needs --overwrite; key- removes one.`,
  example: `# Note who owns a deployment
kubectl annotate deployment web owner=team-a

# Change it
kubectl annotate deployment web owner=team-b --overwrite

# Remove it
kubectl annotate deployment web owner-`,
  flags: [
    ...metadataFlags('annotate', 'annotations', 'annotation'),
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    ...filenameFlags(
      'Filename, directory, or URL to files identifying the resource to update the annotation',
    ),
  ],
  run,
};
