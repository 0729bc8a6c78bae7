/** Go's %v rendering of the API values that describers print raw (fmt's default formats). */
import { compareStrings } from '../../sim/apiserver/printers/format';

/** A bool, int or string field as %v prints it, with Go's zero value when missing. */
export function goValue(value: unknown, zero: 'bool' | 'int' | 'string'): string {
  if (value === undefined || value === null) return zero === 'bool' ? 'false' : zero === 'int' ? '0' : '';
  return String(value);
}

/**
 * A pointer to a generated API struct as %v prints it (its String() method):
 * `&LocalObjectReference{Name:foo,}`, or `<nil>`. `fields` are the Go field names in
 * declaration order with their JSON names.
 */
function goStructPointer(
  type: string,
  value: Readonly<Record<string, unknown>> | undefined | null,
  fields: readonly (readonly [string, string])[],
): string {
  if (value === undefined || value === null) return '<nil>';
  return `&${type}{${fields.map(([go, json]) => `${go}:${goValue(value[json], 'string')},`).join('')}}`;
}

/** A *LocalObjectReference (a volume's secretRef). */
export const goLocalObjectReference = (value: { name?: string } | undefined | null): string =>
  goStructPointer('LocalObjectReference', value, [['Name', 'name']]);

/** A *SecretReference (a persistent volume's secretRef). */
export const goSecretReference = (value: { name?: string; namespace?: string } | undefined | null): string =>
  goStructPointer('SecretReference', value, [
    ['Name', 'name'],
    ['Namespace', 'namespace'],
  ]);

/** A map[string]string as %v prints it: `map[a:1 b:2]`, keys sorted. */
export function goMap(map: Readonly<Record<string, string>> | undefined | null): string {
  const keys = Object.keys(map ?? {}).sort(compareStrings);
  return `map[${keys.map((k) => `${k}:${map?.[k] ?? ''}`).join(' ')}]`;
}
