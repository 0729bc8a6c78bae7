/**
 * `kubectl create -f FILE`: creates the objects in the files (or stdin), and the
 * generators under it (`create deployment`, `create configmap`...), which build one object
 * from flags.
 */
import { withApplyAnnotation } from '../apply/annotation';
import { ExitError, UsageError } from '../errors';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import {
  VALIDATE_FLAG,
  filenameFlags,
  readFilenames,
  refuseKustomize,
  validationDirective,
  withSource,
} from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { createObject } from '../mutate/requests';
import { createConfigMap, createSecretDockerRegistry, createSecretGeneric } from './create-configmap';
import { createClusterRole, createClusterRoleBinding, createRole, createRoleBinding } from './create-rbac';
import {
  createIngress,
  createServiceClusterIP,
  createServiceExternalName,
  createServiceLoadBalancer,
  createServiceNodePort,
} from './create-service';
import {
  createNamespace,
  createPdb,
  createPriorityClass,
  createQuota,
  createServiceAccount,
} from './create-simple';
import { createCronJob, createDeployment, createJob } from './create-workloads';
import type { Command, CommandContext } from './types';

/** A command that only groups subcommands: its help on stderr and exit 1 (DefaultSubCommandRun). */
function group(name: string, short: string, long: string, subcommands: readonly Command[]): Command {
  return {
    name,
    usage: `${name} (${subcommands.map((c) => c.name).join(' | ')})`,
    short,
    long,
    subcommands,
    async run(ctx) {
      if (ctx.args.length > 0)
        throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
      ctx.out.stderr(ctx.help());
      throw new ExitError();
    },
  };
}

async function run(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 0) throw new UsageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
  refuseKustomize(ctx);
  if (ctx.flags.strings('filename').length === 0) throw new Error('must specify one of -f and -k');
  if (ctx.flags.bool('edit'))
    throw new Error('--edit is not supported by this terminal; create the object, then kubectl edit it');
  if (ctx.flags.string('raw') !== '') throw new Error('--raw is not supported by this terminal');
  const dryRun = dryRunOf(ctx);
  const directive = validationDirective(ctx);
  const printer = objectPrinter(ctx);
  const { infos, mismatches, lateErrors } = await readFilenames(ctx, directive !== 'Ignore');
  const errors = [...mismatches];
  let count = 0;
  for (const info of infos) {
    let object = ctx.flags.bool('save-config') ? withApplyAnnotation(info.object) : info.object;
    try {
      if (dryRun !== 'client')
        object = await createObject(ctx.client(), info.mapping, info.namespace, object, {
          fieldManager: ctx.flags.string('field-manager'),
          fieldValidation: directive,
          dryRun: dryRun === 'server',
        });
      count++;
      printer.print(object, withDryRun('created', dryRun));
    } catch (error) {
      errors.push(withSource('creating', info.source, error));
    }
  }
  errors.push(...lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (count === 0) throw new Error('no objects passed to create');
}

export const create: Command = {
  name: 'create',
  usage: 'create -f FILENAME',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted. The subcommands build common objects from flags instead of a file.`,
  example: `# Create the objects in web.yaml
kubectl create -f web.yaml

# Create the objects piped into stdin
cat web.yaml | kubectl create -f -

# Create a deployment without writing a file
kubectl create deployment web --image=nginx`,
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    flag.bool('edit', 'Edit the API resource before creating'),
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-create',
    }),
    ...filenameFlags('Filename, directory, or URL to files to use to create the resource'),
    flag.string(
      'raw',
      'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.',
    ),
    flag.bool(
      'save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    VALIDATE_FLAG,
    flag.bool(
      'windows-line-endings',
      'Only relevant if --edit=true. Defaults to the line ending native to your platform.',
    ),
  ],
  subcommands: [
    createClusterRole,
    createClusterRoleBinding,
    createConfigMap,
    createCronJob,
    createDeployment,
    createIngress,
    createJob,
    createNamespace,
    createPdb,
    createPriorityClass,
    createQuota,
    createRole,
    createRoleBinding,
    group(
      'secret',
      'Create a secret using a specified subcommand',
      'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.',
      [createSecretDockerRegistry, createSecretGeneric],
    ),
    group(
      'service',
      'Create a service using a specified subcommand',
      'Create a service using a specified subcommand.',
      [createServiceClusterIP, createServiceExternalName, createServiceLoadBalancer, createServiceNodePort],
    ),
    createServiceAccount,
  ],
  run,
};
