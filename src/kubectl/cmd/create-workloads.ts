/**
 * `kubectl create deployment|job|cronjob NAME`: workloads running one image (or several,
 * for a deployment), the words after `--` as the container's command; `create job --from
 * cronjob/x` instantiates a CronJob's job template by hand.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import {
  GENERATOR_FLAGS,
  completeGenerator,
  createGenerated,
  namespaceField,
  resourceOf,
} from '../create/generator';
import { getObject } from '../mutate/requests';
import { flag } from '../flags/flags';
import { planVisits } from '../resource/args';
import type { Command, CommandContext } from './types';

/** The words after `--` (the container's command), if any. */
function commandOf(ctx: CommandContext): string[] {
  return ctx.args.length > 1 ? ctx.args.slice(1) : [];
}

/** A container name from an image reference: its last path part, without tag or digest. */
function containerName(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = (name.split(':')[0] ?? name).split('@')[0] ?? name;
  return name.includes('_') || name.includes('.') ? `${name.replace(/[_.]/g, '-')}-${randomSuffix()}` : name;
}

/** utilrand.String(5): lower-case letters and digits, without vowels and look-alikes. */
function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

async function runDeployment(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const images = ctx.flags.strings('image');
  const command = commandOf(ctx);
  if (images.length > 1 && command.length > 0)
    throw new Error('cannot specify multiple --image options and command');
  const labels = { app: run.name };
  const containers: Record<string, unknown>[] = images.map((image) => ({
    name: containerName(image),
    image,
    ...(command.length > 0 ? { command } : {}),
    resources: {},
  }));
  const port = ctx.flags.int('port');
  if (port >= 0 && containers[0] !== undefined) {
    const { resources, ...first } = containers[0];
    containers[0] = { ...first, ports: [{ containerPort: port }], resources };
  }
  const object = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null, labels },
    spec: {
      replicas: ctx.flags.int('replicas'),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('apps', 'v1', 'deployments', 'Deployment', true),
    object,
    'failed to create deployment: ',
  );
}

/** The pod template of a job running `image` as a container named `name`. */
function jobTemplate(name: string, image: string, command: string[], restartPolicy: string) {
  return {
    metadata: { creationTimestamp: null },
    spec: {
      containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }],
      ...(restartPolicy === '' ? {} : { restartPolicy }),
    },
  };
}

/** `create job --from=cronjob/x`: the CronJob's job template, owned by it. */
async function jobFromCronJob(
  ctx: CommandContext,
  name: string,
  from: string,
  namespace: { namespace?: string },
): Promise<Record<string, unknown>> {
  const plan = await planVisits([from], ctx.mapper(), {
    namespace: ctx.namespace().namespace,
    allNamespaces: false,
    selector: false,
  });
  const visit = plan.visits[0];
  if (plan.visits.length !== 1 || visit?.type !== 'get') throw new Error('from must be an existing cronjob');
  const cronJob = await getObject(ctx.client(), visit.mapping, visit.namespace, visit.name);
  if (cronJob.kind !== 'CronJob') throw new Error(`unknown object type ${goTypeName(cronJob.kind)}`);
  const template = ((cronJob.spec as Record<string, unknown> | undefined)?.jobTemplate ?? {}) as {
    metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
    spec?: unknown;
  };
  return {
    name,
    ...namespace,
    creationTimestamp: null,
    ...(template.metadata?.labels === undefined ? {} : { labels: template.metadata.labels }),
    annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: cronJob.metadata.name,
        uid: cronJob.metadata.uid,
        controller: true,
      },
    ],
    spec: template.spec,
  };
}

/** How Go's %T names the object kubectl got instead of a CronJob. */
const goTypeName = (kind: string) => `*v1.${kind}`;

async function runJob(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const image = ctx.flags.string('image');
  const from = ctx.flags.string('from');
  const command = commandOf(ctx);
  if ((image === '') === (from === '')) throw new Error('either --image or --from must be specified');
  if (command.length > 0 && from !== '') throw new Error('cannot specify --from and command');
  let object: KubeObject;
  if (image !== '') {
    object = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
      spec: { template: jobTemplate(run.name, image, command, 'Never') },
      status: {},
    } as unknown as KubeObject;
  } else {
    const { spec, ...metadata } = await jobFromCronJob(ctx, run.name, from, namespaceField(run));
    object = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata,
      spec,
      status: {},
    } as unknown as KubeObject;
  }
  await createGenerated(
    ctx,
    run,
    resourceOf('batch', 'v1', 'jobs', 'Job', true),
    object,
    'failed to create job: ',
  );
}

async function runCronJob(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const restart = ctx.flags.string('restart') || 'OnFailure';
  const template = jobTemplate(run.name, ctx.flags.string('image'), commandOf(ctx), restart);
  const object = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null },
    spec: {
      schedule: ctx.flags.string('schedule'),
      jobTemplate: { metadata: { name: run.name, creationTimestamp: null }, spec: { template } },
    },
    status: {},
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('batch', 'v1', 'cronjobs', 'CronJob', true),
    object,
    'failed to create cronjob: ',
  );
}

export const createDeployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  usage: 'deployment NAME --image=image -- [COMMAND] [args...]',
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name: its pods run the given images (labelled app=NAME), with the words after -- as the command when there is one image.',
  example: `# Create a deployment running nginx
kubectl create deployment web --image=nginx

# Three replicas exposing port 80
kubectl create deployment web --image=nginx --replicas=3 --port=80

# Print the manifest instead of creating it
kubectl create deployment web --image=nginx --dry-run=client -o yaml`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.stringArray(
      'image',
      'Image names to run. A deployment can have multiple images set for multi-container pod.',
    ),
    flag.int('port', 'The containerPort that this deployment exposes.', { default: -1 }),
    flag.int('replicas', 'Number of replicas to create. Default is 1.', { shorthand: 'r', default: 1 }),
  ],
  requiredFlags: ['image'],
  run: runDeployment,
};

export const createJob: Command = {
  name: 'job',
  usage: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
  short: 'Create a job with the specified name',
  long: 'Create a job with the specified name: one pod running the image (never restarted), or a run of a CronJob made by hand with --from.',
  example: `# Run a command once
kubectl create job hello --image=busybox -- echo "Hello World"

# Run a CronJob's job now
kubectl create job manual-run --from=cronjob/backup`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('from', 'The name of the resource to create a Job from (only cronjob is supported).'),
    flag.string('image', 'Image name to run.'),
  ],
  run: runJob,
};

export const createCronJob: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  usage: "cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]",
  short: 'Create a cron job with the specified name',
  long: 'Create a cron job with the specified name: it starts a job running the image on the schedule (cron format).',
  example: `# Print the date every minute
kubectl create cronjob clock --image=busybox --schedule="*/1 * * * *" -- date`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.string('image', 'Image name to run.'),
    flag.string('restart', "job's restart policy. supported values: OnFailure, Never"),
    flag.string('schedule', 'A schedule in the Cron format the job should be run with.'),
  ],
  requiredFlags: ['image', 'schedule'],
  run: runCronJob,
};
