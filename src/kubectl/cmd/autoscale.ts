/**
 * `kubectl autoscale TYPE NAME --max=N`: creates a HorizontalPodAutoscaler (autoscaling/v1)
 * for something with a scale subresource, scaling it between --min and --max on CPU.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { RESOURCES } from '../../sim/apiserver/resources';
import { resourceOf, withTypedApplyAnnotation } from '../create/generator';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { createObject } from '../mutate/requests';
import { findTargets } from '../resource/targets';
import type { Command, CommandContext } from './types';

/** Whether discovery lists a scale subresource for the resource. */
const scalable = (group: string, version: string, plural: string) =>
  RESOURCES.some(
    (r) =>
      r.group === group && r.version === version && r.plural === plural && r.subresources.includes('scale'),
  );

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx, { typed: true });
  const max = flags.int('max');
  const min = flags.int('min');
  if (max < 1) throw new Error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min)
    throw new Error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const { namespace } = ctx.namespace();
  const found = await findTargets(ctx, { selector: '', all: false, latest: true });
  let count = 0;
  const cpu = flags.int('cpu-percent');
  const name = flags.string('name');
  for (const target of found.targets) {
    const m = target.mapping;
    if (!scalable(m.group, m.version, m.name))
      throw new Error(
        `cannot autoscale a ${m.kind}: could not find scale subresource for ${m.group}/${m.version}, Resource=${m.name} in discovery information`,
      );
    const hpa = {
      kind: 'HorizontalPodAutoscaler',
      apiVersion: 'autoscaling/v1',
      metadata: { name: name === '' ? target.name : name, creationTimestamp: null },
      spec: {
        scaleTargetRef: {
          kind: m.kind,
          name: target.name,
          apiVersion: m.group === '' ? m.version : `${m.group}/${m.version}`,
        },
        ...(min > 0 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as unknown as KubeObject;
    count++;
    if (dryRun === 'client') {
      printer.print(hpa, withDryRun('created', dryRun));
      continue;
    }
    const body = flags.bool('save-config') ? withTypedApplyAnnotation(hpa) : hpa;
    const actual = await createObject(
      ctx.client(),
      resourceOf('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true),
      namespace,
      body,
      {
        fieldManager: flags.string('field-manager'),
        dryRun: dryRun === 'server',
      },
    );
    printer.print(actual, withDryRun('autoscaled', dryRun));
  }
  const errors = [...found.errors, ...found.lateErrors];
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  if (count === 0) throw new Error('no objects passed to autoscale');
}

export const autoscale: Command = {
  name: 'autoscale',
  usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 The HorizontalPodAutoscaler compares the pods' CPU use (from metrics-server) with --cpu-percent of their requests and scales the target between --min and --max.`,
  example: `# Keep a deployment between 2 and 10 pods at 80% CPU
kubectl autoscale deployment web --min=2 --max=10 --cpu-percent=80`,
  flags: [
    ...PRINT_FLAGS,
    flag.int(
      'cpu-percent',
      "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
      { default: -1 },
    ),
    DRY_RUN_FLAG,
    flag.string('field-manager', 'Name of the manager used to track field ownership.', {
      default: 'kubectl-autoscale',
    }),
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to autoscale.'),
    flag.int('max', 'The upper limit for the number of pods that can be set by the autoscaler. Required.', {
      default: -1,
    }),
    flag.int(
      'min',
      "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.",
      { default: -1 },
    ),
    flag.string(
      'name',
      'The name for the newly created object. If not specified, the name of the input resource will be used.',
    ),
    flag.bool(
      'save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    ),
  ],
  requiredFlags: ['max'],
  run,
};
