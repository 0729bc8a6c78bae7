/**
 * storage.k8s.io/v1 StorageClasses.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, deepEqual, forbidden, immutable, invalid, notSupported, required } from './field';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isQualifiedName, nameIsDNSSubdomain } from './names';
import { byteLength, rec, str } from './util';

/** ValidateStorageClass */
export function validateStorageClass(sc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  const provisioner = str(sc['provisioner']);
  if (!provisioner) errs.push(required(Path.of('provisioner')));
  else
    errs.push(
      ...isQualifiedName(provisioner.toLowerCase()).map((m) =>
        invalid(Path.of('provisioner'), provisioner, m),
      ),
    );
  const params = rec(sc['parameters']);
  if (Object.keys(params).length > 512) {
    errs.push({
      type: 'FieldValueTooLong',
      field: 'parameters',
      badValue: '<value omitted>',
      detail: 'may not be more than 512 bytes',
    });
  } else {
    let total = 0;
    for (const [k, v] of Object.entries(params)) {
      if (k.length < 1) errs.push(invalid(Path.of('parameters'), k, 'field can not be empty.'));
      total += byteLength(k) + byteLength(str(v));
    }
    if (total > 256 * 1024)
      errs.push({
        type: 'FieldValueTooLong',
        field: 'parameters',
        badValue: '<value omitted>',
        detail: `may not be more than ${256 * 1024} bytes`,
      });
  }
  const reclaim = str(sc['reclaimPolicy']);
  if (reclaim && reclaim !== 'Delete' && reclaim !== 'Retain')
    errs.push(notSupported(Path.of('reclaimPolicy'), reclaim, ['Delete', 'Retain']));
  const binding = str(sc['volumeBindingMode']) || 'Immediate';
  if (binding !== 'Immediate' && binding !== 'WaitForFirstConsumer') {
    errs.push(notSupported(Path.of('volumeBindingMode'), binding, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and volumeBindingMode are fixed. */
export function validateStorageClassUpdate(sc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(sc.metadata, old.metadata);
  if (!deepEqual(sc['parameters'], old['parameters']))
    errs.push(forbidden(Path.of('parameters'), 'updates to parameters are forbidden.'));
  if (str(sc['provisioner']) !== str(old['provisioner']))
    errs.push(forbidden(Path.of('provisioner'), 'updates to provisioner are forbidden.'));
  if ((str(sc['reclaimPolicy']) || 'Delete') !== (str(old['reclaimPolicy']) || 'Delete')) {
    errs.push(forbidden(Path.of('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  }
  errs.push(
    ...immutable(
      str(sc['volumeBindingMode']) || 'Immediate',
      str(old['volumeBindingMode']) || 'Immediate',
      Path.of('volumeBindingMode'),
    ),
  );
  return [...errs, ...validateStorageClass(sc)];
}
