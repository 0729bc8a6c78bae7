/**
 * Core (v1) kinds other than pods and services: ConfigMaps, Secrets, Namespaces,
 * ServiceAccounts, Nodes, Endpoints and ReplicationControllers.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import {
  Path,
  deepEqual,
  duplicate,
  forbidden,
  immutable,
  invalid,
  nonNegative,
  notSupported,
  required,
  tooLong,
} from './field';
import { GoValue, goPointer, goQuote, goStringMap, goStringSlice } from './gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortNum,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names';
import { isIPv6, parseCIDR, validateCIDR, validateIP } from './net';
import { validatePodTemplateSpec } from './podspec';
import { validateTaintEffect } from './podsched';
import { readQuantity, validateQuantityValue } from './resources';
import { arr, byteLength, num, rec, str } from './util';

/** core.MaxSecretSize: 1 MiB of data in a Secret or ConfigMap. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** Decoded length of a base64 value (binaryData and Secret data arrive base64-encoded). */
function base64Length(v: unknown): number {
  const s = str(v).replace(/\s/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

/** ValidateConfigMap */
export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = rec(cm['data']);
  const binary = rec(cm['binaryData']);
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    const p = Path.of('data').key(key);
    for (const m of isConfigMapKey(key)) errs.push(invalid(p, key, m));
    if (key in binary) errs.push(invalid(p, key, 'duplicate of key present in binaryData'));
    total += byteLength(str(value));
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(Path.of('binaryData').key(key), key, m));
    total += base64Length(value);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

function immutableData(obj: KubeObject, old: KubeObject, keys: readonly string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (obj['immutable'] !== true)
    errs.push(forbidden(Path.of('immutable'), 'field is immutable when `immutable` is set'));
  for (const key of keys) {
    if (!deepEqual(obj[key], old[key]))
      errs.push(forbidden(Path.of(key), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** ValidateConfigMapUpdate */
export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cm.metadata, old.metadata),
    ...immutableData(cm, old, ['data', 'binaryData']),
    ...validateConfigMap(cm),
  ];
}

/** A Secret's data as the internal type holds it: base64 data overlaid with stringData. */
function secretData(secret: KubeObject): Map<string, { size: number; text: string }> {
  const out = new Map<string, { size: number; text: string }>();
  for (const [k, v] of Object.entries(rec(secret['data'])))
    out.set(k, { size: base64Length(v), text: decodeBase64(str(v)) });
  for (const [k, v] of Object.entries(rec(secret['stringData'])))
    out.set(k, { size: byteLength(str(v)), text: str(v) });
  return out;
}

function decodeBase64(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of s.replace(/[\s=]/g, '')) {
    const i = alphabet.indexOf(ch);
    if (i < 0) break;
    value = (value << 6) | i;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

/** Go's json.Unmarshal error for text that is not a JSON object (approximated). */
function jsonError(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return undefined;
    return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v} into Go value of type map[string]interface {}`;
  } catch {
    const text2 = text.trimStart();
    const first = text2[0];
    if (first === undefined) return 'unexpected end of JSON input';
    const literal = first === 'n' ? 'null' : first === 't' ? 'true' : first === 'f' ? 'false' : undefined;
    if (literal) {
      for (let i = 1; i < literal.length; i++) {
        const c = text2[i];
        if (c === undefined) return 'unexpected end of JSON input';
        if (c !== literal[i])
          return `invalid character '${c}' in literal ${literal} (expecting '${literal[i]}')`;
      }
    }
    if (!'{["-0123456789'.includes(first) && !literal)
      return `invalid character '${first}' looking for beginning of value`;
    return 'unexpected end of JSON input';
  }
}

/** ValidateSecret: keys, 1 MiB in total, and the keys each type requires. */
export function validateSecret(secret: KubeObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = Path.of('data');
  const data = secretData(secret);
  let total = 0;
  for (const [key, v] of data) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
    total += v.size;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, MAX_SECRET_SIZE));
  const need = (key: string): void => {
    if (!data.has(key)) errs.push(required(dataPath.key(key)));
  };
  const jsonKey = (key: string): void => {
    const v = data.get(key);
    if (!v) return need(key);
    const e = jsonError(v.text);
    if (e) errs.push(invalid(dataPath.key(key), '<secret contents redacted>', e));
  };
  switch (str(secret['type'])) {
    case 'kubernetes.io/service-account-token':
      if (!str(rec(secret.metadata?.annotations)['kubernetes.io/service-account.name'])) {
        errs.push(required(Path.of('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      jsonKey('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      jsonKey('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) {
        errs.push(required(dataPath.key('username')), required(dataPath.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data.get('ssh-privatekey')?.size) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
  }
  return errs;
}

/** ValidateSecretUpdate: the type is immutable, and so is everything once `immutable` is set. */
export function validateSecretUpdate(secret: KubeObject, old: KubeObject): FieldError[] {
  const type = str(secret['type']) || 'Opaque';
  return [
    ...validateObjectMetaUpdate(secret.metadata, old.metadata),
    ...immutable(type, str(old['type']) || 'Opaque', Path.of('type')),
    ...immutableData(secret, old, ['data']),
    ...validateSecret(secret),
  ];
}

/** ValidateNamespace: DNS-label names and valid spec.finalizers. */
export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const p = Path.of('spec', 'finalizers');
  for (const f of arr<string>(rec(ns['spec'])['finalizers']).map(str)) {
    for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f)) {
      errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/** ValidateServiceAccount (create, and on update after the meta checks). */
export function validateServiceAccount(sa: KubeObject): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
}

function nodeTaints(taints: unknown): FieldError[] {
  // Upstream builds this path from "metadata", so taint errors read metadata.taints[i].
  const at = Path.of('metadata', 'taints');
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr<Record<string, unknown>>(taints).forEach((t, i) => {
    const p = at.index(i);
    const key = str(t?.['key']);
    const value = str(t?.['value']);
    const effect = str(t?.['effect']);
    for (const m of isQualifiedName(key)) errs.push(invalid(p.child('key'), key, m));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(p.child('value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, p.child('effect')));
    if (seen.has(`${effect}\u0000${key}`)) {
      const printed = new GoValue(
        `core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:${goPointer('v1.Time', t?.['timeAdded'] !== undefined)}}`,
      );
      errs.push({ ...duplicate(p, printed), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(`${effect}\u0000${key}`);
  });
  return errs;
}

function nodeResources(node: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(rec(rec(node['status'])[list]))) {
      const q = readQuantity(v);
      if (q) errs.push(...validateQuantityValue(k, q, Path.of('status', list, k)));
    }
  }
  return errs;
}

/** ValidateNode */
export function validateNode(node: KubeObject): FieldError[] {
  const errs = [
    ...validateObjectMeta(node.metadata, false, nameIsDNSSubdomain),
    ...nodeTaints(rec(node['spec'])['taints']),
    ...nodeResources(node),
  ];
  const cidrs = arr<string>(rec(node['spec'])['podCIDRs']);
  const p = Path.of('spec', 'podCIDRs');
  cidrs.forEach((c, i) => errs.push(...validateCIDR(p.index(i), str(c))));
  if (cidrs.length > 1) {
    const families = cidrs.map((c) => (parseCIDR(str(c))?.width === 128 ? 6 : 4));
    if (cidrs.length > 2 || families[0] === families[1])
      errs.push(invalid(p, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
    cidrs.forEach((c, i) => {
      if (cidrs.indexOf(c) < i) errs.push(duplicate(p.index(i), c));
    });
  }
  return errs;
}

/** ValidateNodeUpdate: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const spec = rec(node['spec']);
  const oldSpec = rec(old['spec']);
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata), ...nodeResources(node)];
  const oldCIDRs = arr<string>(oldSpec['podCIDRs']);
  const cidrs = arr<string>(spec['podCIDRs']);
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(forbidden(Path.of('spec', 'podCIDRs'), cidrMsg));
    else
      oldCIDRs.forEach(
        (c, i) => c !== cidrs[i] && errs.push(forbidden(Path.of('spec', 'podCIDRs'), cidrMsg)),
      );
  }
  if (str(oldSpec['providerID']) && oldSpec['providerID'] !== spec['providerID']) {
    errs.push(
      forbidden(
        Path.of('spec', 'providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  errs.push(...nodeTaints(spec['taints']));
  return errs;
}

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
