/**
 * Endpoints and ReplicationControllers.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, forbidden, invalid, nonNegative, notSupported, required } from './field';
import { goStringMap } from './gofmt';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNSSubdomain } from './names';
import { isIPv6, validateIP } from './net';
import { validatePodTemplateSpec } from './podspec';
import { arr, num, rec, str } from './util';

/** ValidateEndpoints */
export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  arr<Record<string, unknown>>(ep['subsets']).forEach((ss, i) => {
    const p = Path.of('subsets').index(i);
    if (arr(ss?.['addresses']).length === 0 && arr(ss?.['notReadyAddresses']).length === 0) {
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    for (const list of ['addresses', 'notReadyAddresses']) {
      arr<Record<string, unknown>>(ss?.[list]).forEach((a, j) => {
        const ap = p.child(list).index(j);
        const ip = str(a?.['ip']);
        errs.push(...validateIP(ap.child('ip'), ip));
        const hostname = str(a?.['hostname']);
        if (hostname)
          for (const m of isDNS1123Label(hostname)) errs.push(invalid(ap.child('hostname'), hostname, m));
        if (typeof a?.['nodeName'] === 'string')
          for (const m of isDNS1123Subdomain(a['nodeName']))
            errs.push(invalid(ap.child('nodeName'), a['nodeName'], m));
        if (/^127\.|^::1$/.test(ip))
          errs.push(invalid(ap.child('ip'), ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
        else if (/^169\.254\./.test(ip) || (isIPv6(ip) && /^fe[89ab]/i.test(ip))) {
          errs.push(
            invalid(ap.child('ip'), ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
          );
        }
      });
    }
    const ports = arr<Record<string, unknown>>(ss?.['ports']);
    ports.forEach((port, j) => {
      const pp = p.child('ports').index(j);
      const name = str(port?.['name']);
      if (ports.length > 1 && !name) errs.push(required(pp.child('name')));
      else if (name) for (const m of isDNS1123Label(name)) errs.push(invalid(pp.child('name'), name, m));
      const n = num(port?.['port']) ?? 0;
      for (const m of isValidPortNum(n)) errs.push(invalid(pp.child('port'), n, m));
      const protocol = str(port?.['protocol']) || 'TCP';
      if (!['SCTP', 'TCP', 'UDP'].includes(protocol))
        errs.push(notSupported(pp.child('protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
}

/** ValidateReplicationController (spec and template; the selector is a plain map). */
export function validateReplicationControllerSpec(rc: KubeObject): FieldError[] {
  const spec = rec(rc['spec']);
  const at = Path.of('spec');
  const errs = nonNegative(spec['minReadySeconds'], at.child('minReadySeconds'));
  const selector = rec(spec['selector']);
  if (Object.keys(selector).length === 0) errs.push(required(at.child('selector')));
  errs.push(...nonNegative(spec['replicas'], at.child('replicas')));
  const template = spec['template'];
  const tp = at.child('template');
  if (template === undefined || template === null) return [...errs, required(tp)];
  const t = rec(template);
  const labels = rec(rec(t['metadata'])['labels']);
  if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    errs.push(
      invalid(
        tp.child('metadata', 'labels'),
        goStringMap(rec(t['metadata'])['labels']),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(t, tp));
  const restartPolicy = str(rec(t['spec'])['restartPolicy']) || 'Always';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (rec(t['spec'])['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        tp.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicationController is not Supported',
      ),
    );
  }
  return errs;
}
