/**
 * Container environment: env names and valueFrom sources, and envFrom.
 */
import type { FieldError, Path } from './field';
import { invalid, notSupported, required } from './field';
import { isConfigMapKey, isDNS1123Subdomain, isEnvVarName } from './names';
import { arr, rec, str } from './util';

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS,
  'metadata.annotations',
  'metadata.labels',
  'spec.restartPolicy',
  'spec.schedulerName',
  'status.phase',
]);
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

function keySelector(sel: Record<string, unknown>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sel['name']);
  for (const m of isDNS1123Subdomain(name)) errs.push(invalid(at.child('name'), name, m));
  const key = str(sel['key']);
  if (!key) errs.push(required(at.child('key')));
  else for (const m of isConfigMapKey(key)) errs.push(invalid(at.child('key'), key, m));
  return errs;
}

function fieldSelector(fs: Record<string, unknown>, at: Path): FieldError[] {
  const apiVersion = str(fs['apiVersion']) || 'v1';
  const fieldPath = str(fs['fieldPath']);
  if (!fieldPath) return [required(at.child('fieldPath'))];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (apiVersion !== 'v1') {
    return [
      invalid(
        at.child('fieldPath'),
        fieldPath,
        `error converting fieldPath: unsupported pod version: ${apiVersion}`,
      ),
    ];
  }
  if (sub) return [];
  if (/^[^[]*\[.*\]$/.test(fieldPath)) {
    return [
      invalid(
        at.child('fieldPath'),
        fieldPath,
        `error converting fieldPath: field label does not support subscript: ${fieldPath}`,
      ),
    ];
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath) && fieldPath !== 'spec.host') {
    return [
      invalid(
        at.child('fieldPath'),
        fieldPath,
        `error converting fieldPath: field label not supported: ${fieldPath}`,
      ),
    ];
  }
  const path = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  return ENV_FIELD_PATHS.includes(path) ? [] : [notSupported(at.child('fieldPath'), path, ENV_FIELD_PATHS)];
}

/** ValidateEnv: names, and exactly one valueFrom source. */
export function validateEnv(env: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr<Record<string, unknown>>(env).forEach((ev, i) => {
    const p = at.index(i);
    const name = str(ev?.['name']);
    if (!name) errs.push(required(p.child('name')));
    else for (const m of isEnvVarName(name)) errs.push(invalid(p.child('name'), name, m));
    const from = ev?.['valueFrom'];
    if (from === undefined || from === null) return;
    const vf = rec(from);
    const fp = p.child('valueFrom');
    let sources = 0;
    if (vf['fieldRef']) {
      sources++;
      errs.push(...fieldSelector(rec(vf['fieldRef']), fp.child('fieldRef')));
    }
    if (vf['resourceFieldRef']) {
      sources++;
      const resource = str(rec(vf['resourceFieldRef'])['resource']);
      const rp = fp.child('resourceFieldRef');
      if (!resource) errs.push(required(rp.child('resource')));
      else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
        errs.push(notSupported(rp.child('resource'), resource, RESOURCE_FIELD_PATHS));
      }
    }
    if (vf['configMapKeyRef']) {
      sources++;
      errs.push(...keySelector(rec(vf['configMapKeyRef']), fp.child('configMapKeyRef')));
    }
    if (vf['secretKeyRef']) {
      sources++;
      errs.push(...keySelector(rec(vf['secretKeyRef']), fp.child('secretKeyRef')));
    }
    if (sources === 0) {
      errs.push(
        invalid(
          fp,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    } else if (str(ev?.['value'])) {
      errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(fp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

/** ValidateEnvFrom: a prefix and exactly one of configMapRef or secretRef. */
export function validateEnvFrom(envFrom: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr<Record<string, unknown>>(envFrom).forEach((ev, i) => {
    const p = at.index(i);
    const prefix = str(ev?.['prefix']);
    if (prefix) for (const m of isEnvVarName(prefix)) errs.push(invalid(p.child('prefix'), prefix, m));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      if (!ev?.[key]) continue;
      sources++;
      const name = str(rec(ev[key])['name']);
      const np = p.child(key).child('name');
      if (!name) errs.push(required(np));
      else
        for (const m of isDNS1123Subdomain(
          name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name,
        ))
          errs.push(invalid(np, name, m));
    }
    if (sources === 0) errs.push(invalid(at, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(at, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
