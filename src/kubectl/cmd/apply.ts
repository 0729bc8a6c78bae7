/**
 * `kubectl apply -f`: makes the objects in the files (or stdin) look like the files say,
 * creating the missing ones. Client-side by default (the last-applied-configuration
 * annotation and a three-way patch), server-side with `--server-side`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { applyClientSide, applyServerSide, type ApplyContext } from '../apply/apply-one';
import { PatchPlans } from '../apply/openapi';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import {
  VALIDATE_FLAG,
  filenameFlags,
  readFilenames,
  refuseKustomize,
  validationDirective,
} from '../mutate/files';
import { PRINT_FLAGS, asList, objectPrinter } from '../mutate/print';
import type { Command, CommandContext } from './types';

/** The field manager of a client-side apply; server-side apply's default is `kubectl`. */
const CLIENT_SIDE_MANAGER = 'kubectl-client-side-apply';

function checkFlags(ctx: CommandContext, dryRun: string): void {
  const { flags } = ctx;
  const serverSide = flags.bool('server-side');
  if (flags.bool('force-conflicts') && !serverSide)
    throw new Error('--force-conflicts only works with --server-side');
  if (dryRun === 'client' && serverSide)
    throw new Error(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  if (serverSide && flags.bool('force')) throw new Error('--force cannot be used with --server-side');
  if (dryRun === 'server' && flags.bool('force'))
    throw new Error('--dry-run=server cannot be used with --force');
  if (flags.bool('all') && flags.string('selector') !== '')
    throw new Error('cannot set --all and --selector at the same time');
  if (flags.bool('prune')) throw new Error('--prune is not supported by this terminal');
  if (flags.string('subresource') !== '' && !serverSide)
    throw new Error('--subresource can only be specified for --server-side');
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const directive = validationDirective(ctx);
  refuseKustomize(ctx);
  if (flags.strings('filename').length === 0) throw new Error('must specify one of -f and -k');
  checkFlags(ctx, dryRun);
  const serverSide = flags.bool('server-side');
  const fieldManager =
    serverSide && !flags.changed('field-manager') ? 'kubectl' : flags.string('field-manager');
  const { infos, errors } = await readFilenames(ctx, directive !== 'Ignore');
  if (infos.length === 0 && errors.length === 0) throw new Error('no objects passed to apply');
  const client = ctx.client();
  const apply: ApplyContext = {
    client,
    plans: new PatchPlans(client),
    dryRun,
    fieldManager,
    fieldValidation: directive,
    warn: (text) => ctx.out.stderr(text),
  };
  const output = flags.string('output');
  const printsObjects = output !== '' && output !== 'name';
  const applied: KubeObject[] = [];
  for (const info of infos) {
    try {
      const result = serverSide
        ? await applyServerSide(apply, info, {
            force: flags.bool('force-conflicts'),
            subresource: flags.string('subresource'),
          })
        : await applyClientSide(apply, info);
      applied.push(result.object);
      if (!printsObjects) objectPrinter(ctx).print(result.object, withDryRun(result.operation, dryRun));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (printsObjects && applied.length > 0) objectPrinter(ctx).print(asList(ctx, applied), '');
}

export const apply: Command = {
  name: 'apply',
  usage: 'apply (-f FILENAME | -k DIRECTORY)',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Client-side apply remembers what it applied in the kubectl.kubernetes.io/last-applied-configuration annotation and sends a three-way patch; --server-side lets the apiserver merge the configuration and track field owners.`,
  example: `# Apply the configuration in web.yaml
kubectl apply -f web.yaml

# Apply the YAML piped into stdin
cat web.yaml | kubectl apply -f -

# Apply on the server, taking over fields other managers own
kubectl apply -f web.yaml --server-side --force-conflicts

# See what would be sent, without changing anything
kubectl apply -f web.yaml --dry-run=server -o yaml`,
  flags: [
    flag.bool('all', 'Select all resources in the namespace of the specified resource types.'),
    ...PRINT_FLAGS,
    flag.string(
      'cascade',
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      { default: 'background', noOptDefault: 'background' },
    ),
    DRY_RUN_FLAG,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: CLIENT_SIDE_MANAGER,
    }),
    ...filenameFlags('The files that contain the configurations to apply.', 'a'),
    flag.bool(
      'force',
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    ),
    flag.bool('force-conflicts', 'If true, server-side apply will force the changes against conflicts.'),
    flag.int(
      'grace-period',
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      { default: -1 },
    ),
    flag.bool(
      'openapi-patch',
      'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.',
      { default: true },
    ),
    flag.bool(
      'overwrite',
      'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
      { default: true },
    ),
    flag.bool(
      'prune',
      'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.',
    ),
    flag.stringSlice(
      'prune-allowlist',
      'Overwrite the default allowlist with <group/version/kind> for --prune',
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.bool('server-side', 'If true, apply runs in the server instead of the client.'),
    flag.string(
      'subresource',
      'If specified, apply will operate on the subresource of the requested object.  Only allowed when using --server-side. This flag is beta and may change in the future.',
    ),
    flag.duration(
      'timeout',
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    ),
    VALIDATE_FLAG,
    flag.bool('wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.'),
  ],
  run,
};
