/**
 * ObjectMeta, labels, annotations and label selectors, as apimachinery's api/validation
 * and apis/meta/v1/validation check them.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';
import type { FieldError } from './field';
import { Path, forbidden, immutable, invalid, nonNegative, required } from './field';
import { goStringSlice } from './gofmt';
import type { NameValidator } from './names';
import { isDNS1123Label, isQualifiedName, isValidLabelValue } from './names';
import { arr, byteLength, rec, str } from './util';

/** Upstream's TotalAnnotationSizeLimitB: 256 KiB of keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, at: Path): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(at, name, m));
}

/** ValidateLabels: keys are qualified names, values label values (errors at the map's path). */
export function validateLabels(labels: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(labels))) {
    errs.push(...validateLabelName(k, at));
    const value = str(v);
    for (const m of isValidLabelValue(value)) errs.push(invalid(at, value, m));
  }
  return errs;
}

/** ValidateAnnotations: qualified-name keys (case-insensitive) and 256 KiB in total. */
export function validateAnnotations(annotations: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(rec(annotations))) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(at, k, m));
    total += byteLength(k) + byteLength(str(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({
      type: 'FieldValueTooLong',
      field: String(at),
      badValue: '<value omitted>',
      detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    });
  }
  return errs;
}

/** ValidateLabelSelector (without AllowInvalidLabelValueInSelector). */
export function validateLabelSelector(selector: LabelSelector | undefined, at: Path): FieldError[] {
  if (!selector) return [];
  const errs = validateLabels(selector.matchLabels, at.child('matchLabels'));
  arr(selector.matchExpressions).forEach((e, i) => {
    const p = at.child('matchExpressions').index(i);
    const values = arr<string>(e?.values);
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            forbidden(
              p.child('values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(invalid(p.child('operator'), str(e?.operator), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(e?.key), p.child('key')));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalid(p.child('values').index(j), str(v), m));
    });
  });
  return errs;
}

/** Whether a label selector matches a label set (an empty selector matches everything). */
export function selectorMatches(selector: LabelSelector | undefined, labels: unknown): boolean {
  const set = rec(labels);
  for (const [k, v] of Object.entries(rec(selector?.matchLabels))) if (set[k] !== v) return false;
  for (const e of arr(selector?.matchExpressions)) {
    const has = Object.prototype.hasOwnProperty.call(set, str(e?.key));
    const value = str(set[str(e?.key)]);
    const values = arr(e?.values);
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a selector has no requirements at all. */
export function selectorEmpty(selector: LabelSelector | undefined): boolean {
  return Object.keys(rec(selector?.matchLabels)).length + arr(selector?.matchExpressions).length === 0;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Finalizer names: qualified names; unprefixed ones must be standard (core's extra rule). */
export function validateFinalizers(finalizers: unknown, at: Path, kubeFinalizers = true): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr<string>(finalizers).map(str);
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(invalid(at, f, m));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(at, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  list.forEach((f, i) => {
    if (kubeFinalizers && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(
        invalid(at.index(i), f, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    }
  });
  return errs;
}

function validateOwnerReferences(refs: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of arr<Record<string, unknown>>(refs)) {
    const apiVersion = str(ref?.['apiVersion']);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(invalid(at.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(ref?.['kind']))
      errs.push(invalid(at.child('kind'), str(ref?.['kind']), 'kind must not be empty'));
    if (!str(ref?.['name']))
      errs.push(invalid(at.child('name'), str(ref?.['name']), 'name must not be empty'));
    if (!str(ref?.['uid'])) errs.push(invalid(at.child('uid'), str(ref?.['uid']), 'uid must not be empty'));
    if (ref?.['controller'] === true) {
      const name = `${str(ref['kind'])}/${str(ref['name'])}`;
      if (firstController) {
        errs.push(
          invalid(
            at,
            '<value omitted>',
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else {
        firstController = name;
      }
    }
  }
  return errs;
}

/**
 * ValidateObjectMeta for a create. Upstream expects name generation to have run already;
 * here a missing name is accepted when generateName is set (the registry generates it).
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameValidator,
  at: Path = Path.of('metadata'),
  kubeFinalizers = true,
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  const name = str(m.name);
  const namespace = str(m.namespace);
  if (generateName)
    for (const msg of nameFn(generateName, true))
      errs.push(invalid(at.child('generateName'), generateName, msg));
  if (!name) {
    if (!generateName) errs.push(required(at.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(name, false)) errs.push(invalid(at.child('name'), name, msg));
  }
  if (namespaced) {
    if (!namespace) errs.push(required(at.child('namespace')));
    else
      for (const msg of isDNS1123Label(namespace)) errs.push(invalid(at.child('namespace'), namespace, msg));
  } else if (namespace) {
    errs.push(forbidden(at.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(m.generation, at.child('generation')));
  errs.push(...validateLabels(m.labels, at.child('labels')));
  errs.push(...validateAnnotations(m.annotations, at.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, at.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, at.child('finalizers'), kubeFinalizers));
  return errs;
}

/**
 * ValidateObjectMetaUpdate, seen after rest.BeforeUpdate: an empty uid, and the
 * timestamps and generation the server restores from the stored object, are not errors.
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta | undefined,
  old: ObjectMeta | undefined,
  at: Path = Path.of('metadata'),
): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const before = new Set(arr<string>(o.finalizers));
    const added = [...new Set(arr<string>(m.finalizers).filter((f) => !before.has(f)))].sort();
    if (added.length) {
      errs.push(
        forbidden(
          at.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added).text}`,
        ),
      );
    }
  }
  errs.push(...immutable(str(m.name), str(o.name), at.child('name')));
  errs.push(...immutable(str(m.namespace), str(o.namespace), at.child('namespace')));
  errs.push(...immutable(str(m.uid) || str(o.uid), str(o.uid), at.child('uid')));
  errs.push(...validateLabels(m.labels, at.child('labels')));
  errs.push(...validateAnnotations(m.annotations, at.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, at.child('ownerReferences')));
  for (const [i, f] of arr<string>(m.finalizers).entries()) {
    if (!str(f).includes('/') && !STANDARD_FINALIZERS.has(str(f))) {
      errs.push(
        invalid(
          at.child('finalizers').index(i),
          str(f),
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      );
    }
  }
  return errs;
}

/** ValidateTemplateObjectMeta-like checks for a pod template's labels and annotations. */
export function validateTemplateMeta(meta: ObjectMeta | undefined, at: Path): FieldError[] {
  return [
    ...validateLabels(meta?.labels, at.child('labels')),
    ...validateAnnotations(meta?.annotations, at.child('annotations')),
  ];
}
