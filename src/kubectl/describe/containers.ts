/**
 * The Containers / Init Containers blocks of pods and pod templates: image and ports,
 * command, state, resources, probes, environment and mounts of each container.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
  ResourceRequirements,
} from 'kubernetes-types/core/v1';
import { compareStrings, intOrString } from '../../sim/apiserver/printers/format';
import { goList, printBool, rfc1123z, stringOrNone } from './format';
import { goSort } from './gosort';
import { quantity, quantityMilliValue, quantityString, quantityValue } from './quantity';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/**
 * Writes a `label:` block for `containers`. `statuses` (a pod's) add IDs and state; `pod`
 * resolves downward-API environment values; `space` indents the block inside a template.
 */
export function describeContainers(
  label: string,
  containers: readonly Container[] | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const list = containers ?? [];
  w.write(LEVEL_0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const container of list) {
    const status = byName.get(container.name);
    describeBasicInfo(container, status, space, w);
    describeCommand(container, w);
    if (status) describeContainerState(status, w);
    describeResources(container.resources, w, LEVEL_2);
    describeProbes(container, w);
    if ((container.envFrom ?? []).length > 0) describeEnvFrom(container, w);
    describeEnv(container, pod, w);
    describeMounts(container, w);
  }
}

function describeBasicInfo(
  c: Container,
  status: ContainerStatus | undefined,
  space: string,
  w: PrefixWriter,
) {
  w.write(LEVEL_1, `${space === '' ? '' : ' '}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost')
      w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(c: Container, w: PrefixWriter): void {
  for (const [title, values] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!values || values.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const value of values) for (const s of value.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** `State:` and `Last State:` (when the container has terminated before), readiness, restarts. */
function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeState('State', status.state, w);
  if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeState(name: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** `Limits:` and `Requests:`, each resource on its own line in name order. */
export function describeResources(
  resources: ResourceRequirements | undefined,
  w: PrefixWriter,
  level: number,
) {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantityString(quantity(list?.[name]))}\n`);
  }
}

function describeProbes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** Characters Go's url package leaves alone in a path. */
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;

function escapePath(path: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && PATH_SAFE.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** An http-get probe's target as Go's url.URL prints it. */
function probeURL(scheme: string, host: string, port: string, path: string): string {
  const joined = port === '' ? host : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  let url = scheme === '' ? '' : `${scheme}:`;
  if (scheme !== '' || joined !== '') {
    if (joined !== '' || path !== '') url += '//';
    url += joined;
  }
  const escaped = escapePath(path);
  if (escaped !== '' && !escaped.startsWith('/') && joined !== '') url += '/';
  return url + escaped;
}

/** A probe in one line: `http-get http://:8080/healthz delay=0s timeout=1s period=10s ...`. */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s ` +
    `#success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec ${goList(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const url = probeURL(
      (g.scheme ?? '').toLowerCase(),
      g.host ?? '',
      intOrString(g.port ?? ''),
      g.path ?? '',
    );
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket)
    return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref?.optional === true;
    const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
    w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${optional}\n`);
  }
}

/**
 * The value kubectl shows for a downward-API variable: its client only knows how to read
 * metadata.name and metadata.namespace, every other field shows empty.
 */
function fieldRefValue(e: EnvVar, pod: Pod | undefined): string {
  if (!pod) return '';
  const path = e.valueFrom?.fieldRef?.fieldPath;
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

const RESOURCE_FIELDS: Readonly<Record<string, ['limits' | 'requests', string, 'milli' | 'value']>> = {
  'limits.cpu': ['limits', 'cpu', 'milli'],
  'limits.memory': ['limits', 'memory', 'value'],
  'limits.ephemeral-storage': ['limits', 'ephemeral-storage', 'value'],
  'requests.cpu': ['requests', 'cpu', 'milli'],
  'requests.memory': ['requests', 'memory', 'value'],
  'requests.ephemeral-storage': ['requests', 'ephemeral-storage', 'value'],
};

/** A resourceFieldRef's value for this container, divided by the divisor and rounded up. */
function resourceFieldValue(c: Container, resource: string, divisorText: unknown): string {
  let spec = RESOURCE_FIELDS[resource];
  const huge = /^(limits|requests)\.(hugepages-.*)$/.exec(resource);
  if (!spec && huge) spec = [huge[1] as 'limits' | 'requests', huge[2] ?? '', 'value'];
  if (!spec) return '';
  const [list, name, unit] = spec;
  let divisor = quantity(divisorText);
  if (divisor.nanos === 0n) divisor = quantity('1');
  const amount = quantity(c.resources?.[list]?.[name]);
  const ratio =
    unit === 'milli'
      ? quantityMilliValue(amount) / quantityMilliValue(divisor)
      : quantityValue(amount) / quantityValue(divisor);
  return String(Math.ceil(ratio));
}

function describeEnv(c: Container, pod: Pod | undefined, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      const ref = from.fieldRef;
      w.write(LEVEL_3, `${e.name}:\t${fieldRefValue(e, pod)} (${ref.apiVersion ?? ''}:${ref.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = resourceFieldValue(c, resource, from.resourceFieldRef.divisor);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = goSort([...(c.volumeMounts ?? [])], (a, b) => a.mountPath < b.mountPath);
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...devices], (a, b) => a.devicePath < b.devicePath)) {
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}
