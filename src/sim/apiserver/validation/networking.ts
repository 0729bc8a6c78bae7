/**
 * networking.k8s.io/v1: Ingresses, IngressClasses and NetworkPolicies.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, forbidden, immutable, invalid, notSupported, required } from './field';
import { GoValue, goStringSlice } from './gofmt';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import {
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from './names';
import { cidrStrictSubset, isIP, parseCIDR, validateCIDR } from './net';
import { arr, num, rec, str } from './util';

const SPEC = Path.of('spec');
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function backend(b: Record<string, unknown>, at: Path): FieldError[] {
  const hasResource = !!b['resource'];
  const svc = b['service'];
  if (hasResource && svc) return [invalid(at, '', 'cannot set both resource and service backends')];
  const errs: FieldError[] = [];
  if (hasResource) {
    const r = rec(b['resource']);
    const p = at.child('resource');
    if (typeof r['apiGroup'] === 'string')
      errs.push(
        ...isDNS1123Subdomain(r['apiGroup']).map((m) => invalid(p.child('apiGroup'), r['apiGroup'], m)),
      );
    for (const key of ['kind', 'name']) {
      const v = str(r[key]);
      if (!v) errs.push(required(p.child(key)));
      else errs.push(...isValidPathSegmentName(v).map((m) => invalid(p.child(key), v, m)));
    }
    return errs;
  }
  if (!svc) return [invalid(at, '', 'resource or service backend is required')];
  const s = rec(svc);
  const name = str(s['name']);
  if (!name) errs.push(required(at.child('service', 'name')));
  else
    errs.push(...nameIsDNS1035Label(name, false).map((m) => invalid(at.child('service', 'name'), name, m)));
  const port = rec(s['port']);
  const portName = str(port['name']);
  const portNumber = num(port['number']) ?? 0;
  if (portName && portNumber !== 0) errs.push(invalid(at, '', 'cannot set both port name & port number'));
  else if (portName)
    errs.push(
      ...isValidPortName(portName).map((m) => invalid(at.child('service', 'port', 'name'), portName, m)),
    );
  else if (portNumber !== 0)
    errs.push(
      ...isValidPortNum(portNumber).map((m) => invalid(at.child('service', 'port', 'number'), portNumber, m)),
    );
  else errs.push(required(at, 'port name or number is required'));
  return errs;
}

function httpPath(p: Record<string, unknown>, at: Path): FieldError[] {
  const type = p['pathType'];
  if (typeof type !== 'string') return [required(at.child('pathType'), 'pathType must be specified')];
  const path = str(p['path']);
  const errs: FieldError[] = [];
  if (type === 'Exact' || type === 'Prefix') {
    if (!path.startsWith('/')) errs.push(invalid(at.child('path'), path, 'must be an absolute path'));
    if (path) {
      for (const seq of ['//', '/./', '/../', '%2f', '%2F'])
        if (path.includes(seq)) errs.push(invalid(at.child('path'), path, `must not contain '${seq}'`));
      for (const suffix of ['/..', '/.'])
        if (path.endsWith(suffix)) errs.push(invalid(at.child('path'), path, `cannot end with '${suffix}'`));
    }
  } else if (type === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) errs.push(invalid(at.child('path'), path, 'must be an absolute path'));
  } else {
    errs.push(notSupported(at.child('pathType'), type, PATH_TYPES));
  }
  return [...errs, ...backend(rec(p['backend']), at.child('backend'))];
}

function ingressSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const rules = arr<Record<string, unknown>>(spec['rules']);
  if (rules.length === 0 && !spec['defaultBackend']) {
    const printed = new GoValue(
      Array.isArray(spec['rules']) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)',
    );
    errs.push(invalid(SPEC, printed, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec['defaultBackend'])
    errs.push(...backend(rec(spec['defaultBackend']), SPEC.child('defaultBackend')));
  rules.forEach((rule, i) => {
    const at = SPEC.child('rules').index(i);
    const host = str(rule?.['host']);
    if (host) {
      if (isIP(host)) errs.push(invalid(at.child('host'), host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...msgs.map((m) => invalid(at.child('host'), host, m)));
    }
    const http = rule?.['http'];
    if (http) {
      const paths = arr<Record<string, unknown>>(rec(http)['paths']);
      if (paths.length === 0) errs.push(required(at.child('http', 'paths')));
      paths.forEach((p, j) => errs.push(...httpPath(rec(p), at.child('http', 'paths').index(j))));
    }
  });
  arr<Record<string, unknown>>(spec['tls']).forEach((tls, i) => {
    const at = SPEC.child('tls').index(i);
    arr<string>(tls?.['hosts']).forEach((host, j) => {
      const h = str(host);
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      errs.push(...msgs.map((m) => invalid(at.child('hosts').index(j), h, m)));
    });
    const secret = str(tls?.['secretName']);
    if (secret)
      errs.push(...isDNS1123Subdomain(secret).map((m) => invalid(at.child('secretName'), secret, m)));
  });
  if (typeof spec['ingressClassName'] === 'string') {
    const c = spec['ingressClassName'];
    errs.push(...isDNS1123Subdomain(c).map((m) => invalid(SPEC.child('ingressClassName'), c, m)));
  }
  return errs;
}

/** ValidateIngressCreate */
export function validateIngress(ing: KubeObject): FieldError[] {
  const spec = rec(ing['spec']);
  const errs = [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...ingressSpec(spec)];
  const annotation = rec(ing.metadata?.annotations)['kubernetes.io/ingress.class'];
  if (
    typeof annotation === 'string' &&
    typeof spec['ingressClassName'] === 'string' &&
    annotation !== spec['ingressClassName']
  ) {
    errs.push(
      invalid(
        Path.of('annotations', 'kubernetes.io/ingress.class'),
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    );
  }
  return errs;
}

/** ValidateIngressUpdate */
export function validateIngressUpdate(ing: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ing.metadata, old.metadata),
    ...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain),
    ...ingressSpec(rec(ing['spec'])),
  ];
}

/** ValidateIngressClass, and on update the immutable controller. */
export function validateIngressClass(ic: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old ? validateObjectMetaUpdate(ic.metadata, old.metadata) : [];
  const controller = str(rec(ic['spec'])['controller']);
  const cp = SPEC.child('controller');
  if (old) errs.push(...immutable(controller, str(rec(old['spec'])['controller']), cp));
  errs.push(...validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain));
  if (!controller) errs.push(required(cp));
  else {
    if (controller.length > 250)
      errs.push({
        type: 'FieldValueTooLong',
        field: String(cp),
        badValue: '<value omitted>',
        detail: 'may not be more than 250 bytes',
      });
    const [host = '', path = ''] = [
      controller.slice(0, Math.max(0, controller.indexOf('/'))),
      controller.slice(controller.indexOf('/') + 1),
    ];
    if (!controller.includes('/') || !host || !path) {
      errs.push(invalid(cp, controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    } else {
      errs.push(...isDNS1123Subdomain(host).map((m) => invalid(cp, host, m)));
      if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) {
        errs.push(
          invalid(cp, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"),
        );
      }
    }
  }
  return errs;
}

function policyPort(port: Record<string, unknown>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const protocol = port['protocol'];
  if (typeof protocol === 'string' && !['TCP', 'UDP', 'SCTP'].includes(protocol)) {
    errs.push(notSupported(at.child('protocol'), protocol, ['TCP', 'UDP', 'SCTP']));
  }
  const p = port['port'];
  const end = num(port['endPort']);
  if (typeof p === 'number') {
    errs.push(...isValidPortNum(p).map((m) => invalid(at.child('port'), p, m)));
    if (end !== undefined) {
      if (end < p) errs.push(invalid(at.child('endPort'), end, 'must be greater than or equal to `port`'));
      errs.push(...isValidPortNum(end).map((m) => invalid(at.child('endPort'), end, m)));
    }
  } else if (typeof p === 'string') {
    if (end !== undefined)
      errs.push(invalid(at.child('endPort'), end, 'may not be specified when `port` is non-numeric'));
    errs.push(...isValidPortName(p).map((m) => invalid(at.child('port'), p, m)));
  } else if (end !== undefined) {
    errs.push(invalid(at.child('endPort'), end, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function policyPeer(peer: Record<string, unknown>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const key of ['podSelector', 'namespaceSelector']) {
    if (!peer[key]) continue;
    count++;
    errs.push(...validateLabelSelector(peer[key] as LabelSelector, at.child(key)));
  }
  if (peer['ipBlock']) {
    count++;
    const ipb = rec(peer['ipBlock']);
    const cidr = str(ipb['cidr']);
    const p = at.child('ipBlock');
    if (!cidr) errs.push(required(p.child('cidr')));
    else {
      errs.push(...validateCIDR(p.child('cidr'), cidr));
      if (parseCIDR(cidr)) {
        arr<string>(ipb['except']).forEach((e, i) => {
          const ep = p.child('except').index(i);
          const v = validateCIDR(ep, str(e));
          errs.push(...v);
          if (!v.length && !cidrStrictSubset(cidr, str(e)))
            errs.push(invalid(ep, str(e), 'must be a strict subset of `cidr`'));
        });
      }
    }
  }
  if (count === 0) errs.push(required(at, 'must specify a peer'));
  else if (count > 1 && peer['ipBlock'])
    errs.push(forbidden(at, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** ValidateNetworkPolicy (create and update share the spec rules). */
export function validateNetworkPolicy(np: KubeObject, old?: KubeObject): FieldError[] {
  const spec = rec(np['spec']);
  const errs = old
    ? validateObjectMetaUpdate(np.metadata, old.metadata)
    : validateObjectMeta(np.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateLabelSelector(rec(spec['podSelector']), SPEC.child('podSelector')));
  for (const [dir, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    arr<Record<string, unknown>>(spec[dir]).forEach((rule, i) => {
      const at = SPEC.child(dir).index(i);
      arr<Record<string, unknown>>(rule?.['ports']).forEach((p, j) =>
        errs.push(...policyPort(rec(p), at.child('ports').index(j))),
      );
      arr<Record<string, unknown>>(rule?.[peers]).forEach((p, j) =>
        errs.push(...policyPeer(rec(p), at.child(peers).index(j))),
      );
    });
  }
  const types = arr<string>(spec['policyTypes']);
  if (types.length > 2) {
    errs.push(
      invalid(
        SPEC.child('policyTypes'),
        goStringSlice(types, '[]networking.PolicyType'),
        'may not specify more than two policyTypes',
      ),
    );
  } else
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress')
        errs.push(notSupported(SPEC.child('policyTypes').index(i), str(t), ['Ingress', 'Egress']));
    });
  return errs;
}
