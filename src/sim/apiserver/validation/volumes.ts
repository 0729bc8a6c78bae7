/**
 * Pod volumes: names, exactly one source each, and the common sources' fields
 * (upstream's ValidateVolumes and validateVolumeSource).
 */
import type { Volume } from 'kubernetes-types/core/v1';
import type { FieldError, Path } from './field';
import { duplicate, forbidden, invalid, notSupported, required } from './field';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { readQuantity } from './resources';
import { pvcSpec } from './storage';
import { arr, num, rec, str } from './util';

/** The volume sources in upstream's checking order, with the path name its errors use. */
const SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

/** validatePathNoBacksteps */
export function noBacksteps(path: string, at: Path): FieldError[] {
  return path.replace(/\\/g, '/').split('/').includes('..')
    ? [invalid(at, path, "must not contain '..'")]
    : [];
}

/** validateLocalDescendingPath: relative, without '..' elements. */
export function localDescendingPath(path: string, at: Path): FieldError[] {
  const errs = path.startsWith('/') ? [invalid(at, path, 'must be a relative path')] : [];
  return [...errs, ...noBacksteps(path, at)];
}

function localNonReservedPath(path: string, at: Path): FieldError[] {
  const errs = localDescendingPath(path, at);
  if (path.startsWith('..') && !path.startsWith('../'))
    errs.push(invalid(at, path, "must not start with '..'"));
  return errs;
}

function mode(v: unknown, at: Path): FieldError[] {
  const m = num(v);
  return m !== undefined && (m > 0o777 || m < 0) ? [invalid(at, m, FILE_MODE_ERROR)] : [];
}

function keyToPaths(items: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr<Record<string, unknown>>(items).forEach((kp, i) => {
    const p = at.index(i);
    if (!str(kp?.['key'])) errs.push(required(p.child('key')));
    if (!str(kp?.['path'])) errs.push(required(p.child('path')));
    errs.push(...localNonReservedPath(str(kp?.['path']), p.child('path')));
    errs.push(...mode(kp?.['mode'], p.child('mode')));
  });
  return errs;
}

function validateSource(key: string, source: Record<string, unknown>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case 'emptyDir': {
      const q = readQuantity(source['sizeLimit']);
      if (q && q.nanos < 0n)
        errs.push(forbidden(at.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const path = str(source['path']);
      if (!path) return [required(at.child('path'))];
      errs.push(...noBacksteps(path, at.child('path')));
      const type = source['type'];
      if (typeof type === 'string' && !HOST_PATH_TYPES.includes(type)) {
        errs.push(notSupported(at.child('type'), type, HOST_PATH_TYPES));
      }
      break;
    }
    case 'secret':
      if (!str(source['secretName'])) errs.push(required(at.child('secretName')));
      errs.push(...mode(source['defaultMode'], at.child('defaultMode')));
      errs.push(...keyToPaths(source['items'], at.child('items')));
      break;
    case 'configMap':
      if (!str(source['name'])) errs.push(required(at.child('name')));
      errs.push(...mode(source['defaultMode'], at.child('defaultMode')));
      errs.push(...keyToPaths(source['items'], at.child('items')));
      break;
    case 'persistentVolumeClaim':
      if (!str(source['claimName'])) errs.push(required(at.child('claimName')));
      break;
    case 'nfs': {
      const path = str(source['path']);
      if (!str(source['server'])) errs.push(required(at.child('server')));
      if (!path) errs.push(required(at.child('path')));
      if (!path.startsWith('/')) errs.push(invalid(at.child('path'), path, 'must be an absolute path'));
      break;
    }
    case 'projected':
    case 'downwardAPI':
      errs.push(...mode(source['defaultMode'], at.child('defaultMode')));
      break;
    case 'csi': {
      const driver = str(source['driver']);
      if (!driver) errs.push(required(at.child('driver')));
      if (driver.length > 63)
        errs.push({
          type: 'FieldValueTooLong',
          field: String(at.child('driver')),
          badValue: '<value omitted>',
          detail: 'may not be more than 63 bytes',
        });
      for (const m of isDNS1123Subdomain(driver.toLowerCase()))
        errs.push(invalid(at.child('driver'), driver, m));
      break;
    }
    case 'ephemeral': {
      const template = source['volumeClaimTemplate'];
      if (template === undefined || template === null) errs.push(required(at.child('volumeClaimTemplate')));
      else errs.push(...pvcSpec(rec(rec(template)['spec']), at.child('volumeClaimTemplate').child('spec')));
      break;
    }
  }
  return errs;
}

/** ValidateVolumes: the names of the valid volumes, and every error. */
export function validateVolumes(
  volumes: Volume[] | undefined,
  at: Path,
): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  arr<Volume>(volumes).forEach((vol, i) => {
    const p = at.index(i);
    const v = rec(vol);
    const el: FieldError[] = [];
    let count = 0;
    for (const [key, pathName] of SOURCES) {
      if (v[key] === undefined || v[key] === null) continue;
      if (count > 0) {
        el.push(forbidden(p.child(pathName), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      el.push(...validateSource(key, rec(v[key]), p.child(key === 'cephfs' ? 'cephfs' : key)));
    }
    if (count === 0) el.push(required(p, 'must specify a volume type'));
    const name = str(v['name']);
    if (!name) el.push(required(p.child('name')));
    else for (const m of isDNS1123Label(name)) el.push(invalid(p.child('name'), name, m));
    if (names.has(name)) el.push(duplicate(p.child('name'), name));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
