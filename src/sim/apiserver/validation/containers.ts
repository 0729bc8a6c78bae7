/**
 * Containers: names, images, ports, environment, volume mounts, pull policy, resources,
 * probes and security context (upstream's validateContainerCommon and the list checks).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { FieldError, Path } from './field';
import { duplicate, forbidden, invalid, notFound, notSupported, required } from './field';
import { isDNS1123Label, isValidPortName, isValidPortNum } from './names';
import { validateLifecycle, validateProbe } from './probes';
import { validateResourceRequirements } from './resources';
import { validateContainerSecurityContext } from './security';
import { arr, num, rec, str } from './util';
import { localDescendingPath } from './volumes';
import { validateEnv, validateEnvFrom } from './env';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
function validatePorts(ports: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr<Record<string, unknown>>(ports).forEach((port, i) => {
    const p = at.index(i);
    const name = str(port?.['name']);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(p.child('name'), name, m));
      else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port?.['containerPort']) ?? 0;
    if (containerPort === 0) errs.push(required(p.child('containerPort')));
    else
      for (const m of isValidPortNum(containerPort))
        errs.push(invalid(p.child('containerPort'), containerPort, m));
    const hostPort = num(port?.['hostPort']) ?? 0;
    if (hostPort !== 0)
      for (const m of isValidPortNum(hostPort)) errs.push(invalid(p.child('hostPort'), hostPort, m));
    const protocol = str(port?.['protocol']) || 'TCP';
    if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(p.child('protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

function validateVolumeMounts(
  mounts: unknown,
  volumes: ReadonlySet<string>,
  privileged: boolean,
  at: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  arr<Record<string, unknown>>(mounts).forEach((m, i) => {
    const p = at.index(i);
    const name = str(m?.['name']);
    const mountPath = str(m?.['mountPath']);
    if (!name) errs.push(required(p.child('name')));
    if (!volumes.has(name)) errs.push(notFound(p.child('name'), name));
    if (!mountPath) errs.push(required(p.child('mountPath')));
    if (paths.has(mountPath)) errs.push(invalid(p.child('mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
    const subPath = str(m?.['subPath']);
    const subPathExpr = str(m?.['subPathExpr']);
    if (subPath) errs.push(...localDescendingPath(subPath, at.child('subPath')));
    if (subPathExpr) {
      if (subPath)
        errs.push(
          invalid(p.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'),
        );
      errs.push(...localDescendingPath(subPathExpr, at.child('subPathExpr')));
    }
    const propagation = m?.['mountPropagation'];
    if (typeof propagation === 'string') {
      const pp = at.child('mountPropagation');
      const valid = ['Bidirectional', 'HostToContainer', 'None'];
      if (!valid.includes(propagation)) errs.push(notSupported(pp, propagation, valid));
      if (propagation === 'Bidirectional' && !privileged) {
        errs.push(
          forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'),
        );
      }
    }
  });
  return errs;
}

/** What a container list needs from its pod. */
export interface ContainerContext {
  readonly volumes: ReadonlySet<string>;
  readonly gracePeriod: number;
  readonly hostUsers: boolean;
}

/** validateContainerCommon: checks shared by regular, init and ephemeral containers. */
export function validateContainerCommon(c: Container, ctx: ContainerContext, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const ctr = rec(c);
  const name = str(ctr['name']);
  if (!name) errs.push(required(at.child('name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(at.child('name'), name, m));
  if (!str(ctr['image'])) errs.push(required(at.child('image')));
  const tmp = str(ctr['terminationMessagePolicy']) || 'File';
  if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(at.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  const privileged = rec(ctr['securityContext'])['privileged'] === true;
  errs.push(...validatePorts(ctr['ports'], at.child('ports')));
  errs.push(...validateEnv(ctr['env'], at.child('env')));
  errs.push(...validateEnvFrom(ctr['envFrom'], at.child('envFrom')));
  errs.push(...validateVolumeMounts(ctr['volumeMounts'], ctx.volumes, privileged, at.child('volumeMounts')));
  const pull = str(ctr['imagePullPolicy']);
  if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(at.child('imagePullPolicy'), pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(ctr['resources'], at.child('resources')));
  errs.push(
    ...validateContainerSecurityContext(ctr['securityContext'], ctx.hostUsers, at.child('securityContext')),
  );
  return errs;
}

function hostPortConflicts(containers: Container[], at: Path, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    arr<Record<string, unknown>>(c?.ports).forEach((port, pi) => {
      const hostPort = num(port?.['hostPort']) ?? 0;
      if (hostPort === 0) return;
      const key = `${str(port?.['protocol']) || 'TCP'}/${str(port?.['hostIP'])}/${hostPort}`;
      if (seen.has(key)) errs.push(duplicate(at.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validateContainers: at least one, unique names, probes and lifecycle. */
export function validateContainers(containers: unknown, ctx: ContainerContext, at: Path): FieldError[] {
  const list = arr<Container>(containers);
  if (list.length === 0) return [required(at)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = at.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = str(c?.name);
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    if (c?.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
    errs.push(...validateProbe(c?.livenessProbe, 'liveness', ctx.gracePeriod, p.child('livenessProbe')));
    errs.push(...validateProbe(c?.readinessProbe, 'readiness', ctx.gracePeriod, p.child('readinessProbe')));
    errs.push(...validateProbe(c?.startupProbe, 'startup', ctx.gracePeriod, p.child('startupProbe')));
    if (c?.restartPolicy !== undefined)
      errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(list, at));
  return errs;
}

/** validateInitContainers: like containers, plus sidecar (restartPolicy: Always) rules. */
export function validateInitContainers(
  init: unknown,
  regular: unknown,
  ctx: ContainerContext,
  at: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr<Container>(regular).map((c) => str(c?.name)));
  arr<Container>(init).forEach((c, i) => {
    const p = at.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const policy = c?.restartPolicy;
    if (policy !== undefined && policy !== 'Always')
      errs.push(notSupported(p.child('restartPolicy'), policy, ['Always']));
    const name = str(c?.name);
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], at));
    if (policy === 'Always') {
      if (c?.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
      errs.push(...validateProbe(c?.livenessProbe, 'liveness', ctx.gracePeriod, p.child('livenessProbe')));
      errs.push(...validateProbe(c?.readinessProbe, 'readiness', ctx.gracePeriod, p.child('readinessProbe')));
      errs.push(...validateProbe(c?.startupProbe, 'startup', ctx.gracePeriod, p.child('startupProbe')));
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c?.[key])
          errs.push(
            forbidden(p.child(key), 'may not be set for init containers without restartPolicy=Always'),
          );
      }
    }
  });
  return errs;
}

/** validateContainerOnlyForPod: a pod's (not a template's) images may not be padded. */
export function validateImageWhitespace(containers: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr<Container>(containers).forEach((c, i) => {
    const image = str(c?.image);
    if (image.trim() !== image)
      errs.push(invalid(at.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}
