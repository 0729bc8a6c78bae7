/**
 * Pods and PodTemplates: create validation, and the update rules that make a running
 * pod's spec immutable except for images, activeDeadlineSeconds, added tolerations and
 * removed scheduling gates.
 */
import type { Pod, PodSpec, PodTemplate } from 'kubernetes-types/core/v1';
import type { FieldError } from './field';
import { Path, deepEqual, forbidden, invalid, required } from './field';
import { validateImageWhitespace } from './containers';
import { structDiff } from './diff';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names';
import { validatePodSpec, validatePodTemplateSpec } from './podspec';
import { validateTolerations } from './podsched';
import { arr, num, rec, str } from './util';

const SPEC = Path.of('spec');
const MAX_INT32 = 2147483647;

/** The fields a pod update may change, as upstream lists them in its error. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  return [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain),
    ...validatePodSpec(pod.spec, SPEC),
    ...validateImageWhitespace(pod.spec?.containers, SPEC.child('containers')),
    ...validateImageWhitespace(pod.spec?.initContainers, SPEC.child('initContainers')),
  ];
}

/** ValidatePodCreate */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (arr(pod.spec?.ephemeralContainers).length > 0) {
    errs.push(forbidden(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  }
  if (str(pod.spec?.nodeName) && arr(pod.spec?.schedulingGates).length > 0) {
    errs.push(forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function containerUpdates(next: unknown, prev: unknown, at: Path): { errs: FieldError[]; stop: boolean } {
  const n = arr<Record<string, unknown>>(next);
  if (n.length !== arr(prev).length)
    return { errs: [forbidden(at, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = str(c?.['image']);
    if (!image) errs.push(required(at.index(i).child('image')));
    if (image.trim() !== image)
      errs.push(invalid(at.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** ValidatePodUpdate */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  const spec: PodSpec = pod.spec ?? ({} as PodSpec);
  const oldSpec: PodSpec = old.spec ?? ({} as PodSpec);
  for (const key of ['containers', 'initContainers'] as const) {
    const r = containerUpdates(spec[key], oldSpec[key], SPEC.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = num(spec.activeDeadlineSeconds);
  const oldAds = num(oldSpec.activeDeadlineSeconds);
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) {
      return [...errs, invalid(SPEC.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32))];
    }
    if (oldAds !== undefined && oldAds < ads) {
      return [
        ...errs,
        invalid(SPEC.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'),
      ];
    }
  } else if (oldAds !== undefined) {
    errs.push(
      invalid(
        SPEC.child('activeDeadlineSeconds'),
        null,
        'must not update from a positive integer to nil value',
      ),
    );
  }
  const tolerations = arr<Record<string, unknown>>(spec.tolerations);
  const onlyAdded = arr<Record<string, unknown>>(oldSpec.tolerations).every((t) =>
    tolerations.some((nt) => deepEqual({ ...t, tolerationSeconds: nt['tolerationSeconds'] }, nt)),
  );
  if (!onlyAdded)
    errs.push(
      forbidden(
        SPEC.child('tolerations'),
        'existing toleration can not be modified except its tolerationSeconds',
      ),
    );
  else errs.push(...validateTolerations(spec.tolerations, SPEC.child('tolerations')));
  const oldGates = new Set(
    arr<Record<string, unknown>>(oldSpec.schedulingGates).map((g) => str(g?.['name'])),
  );
  arr<Record<string, unknown>>(spec.schedulingGates).forEach((g, i) => {
    const name = str(g?.['name']);
    if (!oldGates.has(name)) {
      errs.push(
        forbidden(
          SPEC.child('schedulingGates').index(i).child('name'),
          `only deletion is allowed, but found new scheduling gate '${name}'`,
        ),
      );
    }
  });
  if (deepEqual(spec, oldSpec)) return errs;
  const munged: Record<string, unknown> = { ...rec(spec) };
  for (const key of ['containers', 'initContainers'] as const) {
    const prev = arr<Record<string, unknown>>(oldSpec[key]);
    if (spec[key])
      munged[key] = arr<Record<string, unknown>>(spec[key]).map((c, i) => ({
        ...c,
        image: prev[i]?.['image'],
      }));
  }
  munged['activeDeadlineSeconds'] = oldSpec.activeDeadlineSeconds;
  munged['schedulingGates'] = oldSpec.schedulingGates;
  munged['tolerations'] = oldSpec.tolerations;
  const oldGrace = num(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged['terminationGracePeriodSeconds'] === 1) {
    munged['terminationGracePeriodSeconds'] = oldGrace;
  }
  if (!deepEqual(munged, oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${structDiff('core.PodSpec', oldSpec, munged)}`;
    errs.push(forbidden(SPEC, detail));
  }
  return errs;
}

/** ValidatePodTemplate (the PodTemplate resource). */
export function validatePodTemplate(t: PodTemplate): FieldError[] {
  return [
    ...validateObjectMeta(t.metadata, true, nameIsDNSSubdomain),
    ...validatePodTemplateSpec(t.template, Path.of('template')),
  ];
}

/** ValidatePodTemplateUpdate */
export function validatePodTemplateUpdate(t: PodTemplate, old: PodTemplate): FieldError[] {
  return [
    ...validateObjectMetaUpdate(t.metadata, old.metadata),
    ...validatePodTemplateSpec(t.template, Path.of('template')),
  ];
}
