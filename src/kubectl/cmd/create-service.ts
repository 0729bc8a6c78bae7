/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` and
 * `kubectl create ingress NAME`: Services selecting `app=NAME` with the `--tcp` ports, and
 * Ingresses from `host/path=service:port[,tls[=secret]]` rules.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import {
  GENERATOR_FLAGS,
  completeGenerator,
  createGenerated,
  namespaceField,
  resourceOf,
} from '../create/generator';
import { flag } from '../flags/flags';
import type { Command, CommandContext } from './types';

/** utilsnet.ParsePort with zero allowed. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535)
    throw new Error(
      `strconv.ParseUint: parsing ${JSON.stringify(text)}: ${/^\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`,
    );
  return Number(text);
}

/** validation.IsValidPortName's problems. */
function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

/** `port[:targetPort]` of `--tcp`. */
function servicePort(spec: string, nodePort: number) {
  const [first = '', second] = spec.split(':');
  const port = parsePort(first);
  let targetPort: number | string = port;
  if (second !== undefined) {
    if (/^[-+]?\d+$/.test(second)) {
      const n = Number(second);
      if (n < 1 || n > 65535) throw new Error('must be between 1 and 65535, inclusive');
      targetPort = n;
    } else {
      const problems = portNameProblems(second);
      if (problems.length > 0) throw new Error(problems.join(','));
      targetPort = second;
    }
  }
  return {
    name: spec.replace(/:/g, '-'),
    protocol: 'TCP',
    port,
    targetPort,
    ...(nodePort === 0 ? {} : { nodePort }),
  };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

async function runService(ctx: CommandContext, type: string): Promise<void> {
  const run = completeGenerator(ctx);
  const tcp = ctx.flags.strings('tcp');
  const clusterIP = type === 'ClusterIP' ? ctx.flags.string('clusterip') : '';
  const externalName = type === 'ExternalName' ? ctx.flags.string('external-name') : '';
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName')
    throw new Error('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && (externalName.length > 253 || !DNS_SUBDOMAIN.test(externalName)))
    throw new Error(`invalid service external name ${externalName}`);
  const nodePort = type === 'NodePort' ? ctx.flags.int('node-port') : 0;
  const ports = tcp.map((spec) => servicePort(spec, nodePort));
  const object = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: run.name, ...namespaceField(run), creationTimestamp: null, labels: { app: run.name } },
    spec: {
      ...(ports.length > 0 ? { ports } : {}),
      selector: { app: run.name },
      ...(clusterIP === '' ? {} : { clusterIP }),
      type,
      ...(externalName === '' ? {} : { externalName }),
    },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('', 'v1', 'services', 'Service', true),
    object,
    `failed to create ${type} service: `,
  );
}

/** `svc:port` as an Ingress backend. */
function backend(text: string) {
  const [name = '', port = ''] = text.split(':');
  return { service: { name, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

/** The Ingress spec of the run's `--class`, `--default-backend` and `--rule`s. */
function ingressSpec(ctx: CommandContext) {
  const rules = ctx.flags.strings('rule');
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  const seenHosts = new Set<string>();
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0] ?? '';
    const secret = (parts[1] ?? '').split('=')[1] ?? '';
    if (seenHosts.has(host)) continue;
    seenHosts.add(host);
    const existing = tls.find((t) => (t.secretName ?? '') === secret);
    if (existing !== undefined) {
      existing.hosts = [...(existing.hosts ?? []), host];
      continue;
    }
    const entry = {
      ...(host === '' ? {} : { hosts: [host] }),
      ...(secret === '' ? {} : { secretName: secret }),
    };
    if (Object.keys(entry).length > 0) tls.push(entry);
  }
  const ingressRules: { host?: string; http: { paths: object[] } }[] = [];
  for (const rule of rules) {
    const [hostPart = '', rest = ''] = (rule.split(',')[0] ?? '').split(/\/(.*)/s);
    const [pathText = '', service = ''] = rest.split('=');
    let path = `/${pathText}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const entry = { path, pathType, backend: backend(service) };
    const same = ingressRules.find((r) => (r.host ?? '') === hostPart);
    if (same !== undefined) same.http.paths.push(entry);
    else ingressRules.push({ ...(hostPart === '' ? {} : { host: hostPart }), http: { paths: [entry] } });
  }
  const className = ctx.flags.string('class');
  const defaultBackend = ctx.flags.string('default-backend');
  return {
    ...(className === '' ? {} : { ingressClassName: className }),
    ...(defaultBackend === '' ? {} : { defaultBackend: backend(defaultBackend) }),
    ...(tls.length > 0 ? { tls } : {}),
    ...(ingressRules.length > 0 ? { rules: ingressRules } : {}),
  };
}

async function runIngress(ctx: CommandContext): Promise<void> {
  const run = completeGenerator(ctx);
  const rules = ctx.flags.strings('rule');
  const defaultBackend = ctx.flags.string('default-backend');
  if (defaultBackend === '' && rules.length === 0)
    throw new Error(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  for (const rule of rules)
    if (!RULE.test(rule))
      throw new Error(
        `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  const annotations: Record<string, string> = {};
  for (const a of ctx.flags.strings('annotation')) {
    const eq = a.indexOf('=');
    if (eq < 0) throw new Error(`annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (defaultBackend !== '' && defaultBackend.split(':').length !== 2)
    throw new Error('default-backend should be in format servicename:serviceport');
  const object = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: {
      name: run.name,
      ...namespaceField(run),
      creationTimestamp: null,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: ingressSpec(ctx),
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  await createGenerated(
    ctx,
    run,
    resourceOf('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true),
    object,
    'failed to create ingress: ',
  );
}

const TCP_FLAG = flag.stringSlice('tcp', "Port pairs can be specified as '<port>:<targetPort>'.");

/** One `create service <type>` subcommand. */
function serviceCommand(
  name: string,
  type: string,
  extra: ReturnType<typeof flag.string>[],
  short: string,
): Command {
  return {
    name,
    usage: `${name} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]`,
    short,
    long: `${short}: it selects the pods labelled app=NAME.`,
    example: `# Create a ${type} service for port 80, forwarding to the pods' port 8080\nkubectl create service ${name} web --tcp=80:8080`,
    flags: [...GENERATOR_FLAGS, ...extra, TCP_FLAG],
    run: (ctx) => runService(ctx, type),
  };
}

export const createServiceClusterIP = serviceCommand(
  'clusterip',
  'ClusterIP',
  [
    flag.string(
      'clusterip',
      "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
    ),
  ],
  'Create a ClusterIP service',
);
export const createServiceNodePort = serviceCommand(
  'nodeport',
  'NodePort',
  [flag.int('node-port', 'Port used to expose the service on each node in a cluster.')],
  'Create a NodePort service',
);
export const createServiceLoadBalancer = serviceCommand(
  'loadbalancer',
  'LoadBalancer',
  [],
  'Create a LoadBalancer service',
);
export const createServiceExternalName: Command = {
  ...serviceCommand(
    'externalname',
    'ExternalName',
    [flag.string('external-name', 'External name of service')],
    'Create an ExternalName service',
  ),
  usage: 'externalname NAME --external-name external.name [--dry-run=server|client|none]',
  requiredFlags: ['external-name'],
};

export const createIngress: Command = {
  name: 'ingress',
  aliases: ['ing'],
  usage: 'ingress NAME --rule=host/path=service:port[,tls[=secret]] ',
  short: 'Create an ingress with the specified name',
  long: 'Create an ingress with the specified name.',
  example: `# Route foo.com/bar to port 8080 of service svc1
kubectl create ingress simple --rule="foo.com/bar=svc1:8080"

# Route every path under /api (pathType Prefix), on the nginx class
kubectl create ingress api --class=nginx --rule="/api*=api:80"`,
  flags: [
    ...GENERATOR_FLAGS,
    flag.stringArray(
      'annotation',
      'Annotation to insert in the ingress object, in the format annotation=value',
    ),
    flag.string('class', 'Ingress Class to be used'),
    flag.string('default-backend', 'Default service for backend, in format of svcname:port'),
    flag.stringArray(
      'rule',
      "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
    ),
  ],
  run: runIngress,
};
