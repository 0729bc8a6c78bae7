/**
 * `kubectl set`: changes parts of existing objects. `set image` changes the images of the
 * containers of pod templates (or pods); `set env` lives in set-env.ts.
 */
import { ExitError, UsageError } from '../errors';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { resourcesAndPairs } from '../mutate/metadata';
import { SELECTOR, podSpecOf, setEach } from '../mutate/pod-template';
import { PRINT_FLAGS } from '../mutate/print';
import { setEnv } from './set-env';
import type { Command, CommandContext } from './types';

async function runImage(ctx: CommandContext): Promise<void> {
  const { resources, pairs } = resourcesAndPairs(ctx.args, 'image');
  const images = new Map<string, string>();
  const invalid = pairs.filter((p) => !(p.includes('=') && !p.startsWith('=')));
  if (invalid.length > 0) throw new Error(`invalid image format: ${invalid.join(', ')}`);
  for (const pair of pairs) images.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
  const dryRun = dryRunOf(ctx);
  const validate = () => {
    const problems: string[] = [];
    if (ctx.flags.bool('all') && ctx.flags.string('selector') !== '')
      problems.push('cannot set --all and --selector at the same time');
    if (resources.length < 1 && ctx.flags.strings('filename').length === 0)
      problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (images.size < 1) problems.push('at least one image update is required');
    else if (images.size > 1 && images.has('*'))
      problems.push(
        'all containers are already specified by *, but saw more than one container_name=container_image pairs',
      );
    if (ctx.flags.bool('local') && dryRun === 'server')
      problems.push('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (problems.length > 0)
      throw problems.length === 1
        ? new Error(problems[0])
        : new AggregateError(problems.map((p) => new Error(p)));
  };
  await setEach(
    ctx,
    resources,
    'image updated',
    'image',
    (object) => {
      const spec = podSpecOf(object) ?? {};
      const missing: unknown[] = [];
      for (const [name, image] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
          if (name === '*' || c.name === name) {
            c.image = image;
            found = true;
          }
        if (!found) missing.push(new Error(`error: unable to find container named ${JSON.stringify(name)}`));
      }
      return missing;
    },
    { fetchFirst: validate, dryRun },
  );
}

const setImage: Command = {
  name: 'image',
  usage:
    'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  short: 'Update the image of a pod template',
  long: 'Update existing container image(s) of resources: pods, replication controllers, deployments, daemon sets, stateful sets, jobs, cron jobs and replica sets. For a workload, the new image rolls out to its pods.',
  example: `# Set the nginx container of a deployment to nginx:1.27
kubectl set image deployment/web nginx=nginx:1.27

# Set every container of every deployment to busybox
kubectl set image deployments --all '*'=busybox`,
  flags: [
    flag.bool('all', 'Select all resources, in the namespace of the specified resource types'),
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-set',
    }),
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to get from a server.'),
    flag.bool('local', 'If true, set image will NOT contact api-server but run locally.'),
    SELECTOR,
  ],
  run: runImage,
};

export const set: Command = {
  name: 'set',
  usage: 'set SUBCOMMAND',
  short: 'Set specific features on objects',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  subcommands: [setEnv, setImage],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
    ctx.out.stderr(ctx.help());
    throw new ExitError();
  },
};
