/**
 * ValidatePodSpec and ValidatePodTemplateSpec. Fields the defaulting step always fills
 * (restartPolicy, dnsPolicy, terminationGracePeriodSeconds, protocols, ...) are read with
 * their defaults, so an omitted field is never reported as missing.
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { FieldError, Path } from './field';
import { duplicate, forbidden, invalid, notSupported, required } from './field';
import { validateContainers, validateInitContainers } from './containers';
import { validateAnnotations, validateLabels } from './meta';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { validateIP } from './net';
import { validateAffinity, validateTolerations, validateTopologySpread } from './podsched';
import { validateResourceRequirements } from './resources';
import { validatePodSecurityContext } from './security';
import { arr, num, rec, str } from './util';
import { validateVolumes } from './volumes';

const MAX_INT32 = 2147483647;

function subdomainField(value: unknown, at: Path): FieldError[] {
  const v = str(value);
  return v ? isDNS1123Subdomain(v).map((m) => invalid(at, v, m)) : [];
}

function labelField(value: unknown, at: Path): FieldError[] {
  const v = str(value);
  return v ? isDNS1123Label(v).map((m) => invalid(at, v, m)) : [];
}

function validateDNSConfig(config: unknown, policy: string, at: Path): FieldError[] {
  if (policy === 'None') {
    if (config === undefined || config === null)
      return [required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(rec(config)['nameservers']).length === 0) {
      return [
        required(
          at.child('nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
    }
  }
  if (config === undefined || config === null) return [];
  const c = rec(config);
  const errs: FieldError[] = [];
  const nameservers = arr<string>(c['nameservers']);
  if (nameservers.length > 3)
    errs.push(invalid(at.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(at.child('nameservers').index(i), str(ns))));
  const searches = arr<string>(c['searches']);
  if (searches.length > 32)
    errs.push(invalid(at.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(
      invalid(
        at.child('searches'),
        searches,
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  }
  searches.forEach((s, i) =>
    errs.push(...subdomainField(str(s).replace(/\.$/, ''), at.child('searches').index(i))),
  );
  arr<Record<string, unknown>>(c['options']).forEach((o, i) => {
    if (!str(o?.['name'])) errs.push(required(at.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec */
export function validatePodSpec(spec: PodSpec | undefined, at: Path): FieldError[] {
  const s = rec(spec) as PodSpec & Record<string, unknown>;
  const errs: FieldError[] = [];
  const grace = num(s.terminationGracePeriodSeconds) ?? 30;
  const sc = rec(s.securityContext);
  const hostUsers = sc['hostUsers'] !== false;
  const vols = validateVolumes(s.volumes, at.child('volumes'));
  errs.push(...vols.errors);
  const ctx = { volumes: vols.names, gracePeriod: grace, hostUsers };
  errs.push(...validateContainers(s.containers, ctx, at.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, at.child('initContainers')));
  // For pods, defaulting copies containerPort into an unset hostPort, so only a
  // different, explicit hostPort is an error in both pods and templates.
  if (s.hostNetwork === true) {
    arr(s.containers).forEach((c, i) => {
      arr<Record<string, unknown>>(rec(c)['ports']).forEach((port, j) => {
        const hp = num(port?.['hostPort']) ?? 0;
        const cp = num(port?.['containerPort']) ?? 0;
        if (hp !== 0 && hp !== cp) {
          const p = at.child('containers').index(i).child('ports').index(j).child('hostPort');
          errs.push(invalid(p, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restartPolicy = str(s.restartPolicy) || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push(notSupported(at.child('restartPolicy'), restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dnsPolicy = str(s.dnsPolicy) || 'ClusterFirst';
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dnsPolicies.includes(dnsPolicy))
    errs.push(notSupported(at.child('dnsPolicy'), dnsPolicy, dnsPolicies));
  errs.push(...validateLabels(s.nodeSelector, at.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, at.child('securityContext')));
  if (s.shareProcessNamespace === true && s.hostPID === true) {
    errs.push(
      invalid(
        at.child('securityContext').child('shareProcessNamespace'),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  errs.push(...validateAffinity(s.affinity, at.child('affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, dnsPolicy, at.child('dnsConfig')));
  arr<Record<string, unknown>>(s.readinessGates).forEach((g, i) => {
    const type = str(g?.['conditionType']);
    for (const m of isQualifiedName(type))
      errs.push(invalid(at.child('readinessGates').index(i).child('conditionType'), type, m));
  });
  const gates = new Set<string>();
  arr<Record<string, unknown>>(s.schedulingGates).forEach((g, i) => {
    const name = str(g?.['name']);
    const p = at.child('schedulingGates').index(i);
    for (const m of isQualifiedName(name)) errs.push(invalid(p, name, m));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, at.child('topologySpreadConstraints')));
  errs.push(...subdomainField(s.serviceAccountName, at.child('serviceAccountName')));
  errs.push(...subdomainField(s.nodeName, at.child('nodeName')));
  const ads = num(s.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(at.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  errs.push(...labelField(s.hostname, at.child('hostname')));
  errs.push(...labelField(s.subdomain, at.child('subdomain')));
  errs.push(...validateTolerations(s.tolerations, at.child('tolerations')));
  arr<Record<string, unknown>>(s.hostAliases).forEach((ha, i) => {
    const p = at.child('hostAliases').index(i);
    errs.push(...validateIP(p.child('ip'), str(ha?.['ip'])));
    arr<string>(ha?.['hostnames']).forEach((h, j) =>
      errs.push(...isDNS1123Subdomain(str(h)).map((m) => invalid(p.child('hostnames').index(j), str(h), m))),
    );
  });
  errs.push(...subdomainField(s.priorityClassName, at.child('priorityClassName')));
  if (typeof s.runtimeClassName === 'string') {
    for (const m of isDNS1123Subdomain(s.runtimeClassName))
      errs.push(invalid(at.child('runtimeClassName'), s.runtimeClassName, m));
  }
  if (
    typeof s.preemptionPolicy === 'string' &&
    !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)
  ) {
    errs.push(
      notSupported(at.child('preemptionPolicy'), s.preemptionPolicy, ['PreemptLowerPriority', 'Never']),
    );
  }
  if (s.overhead) errs.push(...validateResourceRequirements({ limits: s.overhead }, at.child('overhead')));
  if (s.os) {
    const name = str(rec(s.os)['name']);
    if (!name) errs.push(required(at.child('os').child('name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows')
      errs.push(notSupported(at.child('os'), name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels, annotations and spec (no ephemeral containers). */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, at: Path): FieldError[] {
  const t = rec(template) as PodTemplateSpec;
  const errs = [
    ...validateLabels(t.metadata?.labels, at.child('labels')),
    ...validateAnnotations(t.metadata?.annotations, at.child('annotations')),
    ...validatePodSpec(t.spec, at.child('spec')),
  ];
  if (arr(t.spec?.ephemeralContainers).length > 0) {
    errs.push(
      forbidden(at.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
    );
  }
  return errs;
}
