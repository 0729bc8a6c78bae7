/**
 * `kubectl edit TYPE NAME`: opens the objects in the host's editor (as YAML, or JSON with
 * `-o json`) under kubectl's header comment; when the user saves, the difference is sent
 * as a patch. Saving the file unchanged cancels; a change the server rejects reopens the
 * file with the reasons at the top, as kubectl does with $EDITOR.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { withApplyAnnotation } from '../apply/annotation';
import { createMergePatch } from '../apply/mergepatch';
import { PatchPlans } from '../apply/openapi';
import { jsonEqual, threeWayStrategicPatch, type JsonMap } from '../apply/strategic';
import { ExitError, hasReason, type StatusError } from '../errors';
import { flag } from '../flags/flags';
import { decodeStream } from '../input/decode';
import { filenameFlags, VALIDATE_FLAG, validationDirective } from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { patchObject } from '../mutate/requests';
import { goJson } from '../printers/gofmt';
import { toJson, toYaml } from '../printers';
import { findTargets, type Target } from '../resource/targets';
import type { Command, CommandContext } from './types';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  readonly head: string;
  readonly other: readonly string[];
}

/** Continues a multi-line text as comment lines (hashOnLineBreak). */
const hashed = (s: string) => s.replace(/\n(?!#)/g, '\n# ');

function header(reasons: readonly Reason[]): string {
  let text = HEADER;
  for (const r of reasons) {
    text += `# ${hashed(r.head)}${r.other.length > 0 ? ':' : ''}\n`;
    for (const o of r.other) text += `# * ${hashed(o)}\n`;
    text += '#\n';
  }
  return text;
}

/** The file without comment lines (cmdutil.ManualStrip). */
const manualStrip = (text: string) =>
  text
    .split('\n')
    .filter((line) => !(line.trim().startsWith('#') && !line.trim().startsWith('#!')))
    .join('\n');

/** The file's content for comparisons: its JSON, or the text without comments (StripComments). */
function stripComments(text: string): string {
  const decoded = decodeStream(text);
  return decoded.error === undefined ? JSON.stringify(decoded.documents) : manualStrip(text);
}

const withoutManagedFields = (o: KubeObject): KubeObject => {
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata };
};

/** `deployments.apps`: the resource as edit's messages name it. */
const resourceString = (t: Target) =>
  t.mapping.group === '' ? t.mapping.name : `${t.mapping.name}.${t.mapping.group}`;

/** Runs the editor until the edit is saved, cancelled or fails. */
async function editLoop(ctx: CommandContext, targets: Target[]): Promise<void> {
  const editor = ctx.input.editor;
  if (editor === undefined) throw new Error('no editor available in this terminal');
  const json = ctx.flags.string('output') === 'json';
  const showManaged = ctx.flags.bool('show-managed-fields');
  const objects = targets.map((t) =>
    showManaged ? (t.object as KubeObject) : withoutManagedFields(t.object as KubeObject),
  );
  const document =
    objects.length === 1
      ? (objects[0] as KubeObject)
      : { kind: 'List', apiVersion: 'v1', metadata: {}, items: objects };
  const original = json ? toJson(document) : toYaml(document);
  const file = `/tmp/kubectl-edit-${ctx.now() % 1e10}.${json ? 'json' : 'yaml'}`;
  const printer = objectPrinter(ctx);
  let reasons: Reason[] = [];
  let edited = '';
  let containsError = false;
  for (;;) {
    const text = header(reasons) + (containsError ? manualStrip(edited) : original);
    const previous = edited;
    edited = (await editor.edit(text, file)) ?? text;
    if (containsError && stripComments(previous) === stripComments(edited)) {
      ctx.out.stderr(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      throw new Error('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(original) === stripComments(edited)) {
      ctx.out.stderr('Edit cancelled, no changes made.\n');
      return;
    }
    if (manualStrip(edited).trim() === '') {
      ctx.out.stderr('Edit cancelled, saved file was empty.\n');
      return;
    }
    const decoded = decodeStream(manualStrip(edited));
    if (decoded.error !== undefined) {
      // kubectl's validation of the edited file fails first, as an Invalid error.
      const first = targets[0] as Target;
      ctx.out.stderr(`error: ${resourceString(first)} ${JSON.stringify(first.name)} is invalid\n`);
      containsError = true;
      const detail = `<nil>: Invalid value: "The edited file failed validation": ${decoded.error}`;
      reasons = [
        { head: `${resourceString(first)} ${JSON.stringify(first.name)} was not valid`, other: [detail] },
      ];
      continue;
    }
    const items = decoded.documents.flatMap((d) => {
      const o = d as KubeObject & { items?: KubeObject[] };
      return o.kind === 'List' && Array.isArray(o.items) ? o.items : [o];
    });
    reasons = [];
    let retryable = 0;
    let notFound = 0;
    for (const item of items) {
      let result: PatchProblem | undefined;
      try {
        result = await patchEdited(ctx, targets, item, printer);
      } catch (error) {
        ctx.out.stderr(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
        throw error;
      }
      if (result === undefined) continue;
      ctx.out.stderr(`${result.message}\n`);
      if (result.reason !== undefined) reasons.push(result.reason);
      if (result.kind === 'retry') retryable++;
      if (result.kind === 'notfound') notFound++;
    }
    if (retryable > 0) {
      ctx.out.stderr(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      throw new ExitError();
    }
    if (notFound > 0) {
      ctx.out.stderr(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      throw new ExitError();
    }
    if (reasons.length === 0) return;
    containsError = true;
  }
}

interface PatchProblem {
  readonly kind: 'invalid' | 'notfound' | 'retry';
  readonly message: string;
  readonly reason?: Reason;
}

/** Patches one edited object; returns the problem to report, if any (editResults.addError). */
async function patchEdited(
  ctx: CommandContext,
  targets: Target[],
  item: KubeObject,
  printer: ReturnType<typeof objectPrinter>,
): Promise<PatchProblem | undefined> {
  const target = targets.find((t) => t.object?.metadata.uid === item.metadata?.uid);
  if (target === undefined) throw new Error('no original object found for the edited object');
  const before = withoutManagedFields(target.object as KubeObject) as unknown as JsonMap;
  let after = item as unknown as JsonMap;
  if (ctx.flags.bool('save-config')) after = withApplyAnnotation(item) as unknown as JsonMap;
  if (jsonEqual(before, after)) {
    printer.print(item, 'skipped');
    return undefined;
  }
  for (const key of ['apiVersion', 'kind'])
    if (before[key] !== after[key]) throw new Error('At least one of apiVersion, kind and name was changed');
  if ((before.metadata as JsonMap).name !== (after.metadata as JsonMap | undefined)?.name)
    throw new Error('At least one of apiVersion, kind and name was changed');
  const plan = await new PatchPlans(ctx.client()).planFor(target.mapping);
  const patch =
    plan.type === 'strategic'
      ? threeWayStrategicPatch(before, after, before, plan.schema)
      : createMergePatch(before, after);
  if (ctx.flags.bool('output-patch')) ctx.out.stdout(`Patch: ${goJson(patch)}\n`);
  try {
    const patched = await patchObject(
      ctx.client(),
      target.mapping,
      target.namespace,
      target.name,
      plan.type,
      goJson(patch),
      { fieldManager: ctx.flags.string('field-manager'), fieldValidation: validationDirective(ctx) },
      ctx.flags.string('subresource'),
    );
    printer.print(patched, 'edited');
    return undefined;
  } catch (error) {
    const name = JSON.stringify(target.name);
    if (hasReason(error, 'Invalid')) {
      const causes = (error as StatusError).status.details?.causes ?? [];
      return {
        kind: 'invalid',
        message: `error: ${resourceString(target)} ${name} is invalid`,
        reason: {
          head: `${resourceString(target)} ${name} was not valid`,
          other: causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`),
        },
      };
    }
    if (hasReason(error, 'NotFound'))
      return {
        kind: 'notfound',
        message: `error: ${resourceString(target)} ${name} could not be found on the server`,
      };
    const text = error instanceof Error ? error.message : String(error);
    return {
      kind: 'retry',
      message: `error: ${resourceString(target)} ${name} could not be patched: ${text}`,
    };
  }
}

async function run(ctx: CommandContext): Promise<void> {
  validationDirective(ctx);
  const found = await findTargets(ctx, {
    selector: '',
    all: false,
    latest: true,
    allowTypeOnly: true,
    subresource: ctx.flags.string('subresource'),
  });
  const errors = [...found.errors, ...found.lateErrors];
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (found.targets.length === 0) throw new Error('edit cancelled, no objects found');
  await editLoop(ctx, found.targets);
}

export const edit: Command = {
  name: 'edit',
  usage: 'edit (RESOURCE/NAME | -f FILENAME)',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The object opens as YAML (or JSON with -o json) in the terminal's editor. Saving sends the changes to the apiserver as a patch; saving the file unchanged cancels the edit. If the apiserver rejects the change, the file opens again with the reasons at the top: fix it and save, or save it unchanged to give up.`,
  example: `# Edit a deployment
kubectl edit deployment/web

# Edit it as JSON
kubectl edit deployment/web -o json`,
  flags: [
    ...PRINT_FLAGS,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-edit',
    }),
    ...filenameFlags('Filename, directory, or URL to files to use to edit the resource'),
    flag.bool('output-patch', 'Output the patch if the resource is edited.'),
    flag.bool(
      'save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    ),
    flag.string(
      'subresource',
      'If specified, edit will operate on the subresource of the requested object. This flag is beta and may change in the future.',
    ),
    VALIDATE_FLAG,
    flag.bool('windows-line-endings', 'Defaults to the line ending native to your platform.'),
  ],
  run,
};
