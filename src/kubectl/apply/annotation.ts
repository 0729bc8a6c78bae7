/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation: the configuration a
 * client-side apply (or `create --save-config`, `edit`...) sent, as Go's JSON encoder
 * writes it (keys sorted, a newline at the end), which the next apply diffs against.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { goJson } from '../printers/gofmt';

/** The annotation's key. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Annotations = Record<string, string>;

/** `object` with `annotations` (an empty map stays, as kubectl's SetAnnotations keeps it). */
function withAnnotations(object: KubeObject, annotations: Annotations): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations } };
}

const encode = (object: KubeObject) => `${goJson(object)}\n`;

/** The object's annotations without the last-applied one. */
function otherAnnotations(object: KubeObject): Annotations {
  const { [LAST_APPLIED]: _, ...rest } = (object.metadata?.annotations ?? {}) as Annotations;
  return rest;
}

/**
 * The object's configuration as kubectl encodes it (GetModifiedConfiguration): without the
 * last-applied annotation, or, with `annotate`, carrying that encoding as the annotation.
 */
export function modifiedConfiguration(object: KubeObject, annotate: boolean): string {
  const others = otherAnnotations(object);
  const plain = encode(withAnnotations(object, others));
  return annotate ? encode(withAnnotations(object, { ...others, [LAST_APPLIED]: plain })) : plain;
}

/** `object` with the annotation holding its own configuration (CreateApplyAnnotation). */
export function withApplyAnnotation(object: KubeObject): KubeObject {
  const others = otherAnnotations(object);
  return withAnnotations(object, { ...others, [LAST_APPLIED]: modifiedConfiguration(object, false) });
}

/** The last applied configuration an object carries, decoded; `{}` when it has none. */
export function originalConfiguration(object: KubeObject): Record<string, unknown> {
  const text = (object.metadata?.annotations as Annotations | undefined)?.[LAST_APPLIED];
  if (text === undefined || text === '') return {};
  return JSON.parse(text) as Record<string, unknown>;
}

/** Whether the object carries the annotation. */
export function hasApplyAnnotation(object: KubeObject): boolean {
  return (object.metadata?.annotations as Annotations | undefined)?.[LAST_APPLIED] !== undefined;
}

/** A copy of a decoded JSON value without null map values, as kubectl prunes them before a create. */
export function pruneNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(pruneNulls) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, pruneNulls(v)]),
  ) as T;
}
