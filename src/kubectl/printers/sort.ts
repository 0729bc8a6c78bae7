/**
 * `--sort-by=<jsonpath>` (kubectl's RuntimeSort): objects are ordered by the first value
 * the path finds in each, with Go's sort.Sort (not stable), objects without a value
 * first. Integers and floats compare as numbers, strings that both parse as quantities
 * (`100m`, `1Gi`, `5`) by quantity and other strings bytewise, which orders RFC 3339
 * timestamps by time; other combinations are kubectl's "unsortable" errors.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { goSort } from '../describe/gosort';
import { compareGoStrings, goQuote, goSyntax, isGoInt } from './gofmt';
import { relaxedJsonPath } from './custom-columns';
import { JsonPath } from './jsonpath/eval';
import { parseJsonPath, type ListNode } from './jsonpath/parser';
import { quantityNanos } from './quantity';

/** The objects in sorted order, and for each position the index it had in the input. */
export type SortResult =
  | { readonly objects: KubeObject[]; readonly order: number[]; readonly error?: undefined }
  | { readonly error: string };

function typeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  return typeof v === 'object' ? 'map[string]interface {}' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/** isLess for two values found in unstructured objects; throws kubectl's reason when they cannot be ordered. */
export function isLess(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === null && b !== null;
  if (typeof a === 'number' && typeof b === 'number' && isGoInt(a) === isGoInt(b)) return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantityNanos(a);
    const qb = qa === undefined ? undefined : quantityNanos(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return compareGoStrings(a, b) < 0;
  }
  if (typeof a === 'number' || typeof a === 'string') throw new Error('unsortable interface: interface');
  throw new Error(`unsortable type: ${typeName(a)}`);
}

/** The first value a fresh parse of the path finds in an object, or `absent`. */
function firstValue(template: ListNode, object: KubeObject): { value: unknown } | 'absent' {
  const results = new JsonPath(template, true).findResults(object);
  const first = results[0];
  return first !== undefined && first.length > 0 ? { value: first[0] } : 'absent';
}

/**
 * Sorts objects by a `--sort-by` expression (relaxed: `.metadata.name` and
 * `{.metadata.name}` both work) as kubectl sorts the items of a list. An empty input is
 * returned as is; otherwise the path must parse and find a value in at least one object.
 * Errors are kubectl's messages; those kubectl reports through klog.Fatal (a value that
 * cannot be compared) come without klog's header.
 */
export function sortObjects(objects: readonly KubeObject[], sortBy: string): SortResult {
  if (objects.length === 0) return { objects: [], order: [] };
  let field: string;
  let template: ListNode;
  try {
    field = relaxedJsonPath(sortBy);
    template = parseJsonPath(field);
    const found = objects.some((o) => firstValue(template, o) !== 'absent');
    if (!found)
      return { error: `couldn't find any field with path ${goQuote(field)} in the list of objects` };
  } catch (err) {
    return { error: (err as Error).message };
  }
  const cache = new Map<number, { value: unknown } | 'absent'>();
  const valueOf = (index: number, which: 'i' | 'j') => {
    const cached = cache.get(index);
    if (cached !== undefined) return cached;
    const object = objects[index] as KubeObject;
    try {
      const value = firstValue(template, object);
      cache.set(index, value);
      return value;
    } catch (err) {
      const message = (err as Error).message;
      const shown = which === 'i' ? `&errors.errorString{s:${goQuote(message)}}` : message;
      throw new Error(
        `Failed to get ${which} values for &unstructured.Unstructured{Object:${goSyntax(object)}} using ${field} (${shown})`,
        { cause: err },
      );
    }
  };
  const less = (i: number, j: number): boolean => {
    const a = valueOf(i, 'i');
    const b = valueOf(j, 'j');
    if (a === 'absent') return true;
    if (b === 'absent') return false;
    try {
      return isLess(a.value, b.value);
    } catch (err) {
      const reason = (err as Error).message;
      const message = `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${reason}`;
      throw new Error(message, { cause: err });
    }
  };
  try {
    const order = goSort(
      objects.map((_, i) => i),
      less,
    );
    return { objects: order.map((i) => objects[i] as KubeObject), order };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
