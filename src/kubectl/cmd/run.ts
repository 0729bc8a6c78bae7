/**
 * `kubectl run NAME --image=IMAGE`: creates a pod running one container (labelled
 * `run=NAME` unless `--labels` says otherwise), the words after `--` as its arguments (or
 * its command, with `--command`). Attaching to it (`-i`, `-t`, `--attach`, `--rm`) needs
 * an interactive terminal this kubectl does not have yet, so it is refused.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../sim/apiserver/patch';
import { PatchPlans } from '../apply/openapi';
import { resourceOf, withTypedApplyAnnotation } from '../create/generator';
import { UsageError } from '../errors';
import { flag } from '../flags/flags';
import { cascadeOf } from './delete';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { createObject } from '../mutate/requests';
import type { Command, CommandContext } from './types';

const POD = resourceOf('', 'v1', 'pods', 'Pod', true);

/** `k=v,k2=v2` (generate.ParseLabels). */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || parts[0] === '') throw new Error(`invalid label spec: ${pair}`);
    labels[parts[0] as string] = parts[1] as string;
  }
  return labels;
}

/** `KEY=value` pairs (of --env and --annotations). */
function parsePairs(items: readonly string[], what: string): [string, string][] {
  return items.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`invalid ${what}: ${item}`);
    return [item.slice(0, eq), item.slice(eq + 1)];
  });
}

/** The pod `run` creates (BasicPod.Generate). */
function generatePod(ctx: CommandContext, name: string, args: readonly string[]): KubeObject {
  const { flags } = ctx;
  const labelsText = flags.string('labels');
  const labels = labelsText === '' ? { run: name } : parseLabels(labelsText);
  const annotations = Object.fromEntries(parsePairs(flags.strings('annotations'), 'annotation'));
  const env = parsePairs(flags.strings('env'), 'env').map(([n, value]) => ({ name: n, value }));
  const port = flags.string('port');
  if (port !== '' && !/^[-+]?\d+$/.test(port))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  const pullPolicy = flags.string('image-pull-policy');
  const command = flags.bool('command');
  const container = {
    name,
    image: flags.string('image'),
    ...(args.length > 0 ? (command ? { command: [...args] } : { args: [...args] }) : {}),
    ...(port === '' ? {} : { ports: [{ containerPort: Number(port) }] }),
    ...(env.length > 0 ? { env } : {}),
    resources: {},
    ...(pullPolicy === '' ? {} : { imagePullPolicy: pullPolicy }),
    ...(flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
  };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      creationTimestamp: null,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      containers: [container],
      restartPolicy: flags.string('restart') || 'Always',
      dnsPolicy: 'ClusterFirst',
    },
    status: {},
  } as unknown as KubeObject;
}

/** `--overrides`, merged into the pod by `--override-type`. */
async function override(ctx: CommandContext, pod: KubeObject): Promise<KubeObject> {
  const overrides = ctx.flags.string('overrides');
  if (overrides === '') return pod;
  const type = ctx.flags.string('override-type');
  if (type === 'json') return applyJsonPatch(pod, overrides) as KubeObject;
  if (type === 'merge') return applyMergePatch(pod, overrides) as KubeObject;
  if (type !== 'strategic') throw new Error(`invalid override type: ${type}`);
  const plan = await new PatchPlans(ctx.client()).planFor(POD);
  return applyStrategicMergePatch(
    pod,
    overrides,
    plan.type === 'strategic' ? plan.schema : undefined,
  ) as KubeObject;
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx, { typed: true });
  cascadeOf(ctx);
  if (ctx.args.length === 0 || ctx.argsLenAtDash === 0)
    throw new UsageError(ctx.path, 'NAME is required for run');
  const name = ctx.args[0] as string;
  if (flags.string('image') === '') throw new Error('--image is required');
  const interactive = flags.bool('stdin');
  if (flags.bool('tty') && !interactive)
    throw new UsageError(ctx.path, '-i/--stdin is required for containers with -t/--tty=true');
  if (flags.bool('expose') && flags.string('port') === '')
    throw new UsageError(ctx.path, '--port must be set when exposing a service');
  const restart = flags.string('restart');
  if (!['Always', 'OnFailure', 'Never', ''].includes(restart))
    throw new UsageError(ctx.path, `invalid restart policy: ${restart}`);
  const attach = flags.changed('attach') ? flags.bool('attach') : interactive;
  if (!attach && flags.bool('rm'))
    throw new UsageError(ctx.path, '--rm should only be used for attached containers');
  if (attach && dryRun !== 'none')
    throw new UsageError(
      ctx.path,
      "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
    );
  const policy = flags.string('image-pull-policy');
  if (policy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(policy))
    throw new UsageError(ctx.path, `invalid image pull policy: ${policy}`);
  if (attach)
    throw new Error(
      'attaching to a pod (-i, -t, --attach, --rm) is not supported by this terminal yet; run the pod without them, then use kubectl logs',
    );
  if (flags.bool('expose'))
    throw new Error('--expose is not supported by this terminal; run the pod, then kubectl expose it');
  const pod = await override(ctx, generatePod(ctx, name, ctx.args.slice(1)));
  let created = pod;
  if (dryRun !== 'client') {
    const { namespace } = ctx.namespace();
    const body = flags.bool('save-config') ? withTypedApplyAnnotation(pod) : pod;
    created = await createObject(ctx.client(), POD, namespace, body, {
      fieldManager: flags.string('field-manager'),
      dryRun: dryRun === 'server',
    });
  }
  printer.print(created, withDryRun('created', dryRun));
}

const b = flag.bool;
const s = flag.string;

export const runCommand: Command = {
  name: 'run',
  usage:
    'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  example: `# Start an nginx pod
kubectl run web --image=nginx --port=80

# Start a pod that runs a command once
kubectl run hello --image=busybox --restart=Never --command -- echo hello

# Print the pod without creating it
kubectl run web --image=nginx --dry-run=client -o yaml`,
  flags: [
    ...PRINT_FLAGS,
    flag.stringSlice('annotations', 'Annotations to apply to the pod.'),
    b(
      'attach',
      "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.",
    ),
    s(
      'cascade',
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      { default: 'background', noOptDefault: 'background' },
    ),
    b(
      'command',
      "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
    ),
    DRY_RUN_FLAG,
    flag.stringArray('env', 'Environment variables to set in the container.'),
    b('expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'),
    s('field-manager', 'Name of the manager used to track field ownership.', { default: 'kubectl-run' }),
    b(
      'force',
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    ),
    flag.int(
      'grace-period',
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      { default: -1 },
    ),
    s('image', 'The image for the container to run.'),
    s(
      'image-pull-policy',
      'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.',
    ),
    s('labels', 'Comma separated labels to apply to the pod. Will override previous values.', {
      shorthand: 'l',
    }),
    b(
      'leave-stdin-open',
      'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.',
    ),
    s('override-type', 'The method used to override the generated object: json, merge, or strategic.', {
      default: 'merge',
    }),
    s(
      'overrides',
      'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
    ),
    flag.duration(
      'pod-running-timeout',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      { default: 60_000_000_000 },
    ),
    s('port', 'The port that this container exposes.'),
    b('privileged', 'If true, run the container in privileged mode.'),
    b('quiet', 'If true, suppress prompt messages.', { shorthand: 'q' }),
    s('restart', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', {
      default: 'Always',
    }),
    b(
      'rm',
      "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
    ),
    b(
      'save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    ),
    b('stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.', {
      shorthand: 'i',
    }),
    flag.duration(
      'timeout',
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    ),
    b('tty', 'Allocate a TTY for the container in the pod.', { shorthand: 't' }),
    b('wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.'),
  ],
  requiredFlags: ['image'],
  run,
};
