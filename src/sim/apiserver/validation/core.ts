/**
 * Core (v1) ConfigMaps, Secrets, Namespaces and ServiceAccounts.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, deepEqual, forbidden, immutable, invalid, required, tooLong } from './field';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isConfigMapKey, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { arr, byteLength, rec, str } from './util';

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
