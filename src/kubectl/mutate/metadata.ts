/**
 * What `kubectl label` and `kubectl annotate` share: `TYPE NAME key=value key-` arguments,
 * the flags, and the run: each object is fetched, changed locally, and sent back as the
 * JSON merge patch between the two (or only printed with `--local`, `--dry-run=client`),
 * then listed (`--list`) or printed (`pod/web labeled`).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { createMergePatch } from '../apply/mergepatch';
import type { JsonMap } from '../apply/strategic';
import type { CommandContext } from '../cmd/types';
import { flag, type FlagSpec } from '../flags/flags';
import { readObjects } from '../input/objects';
import { findTargets, type Target } from '../resource/targets';
import { goJson } from '../printers/gofmt';
import { withDryRun, type DryRun } from './dry-run';
import { objectPrinter, type ObjectPrinter } from './print';
import { patchObject } from './requests';

/** Splits arguments into resources and `key=value` / `key-` pairs (cmdutil.GetResourcesAndPairs). */
export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const pair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (pair) pairs.push(arg);
    else if (pairs.length === 0) resources.push(arg);
    else throw new Error(`all resources must be specified before ${pairType} changes: ${arg}`);
  }
  return { resources, pairs };
}

/** The flags label and annotate share; `noun` is `labels` or `annotations`. */
export function metadataFlags(command: 'label' | 'annotate', noun: string, singular: string): FlagSpec[] {
  const dot = command === 'annotate' ? '.' : '';
  return [
    flag.bool('all', `Select all resources, in the namespace of the specified resource types${dot}`),
    flag.bool('all-namespaces', 'If true, check the specified action in all namespaces.', { shorthand: 'A' }),
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: `kubectl-${command}`,
    }),
    flag.string(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    flag.bool('list', `If true, display the ${noun} for a given resource.`),
    flag.bool('local', `If true, ${singular} will NOT contact api-server but run locally.`),
    flag.bool(
      'overwrite',
      `If true, allow ${noun} to be overwritten, otherwise reject ${singular} updates that overwrite existing ${noun}.`,
    ),
    flag.string(
      'resource-version',
      `If non-empty, the ${command === 'label' ? 'labels' : 'annotation'} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.`,
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
  ];
}

/** How one command changes metadata. */
export interface MetadataEdit {
  /** `labels` or `annotations`. */
  readonly field: 'labels' | 'annotations';
  /** `Listing labels for ...`: the noun of `--list`'s headers. */
  readonly noun: string;
  /** The resources named (before the pairs). */
  readonly resources: readonly string[];
  /** Changes the map in place; throws kubectl's error (an overwrite without --overwrite). */
  readonly change: (values: Record<string, string>) => void;
  /** Keys to remove that the object does not have are reported (label does). */
  readonly reportMissing?: readonly string[];
  /** The operation printed: label says whether the object changed, annotate does not. */
  readonly operation: (changed: boolean, shorter: boolean) => string;
  /** Whether the server's answer is printed (annotate) rather than the local object (label). */
  readonly printServerObject: boolean;
  /**
   * One printer for the whole run (annotate: YAML objects separated by `---`) rather
   * than one per object (label).
   */
  readonly onePrinter: boolean;
}

/** The objects to change: local files, or fetched from the server. */
async function targetsOf(ctx: CommandContext, edit: MetadataEdit, local: boolean) {
  if (local) {
    const { namespace, explicit } = ctx.namespace();
    const read = await readObjects(ctx, {
      filenames: ctx.flags.strings('filename'),
      namespace,
      enforceNamespace: explicit,
      validate: false,
      local: true,
    });
    const filenames = ctx.flags.strings('filename');
    const single = filenames.length === 1 && filenames[0] !== '-';
    return { targets: read.infos as Target[], errors: read.mismatches, lateErrors: read.lateErrors, single };
  }
  return findTargets(ctx, {
    args: edit.resources,
    selector: ctx.flags.string('selector'),
    fieldSelector: ctx.flags.string('field-selector'),
    all: ctx.flags.bool('all'),
    allNamespaces: ctx.flags.bool('all-namespaces'),
    latest: true,
  });
}
/** Runs label or annotate over the objects. */
export async function runMetadataEdit(
  ctx: CommandContext,
  edit: MetadataEdit,
  dryRun: DryRun,
): Promise<void> {
  const { flags } = ctx;
  const local = flags.bool('local');
  const list = flags.bool('list');
  const resourceVersion = flags.string('resource-version');
  const found = await targetsOf(ctx, edit, local);
  if (!found.single && resourceVersion !== '')
    throw new Error('--resource-version may only be used with a single resource');
  const errors = [...found.errors];
  const shared = edit.onePrinter ? objectPrinter(ctx) : undefined;
  for (const target of found.targets) {
    try {
      const printer = shared ?? objectPrinter(ctx);
      await editOne(ctx, edit, target, {
        dryRun,
        local,
        list,
        single: found.single,
        resourceVersion,
        printer,
      });
    } catch (error) {
      errors.push(error);
    }
  }
  errors.push(...found.lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

interface EditRun {
  readonly dryRun: DryRun;
  readonly local: boolean;
  readonly list: boolean;
  readonly single: boolean;
  readonly resourceVersion: string;
  readonly printer: ObjectPrinter;
}

async function editOne(ctx: CommandContext, edit: MetadataEdit, target: Target, run: EditRun): Promise<void> {
  const original = structuredClone(target.object ?? ({} as KubeObject));
  if (run.resourceVersion !== '') delete (original.metadata as { resourceVersion?: string }).resourceVersion;
  const metadata = { ...original.metadata } as Record<string, unknown>;
  const values = { ...((metadata[edit.field] as Record<string, string> | undefined) ?? {}) };
  if (!run.local && run.dryRun !== 'client' && !run.list)
    for (const key of edit.reportMissing ?? [])
      if (!(key in values)) ctx.out.stdout(`label ${JSON.stringify(key)} not found.\n`);
  edit.change(values);
  metadata[edit.field] = values;
  if (run.resourceVersion !== '') metadata.resourceVersion = run.resourceVersion;
  const changed = { ...original, metadata } as KubeObject;
  const before = goJson(original);
  const after = goJson(changed);
  const operation = edit.operation(before !== after, after.length < before.length);
  let shown = changed;
  if (!run.local && run.dryRun !== 'client' && !run.list) {
    const patch = createMergePatch(original as unknown as JsonMap, changed as unknown as JsonMap);
    const result = await patchObject(
      ctx.client(),
      target.mapping,
      target.namespace,
      target.name,
      'merge',
      goJson(patch),
      {
        fieldManager: ctx.flags.string('field-manager'),
        dryRun: run.dryRun === 'server',
      },
    );
    if (edit.printServerObject) shown = result;
  }
  if (run.list) {
    const indent = run.single ? '' : ' ';
    if (!run.single)
      ctx.out.stdout(
        `Listing ${edit.noun} for ${target.mapping.kind}.${target.mapping.group}/${target.name}:\n`,
      );
    const listed = (shown.metadata as Record<string, unknown>)[edit.field] as
      Record<string, string> | undefined;
    for (const [k, v] of Object.entries(listed ?? {})) ctx.out.stdout(`${indent}${k}=${v}\n`);
    return;
  }
  run.printer.print(shown, withDryRun(operation, run.dryRun));
}
