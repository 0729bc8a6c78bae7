/**
 * `kubectl expose TYPE NAME`: creates a Service for a pod, deployment, replica set,
 * replication controller or service, taking its selector and ports from the object unless
 * `--selector` and `--port` say otherwise.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../sim/apiserver/patch';
import { PatchPlans } from '../apply/openapi';
import { resourceOf, withTypedApplyAnnotation } from '../create/generator';
import { flag } from '../flags/flags';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../mutate/dry-run';
import { filenameFlags } from '../mutate/files';
import { PRINT_FLAGS, objectPrinter } from '../mutate/print';
import { createObject } from '../mutate/requests';
import { findTargets } from '../resource/targets';
import type { Command, CommandContext } from './types';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const SERVICE = resourceOf('', 'v1', 'services', 'Service', true);

/** The selector of the object as `k=v,...` (MapBasedSelectorForObject). */
function selectorOf(object: KubeObject): Record<string, string> {
  const spec = rec(object.spec);
  const matchLabels = (): Record<string, string> => {
    const selector = rec(spec.selector);
    const kind = object.kind === 'Deployment' ? 'deployment' : 'replicaset';
    if (Object.keys(rec(selector.matchLabels)).length === 0)
      throw new Error(`invalid ${kind}: no selectors, therefore cannot be exposed`);
    if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0)
      throw new Error(
        `couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`,
      );
    return selector.matchLabels as Record<string, string>;
  };
  switch (object.kind) {
    case 'ReplicationController':
      return rec(spec.selector) as Record<string, string>;
    case 'Pod':
      if (Object.keys(object.metadata.labels ?? {}).length === 0)
        throw new Error('the pod has no labels and cannot be exposed');
      return object.metadata.labels as Record<string, string>;
    case 'Service':
      if (spec.selector === undefined) throw new Error('the service has no pod selector set');
      return spec.selector as Record<string, string>;
    default:
      return matchLabels();
  }
}

/** The ports (and their protocols) of the object's containers, or of a service. */
function portsOf(object: KubeObject): { port: string; protocol: string }[] {
  const spec = rec(object.spec);
  if (object.kind === 'Service')
    return (Array.isArray(spec.ports) ? spec.ports : []).map((p) => ({
      port: String(rec(p).port),
      protocol: String(rec(p).protocol ?? 'TCP'),
    }));
  const podSpec = object.kind === 'Pod' ? spec : rec(rec(spec.template).spec);
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers.map(rec) : [];
  return containers.flatMap((c) =>
    (Array.isArray(c.ports) ? c.ports.map(rec) : []).map((p) => ({
      port: String(p.containerPort),
      protocol: String(p.protocol ?? 'TCP'),
    })),
  );
}

/** `a=b,c=d` as a map, as kubectl's expose parses --selector and --labels. */
function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '')
      throw new Error(`invalid label spec: ${pair}`);
    out[parts[0] as string] = parts[1] as string;
  }
  return out;
}

/** The Service for one object (createService). */
function serviceFor(ctx: CommandContext, object: KubeObject, name: string): KubeObject {
  const { flags } = ctx;
  const selectorText = flags.string('selector');
  let selector: Record<string, string>;
  try {
    selector = selectorText === '' ? selectorOf(object) : parseLabels(selectorText);
  } catch (error) {
    throw new Error(
      `couldn't retrieve selectors via --selector flag or introspection: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const clusterIP = flags.string('cluster-ip');
  const found = portsOf(object);
  const given = flags.string('port');
  const ports = given === '' ? found.map((p) => p.port) : given.split(',');
  if (given === '' && found.length === 0 && clusterIP !== 'None')
    throw new Error("couldn't find port via --port flag or introspection");
  const protocol = flags.string('protocol');
  const targetPort = flags.string('target-port');
  const servicePorts = ports.map((port, i) => {
    if (!/^[-+]?\d+$/.test(port))
      throw new Error(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
    const proto = protocol !== '' ? protocol : (found.find((p) => p.port === port)?.protocol ?? 'TCP');
    const n = Number(port);
    return {
      ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
      protocol: proto,
      port: n,
      targetPort: targetPort === '' ? n : /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort,
    };
  });
  const labelsText = flags.string('labels');
  const labels = labelsText !== '' ? parseLabels(labelsText) : object.metadata.labels;
  const type = flags.string('type');
  const affinity = flags.string('session-affinity');
  if (affinity !== '' && affinity !== 'None' && affinity !== 'ClientIP')
    throw new Error(`unknown session affinity: ${affinity}`);
  const externalIP = flags.string('external-ip');
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name,
      creationTimestamp: null,
      ...(labels === undefined || Object.keys(labels).length === 0 ? {} : { labels }),
    },
    spec: {
      ...(servicePorts.length > 0 ? { ports: servicePorts } : {}),
      selector,
      ...(clusterIP === '' ? {} : { clusterIP }),
      ...(type === '' ? {} : { type }),
      ...(externalIP === '' ? {} : { externalIPs: [externalIP] }),
      ...(affinity === '' ? {} : { sessionAffinity: affinity }),
      ...(type === 'LoadBalancer' && flags.string('load-balancer-ip') !== ''
        ? { loadBalancerIP: flags.string('load-balancer-ip') }
        : {}),
    },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

/** `--overrides`, merged into the generated object by `--override-type`. */
async function override(ctx: CommandContext, service: KubeObject): Promise<KubeObject> {
  const overrides = ctx.flags.string('overrides');
  if (overrides === '') return service;
  const type = ctx.flags.string('override-type');
  if (type === 'json') return applyJsonPatch(service, overrides) as KubeObject;
  if (type === 'merge') return applyMergePatch(service, overrides) as KubeObject;
  if (type !== 'strategic') throw new Error(`invalid override type: ${type}`);
  const plan = await new PatchPlans(ctx.client()).planFor(SERVICE);
  return applyStrategicMergePatch(
    service,
    overrides,
    plan.type === 'strategic' ? plan.schema : undefined,
  ) as KubeObject;
}

const EXPOSABLE = ['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet'];

async function run(ctx: CommandContext): Promise<void> {
  const dryRun = dryRunOf(ctx);
  const printer = objectPrinter(ctx, { typed: true });
  const { namespace, explicit } = ctx.namespace();
  const found = await findTargets(ctx, { selector: '', all: false, latest: true });
  const errors: unknown[] = [...found.errors];
  for (const target of found.targets) {
    try {
      const m = target.mapping;
      if (!EXPOSABLE.includes(m.kind) || !['', 'apps', 'extensions'].includes(m.group))
        throw new Error(`cannot expose a ${m.group === '' ? m.kind : `${m.kind}.${m.group}`}`);
      const name = ctx.flags.string('name') || target.name.slice(0, 63);
      const service = await override(ctx, serviceFor(ctx, target.object as KubeObject, name));
      if (dryRun === 'client') {
        const shown = explicit ? { ...service, metadata: { ...service.metadata, namespace } } : service;
        printer.print(shown as KubeObject, withDryRun('exposed', dryRun));
        continue;
      }
      const body = ctx.flags.bool('save-config') ? withTypedApplyAnnotation(service) : service;
      const actual = await createObject(ctx.client(), SERVICE, namespace, body, {
        fieldManager: ctx.flags.string('field-manager'),
        dryRun: dryRun === 'server',
      });
      printer.print(actual, withDryRun('exposed', dryRun));
    } catch (error) {
      errors.push(error);
    }
  }
  errors.push(...found.lateErrors);
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

const s = (name: string, usage: string, options: { shorthand?: string; default?: string } = {}) =>
  flag.string(name, usage, options);

export const expose: Command = {
  name: 'expose',
  usage:
    'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  short:
    'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 The service selects the pods the resource selects (a deployment's or replica set's selector, a pod's labels) and serves the ports its containers declare, unless --selector and --port say otherwise. Possible types are ClusterIP (default), NodePort, LoadBalancer and ExternalName.`,
  example: `# Expose a deployment on port 80, forwarding to its pods' port 8080
kubectl expose deployment web --port=80 --target-port=8080

# Expose it on every node's port (NodePort)
kubectl expose deployment web --port=80 --type=NodePort --name=web-nodeport`,
  flags: [
    ...PRINT_FLAGS,
    s(
      'cluster-ip',
      "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
    ),
    DRY_RUN_FLAG,
    s(
      'external-ip',
      'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
    ),
    s('field-manager', 'Name of the manager used to track field ownership.', { default: 'kubectl-expose' }),
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to expose a service'),
    s('labels', 'Labels to apply to the service created by this call.', { shorthand: 'l' }),
    s(
      'load-balancer-ip',
      'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).',
    ),
    s('name', 'The name for the newly created object.'),
    s('override-type', 'The method used to override the generated object: json, merge, or strategic.', {
      default: 'merge',
    }),
    s(
      'overrides',
      'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
    ),
    s(
      'port',
      'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    ),
    s('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
    flag.bool(
      'save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    ),
    s(
      'selector',
      'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
    ),
    s(
      'session-affinity',
      "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
    ),
    s(
      'target-port',
      'Name or number for the port on the container that the service should direct traffic to. Optional.',
    ),
    s(
      'type',
      "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    ),
  ],
  run,
};
