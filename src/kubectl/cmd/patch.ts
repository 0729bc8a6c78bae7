/**
 * `kubectl patch TYPE NAME -p PATCH`: sends a strategic merge (default), JSON merge or JSON
 * patch (`--type`), written in JSON or YAML, to each object (or its `--subresource`), and
 * prints `patched` or `patched (no change)`. With `--local` or `--dry-run=client` the patch
 * is applied here, to the objects of `-f`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import {
  PatchError,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
} from '../../sim/apiserver/patch';
import { PatchPlans } from '../apply/openapi';
import { jsonEqual } from '../apply/strategic';
import { StatusError } from '../errors';
import { flag } from '../flags/flags';
import { decodeStream } from '../input/decode';
import { readObjects } from '../input/objects';
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { PATCH_CONTENT_TYPES, patchObject, type PatchType } from '../mutate/requests';
import { findTargets, type Target } from '../resource/targets';
import type { Command, CommandContext } from './types';

const TYPES = ['json', 'merge', 'strategic'] as const;

/** The patch text as JSON (yaml.ToJSON: JSON passes through, YAML is converted). */
function patchJson(text: string, original: string): string {
  if (/^\s*[{[]/.test(text)) return text;
  const decoded = decodeStream(text);
  if (decoded.error !== undefined)
    throw new Error(
      `unable to parse ${JSON.stringify(original)}: ${decoded.error.replace(/^error converting YAML to JSON: /, '')}`,
    );
  return JSON.stringify(decoded.documents[0] ?? null);
}

/** The patch applied here, to an object read from a file (getPatchedJSON). */
async function patchLocally(
  ctx: CommandContext,
  type: PatchType,
  target: Target,
  patch: string,
): Promise<KubeObject> {
  const object = target.object as KubeObject;
  try {
    if (type === 'json') return applyJsonPatch(object, patch) as KubeObject;
    if (type === 'merge') return applyMergePatch(object, patch) as KubeObject;
    const plan = await new PatchPlans(ctx.client()).planFor(target.mapping);
    if (plan.type !== 'strategic')
      throw new Error(
        `strategic merge patch is not supported for ${target.mapping.group}/${target.mapping.version}, Kind=${target.mapping.kind} locally, try --type merge`,
      );
    return applyStrategicMergePatch(object, patch, plan.schema) as KubeObject;
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    const detail = error.detail ?? error.message;
    const missing = /doc is missing key: (.*)$/.exec(detail);
    throw new Error(
      missing === null ? detail : `Object to be patched is missing field (${missing[1] ?? ''})`,
      { cause: error },
    );
  }
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const local = flags.bool('local');
  const text = flags.string('patch');
  const file = flags.string('patch-file');
  if (text !== '' && file !== '') throw new Error('cannot specify --patch and --patch-file together');
  if (text === '' && file === '')
    throw new Error('must specify --patch or --patch-file containing the contents of the patch');
  if (local && ctx.args.length !== 0) throw new Error('cannot specify --local and server resources');
  if (local && dryRun === 'server')
    throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typeName = flags.string('type').toLowerCase();
  if (flags.string('type') !== '' && !(TYPES as readonly string[]).includes(typeName))
    throw new Error(
      `--type must be one of [${TYPES.join(' ')}], not ${JSON.stringify(flags.string('type'))}`,
    );
  const type = (typeName === '' ? 'strategic' : typeName) as PatchType;
  let raw = text;
  if (file !== '') {
    const content = ctx.input.files?.read(file);
    if (content === undefined)
      throw new Error(`unable to read patch file: open ${file}: no such file or directory`);
    raw = content;
  }
  const patch = patchJson(raw, text);
  const subresource = flags.string('subresource');
  const found = local
    ? await localTargets(ctx)
    : await findTargets(ctx, { selector: '', all: false, latest: true, subresource });
  const errors = [...found.errors];
  let count = 0;
  const printer = objectPrinter(ctx);
  for (const target of found.targets) {
    count++;
    try {
      let patched: KubeObject;
      if (!local && dryRun !== 'client') {
        patched = await patchObject(
          ctx.client(),
          target.mapping,
          target.namespace,
          target.name,
          type,
          patch,
          {
            fieldManager: flags.string('field-manager'),
            dryRun: dryRun === 'server',
          },
          subresource,
        );
      } else patched = await patchLocally(ctx, type, target, patch);
      printer.print(patched, jsonEqual(target.object, patched) ? 'patched (no change)' : 'patched');
    } catch (error) {
      if (error instanceof StatusError && error.code === 415)
        errors.push(
          new Error(
            `${PATCH_CONTENT_TYPES[type]} is not supported by ${target.mapping.group}/${target.mapping.version}, Kind=${target.mapping.kind}: ${error.message}`,
            { cause: error },
          ),
        );
      else errors.push(error);
    }
  }
  errors.push(...found.lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (count === 0) throw new Error('no objects passed to patch');
}

/** `--local`: the objects of `-f`, as written. */
async function localTargets(ctx: CommandContext) {
  const { namespace, explicit } = ctx.namespace();
  const read = await readObjects(ctx, {
    filenames: ctx.flags.strings('filename'),
    namespace,
    enforceNamespace: explicit,
    validate: false,
    local: true,
  });
  return { targets: read.infos as Target[], errors: read.mismatches, lateErrors: read.lateErrors };
}

export const patch: Command = {
  name: 'patch',
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted. A strategic merge patch merges lists of named items (containers, ports) by their key; a JSON merge patch replaces lists; a JSON patch is a list of operations.`,
  example: `# Change a deployment's replicas with a strategic merge patch
kubectl patch deployment web -p '{"spec":{"replicas":3}}'

# Change one container's image (containers merge by name)
kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'

# Replace the image of the first container with a JSON patch
kubectl patch deployment web --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]'

# Change the replicas through the scale subresource
kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":2}}'`,
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-patch',
    }),
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to update'),
    flag.bool(
      'local',
      'If true, patch will operate on the content of the file, not the server-side resource.',
    ),
    flag.string('patch', 'The patch to be applied to the resource JSON file.', { shorthand: 'p' }),
    flag.string('patch-file', 'A file containing a patch to be applied to the resource.'),
    flag.string(
      'subresource',
      'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.',
    ),
    flag.string('type', 'The type of patch being provided; one of [json merge strategic]', {
      default: 'strategic',
    }),
  ],
  run,
};
