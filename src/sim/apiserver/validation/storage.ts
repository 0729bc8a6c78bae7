/**
 * Storage: PersistentVolumeClaims, PersistentVolumes and StorageClasses.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, deepEqual, forbidden, immutable, invalid, notSupported, required } from './field';
import { structDiff } from './diff';
import { goStringMap } from './gofmt';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './names';
import { validateNodeSelector } from './podsched';
import { compareQuantity, formatQuantity } from './quantity';
import { readQuantity, validateQuantityValue } from './resources';
import { arr, rec, str } from './util';
import { noBacksteps } from './volumes';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

function accessModes(modes: unknown, at: Path, requiredDetail: string): FieldError[] {
  const list = arr<string>(modes).map(str);
  const errs = list.length === 0 ? [required(at, requiredDetail)] : [];
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(at, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(at, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function className(value: unknown, at: Path): FieldError[] {
  const v = str(value);
  return v ? isDNS1123Subdomain(v).map((m) => invalid(at, v, m)) : [];
}

/** ValidatePersistentVolumeClaimSpec (also a generic ephemeral volume's claim template). */
export function pvcSpec(spec: Record<string, unknown>, at: Path): FieldError[] {
  const errs = accessModes(
    spec['accessModes'],
    at.child('accessModes'),
    'at least 1 access mode is required',
  );
  if (spec['selector'])
    errs.push(...validateLabelSelector(spec['selector'] as LabelSelector, at.child('selector')));
  const storagePath = at.child('resources').key('storage');
  const requests = rec(rec(spec['resources'])['requests']);
  if (!('storage' in requests)) errs.push(required(storagePath));
  else {
    const q = readQuantity(requests['storage']);
    if (q && q.nanos <= 0n) errs.push(invalid(storagePath, formatQuantity(q), 'must be greater than zero'));
    else if (q) errs.push(...validateQuantityValue('storage', q, storagePath));
  }
  errs.push(...className(spec['storageClassName'], at.child('storageClassName')));
  const mode = spec['volumeMode'];
  if (typeof mode === 'string' && !VOLUME_MODES.includes(mode))
    errs.push(notSupported(at.child('volumeMode'), mode, VOLUME_MODES));
  for (const key of ['dataSource', 'dataSourceRef']) {
    const ds = spec[key];
    if (!ds) continue;
    const d = rec(ds);
    const p = at.child(key);
    if (!str(d['name'])) errs.push(required(p.child('name')));
    if (!str(d['kind'])) errs.push(required(p.child('kind')));
    if (!str(d['apiGroup']) && str(d['kind']) !== 'PersistentVolumeClaim') {
      errs.push(
        invalid(p, str(d['kind']), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
      );
    }
  }
  return errs;
}

/** ValidatePersistentVolumeClaim */
export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  return [
    ...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain),
    ...pvcSpec(rec(pvc['spec']), Path.of('spec')),
  ];
}

/** ValidatePersistentVolumeClaimUpdate: the spec is immutable except a bound claim's storage request. */
export function validatePersistentVolumeClaimUpdate(pvc: KubeObject, old: KubeObject): FieldError[] {
  const errs = [
    ...validateObjectMetaUpdate(pvc.metadata, old.metadata),
    ...validatePersistentVolumeClaim(pvc),
  ];
  const spec = rec(pvc['spec']);
  const oldSpec = rec(old['spec']);
  const next: Record<string, unknown> = { ...spec };
  const prev: Record<string, unknown> = { ...oldSpec };
  if (!str(oldSpec['volumeName'])) prev['volumeName'] = spec['volumeName'];
  if (!('storageClassName' in oldSpec) && 'storageClassName' in spec)
    prev['storageClassName'] = spec['storageClassName'];
  const bound = str(rec(pvc['status'])['phase']) === 'Bound';
  const oldSize = readQuantity(rec(rec(oldSpec['resources'])['requests'])['storage']);
  if (bound) {
    const resources = rec(spec['resources']);
    next['resources'] = {
      ...resources,
      requests: {
        ...rec(resources['requests']),
        storage: rec(rec(oldSpec['resources'])['requests'])['storage'],
      },
    };
  }
  if (!deepEqual(next, prev)) {
    const detail =
      'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
    errs.push(
      forbidden(Path.of('spec'), `${detail}\n${structDiff('core.PersistentVolumeClaimSpec', prev, next)}`),
    );
  }
  const newSize = readQuantity(rec(rec(spec['resources'])['requests'])['storage']);
  const statusSize = readQuantity(rec(rec(old['status'])['capacity'])['storage']);
  if (
    newSize &&
    oldSize &&
    compareQuantity(newSize, oldSize) < 0 &&
    statusSize &&
    compareQuantity(newSize, statusSize) <= 0
  ) {
    errs.push(
      forbidden(
        Path.of('spec', 'resources', 'requests', 'storage'),
        'field can not be less than status.capacity',
      ),
    );
  }
  errs.push(
    ...immutable(
      spec['volumeMode'] ?? 'Filesystem',
      oldSpec['volumeMode'] ?? 'Filesystem',
      Path.of('volumeMode'),
    ),
  );
  return errs;
}

/** ValidatePersistentVolume */
export function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const spec = rec(pv['spec']);
  const at = Path.of('spec');
  const errs = [
    ...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain),
    ...accessModes(spec['accessModes'], at.child('accessModes'), ''),
  ];
  const capacity = rec(spec['capacity']);
  const capPath = at.child('capacity');
  if (Object.keys(capacity).length === 0) errs.push(required(capPath));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) {
    errs.push(notSupported(capPath, goStringMap(capacity, 'core.ResourceList'), ['storage']));
  }
  for (const [k, v] of Object.entries(capacity)) {
    const q = readQuantity(v);
    if (q && q.nanos <= 0n)
      errs.push(invalid(capPath.key(k), formatQuantity(q), 'must be greater than zero'));
  }
  const policy = spec['persistentVolumeReclaimPolicy'];
  if (typeof policy === 'string' && policy && !['Delete', 'Recycle', 'Retain'].includes(policy)) {
    errs.push(
      notSupported(at.child('persistentVolumeReclaimPolicy'), policy, ['Delete', 'Recycle', 'Retain']),
    );
  }
  const affinity = spec['nodeAffinity'];
  if (affinity) {
    const req = rec(affinity)['required'];
    if (req) errs.push(...validateNodeSelector(req, at.child('nodeAffinity', 'required')));
    else errs.push(required(at.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let count = 0;
  for (const key of PV_SOURCES) {
    if (spec[key] === undefined || spec[key] === null) continue;
    if (count > 0 && key !== 'flexVolume') {
      errs.push(
        forbidden(at.child(key === 'cephfs' ? 'cephFS' : key), 'may not specify more than 1 volume type'),
      );
      continue;
    }
    count++;
    const source = rec(spec[key]);
    if (key === 'hostPath' || key === 'local') {
      const path = str(source['path']);
      if (!path) errs.push(required(at.child(key, 'path')));
      else errs.push(...noBacksteps(path, at.child(key, 'path')));
      if (key === 'local' && !affinity)
        errs.push(required(at.child('nodeAffinity'), 'Local volume requires node affinity'));
    }
    if (key === 'nfs') {
      if (!str(source['server'])) errs.push(required(at.child('nfs', 'server')));
      if (!str(source['path'])) errs.push(required(at.child('nfs', 'path')));
    }
    if (key === 'csi') {
      if (!str(source['driver'])) errs.push(required(at.child('csi', 'driver')));
      if (!str(source['volumeHandle'])) errs.push(required(at.child('csi', 'volumeHandle')));
    }
  }
  if (count === 0) errs.push(required(at, 'must specify a volume type'));
  errs.push(...className(spec['storageClassName'], at.child('storageClassName')));
  const mode = spec['volumeMode'];
  if (typeof mode === 'string' && !VOLUME_MODES.includes(mode))
    errs.push(notSupported(at.child('volumeMode'), mode, VOLUME_MODES));
  return errs;
}

/** ValidatePersistentVolumeUpdate: the volume source is immutable. */
export function validatePersistentVolumeUpdate(pv: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const source = (s: unknown): Record<string, unknown> =>
    Object.fromEntries(Object.entries(rec(s)).filter(([k]) => PV_SOURCES.includes(k)));
  const next = source(pv['spec']);
  const prev = source(old['spec']);
  if (!deepEqual(next, prev)) {
    const diff = structDiff('core.PersistentVolumeSource', prev, next);
    errs.push(
      forbidden(
        Path.of('spec', 'persistentvolumesource'),
        `spec.persistentvolumesource is immutable after creation\n${diff}`,
      ),
    );
  }
  errs.push(
    ...immutable(
      rec(pv['spec'])['volumeMode'] ?? 'Filesystem',
      rec(old['spec'])['volumeMode'] ?? 'Filesystem',
      Path.of('volumeMode'),
    ),
  );
  return [...validateObjectMetaUpdate(pv.metadata, old.metadata), ...errs];
}
