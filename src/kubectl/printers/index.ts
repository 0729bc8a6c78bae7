/**
 * kubectl's output printers for `get` (and any command with `-o`), as pure functions of
 * already-fetched objects: `-o json`, `-o yaml`, `-o name`, `-o jsonpath=...` (and
 * `jsonpath-file`, `jsonpath-as-json`), `-o custom-columns=...` (and `custom-columns-file`),
 * plus `--sort-by`. They reproduce kubectl v1.32's bytes: Go's JSON (keys sorted, `<>&`
 * escaped, 4-space indent), sigs.k8s.io/yaml's YAML, client-go's jsonpath and kubectl's
 * tabwriter. The default table and `-o wide` come from server-side Tables elsewhere;
 * {@link formatTable} is the aligner for them.
 *
 * How `kubectl get` uses this module:
 * 1. `parseOutputFormat(o)`: `{ kind: 'table' }` means print Tables; `{ error }` is
 *    printed as `error: <message>` (kubectl checks the format only once it has objects
 *    to print, so after any request error).
 * 2. Fetch the objects. Each must carry `apiVersion` and `kind` (set them on the items of
 *    a list response, as kubectl's builder does).
 * 3. `printObjects(format, objects, { singleItem, sortBy, noHeaders, ... })`: write
 *    `stdout`, then, if there is one, fail with `error` (printed as `error: <message>`;
 *    `stdout` may hold what kubectl wrote before failing).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { printCustomColumns } from './custom-columns';
import type { GenericOutputFormat } from './format';
import { goJson, goQuote, goSyntax } from './gofmt';
import { JsonPath, printResults } from './jsonpath/eval';
import { parseJsonPath } from './jsonpath/parser';
import { sortObjects } from './sort';
import { toYaml } from './yaml';

export { ALLOWED_FORMATS, parseOutputFormat } from './format';
export type { GenericOutputFormat, OutputFlags, OutputFormat } from './format';
export type { Column } from './custom-columns';
export { sortObjects, type SortResult } from './sort';
export { formatTable, tabwrite } from './tabwriter';

/** The flags of `get` that change what the generic printers write. */
export interface PrintOptions {
  /**
   * The command named exactly one object (`get pod web`), which then prints on its own;
   * otherwise (a list, several names, several types) the objects print as one `List`.
   */
  readonly singleItem: boolean;
  /** `--sort-by`: sorts a `List`'s items (ignored for a single item). */
  readonly sortBy?: string;
  /** `--no-headers` (custom-columns only). */
  readonly noHeaders?: boolean;
  /** `--show-managed-fields`: keep `metadata.managedFields` in json and yaml. */
  readonly showManagedFields?: boolean;
  /** `--allow-missing-template-keys` (default true): missing jsonpath keys print nothing instead of failing. */
  readonly allowMissingTemplateKeys?: boolean;
}

/** What a printer wrote, and the error that ended it, if any (kubectl prints it after the output). */
export interface PrintResult {
  readonly stdout: string;
  readonly error?: string;
}

/** What `get` hands to printers: the object itself, or a `List` of the objects; and the objects in it. */
function printable(
  objects: readonly KubeObject[],
  options: PrintOptions,
): { object: KubeObject; items: KubeObject[] } | { error: string } {
  if (options.singleItem && objects.length === 1) {
    const object = objects[0] as KubeObject;
    return { object, items: [object] };
  }
  let items = [...objects];
  if (options.sortBy !== undefined && options.sortBy !== '') {
    const sorted = sortObjects(items, options.sortBy);
    if (sorted.error !== undefined) return { error: sorted.error };
    items = sorted.objects;
  }
  return { object: { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, items };
}

const MISSING_KIND =
  'missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type';
const hasKind = (o: KubeObject): boolean => (o.apiVersion ?? '') !== '' || (o.kind ?? '') !== '';

/** The object without `metadata.managedFields`, as json and yaml print it by default. */
function withoutManagedFields(object: KubeObject): KubeObject {
  if (object.metadata === undefined || !('managedFields' in object.metadata)) return object;
  const { managedFields: _, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** NamePrinter: `<kind>[.<group>]/<name>` per object, kind lower-cased (`deployment.apps/web`). */
function printNames(objects: readonly KubeObject[]): PrintResult {
  let stdout = '';
  for (const object of objects) {
    const name = object.metadata?.name || '<unknown>';
    if (!hasKind(object)) return { stdout, error: MISSING_KIND };
    if ((object.kind ?? '') === '') return { stdout, error: `missing kind for resource with name ${name}` };
    const apiVersion = object.apiVersion ?? '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    stdout += `${object.kind.toLowerCase()}${group === '' ? '' : `.${group}`}/${name}\n`;
  }
  return { stdout };
}

/**
 * JSONPathPrinter: the template's results for `data`, or kubectl's error with the template
 * and the whole object (as Go's %#v) for debugging. Usable on any JSON value (`kubectl
 * config view -o jsonpath=...` prints a kubeconfig this way).
 */
export function printJsonPath(
  template: string,
  data: unknown,
  options: { readonly allowMissingKeys?: boolean; readonly asJson?: boolean } = {},
): PrintResult {
  let path: JsonPath;
  try {
    path = new JsonPath(parseJsonPath(template), options.allowMissingKeys ?? true);
  } catch (err) {
    return { stdout: '', error: `error parsing jsonpath ${template}, ${(err as Error).message}` };
  }
  try {
    return { stdout: printResults(path.findResults(data), options.asJson ?? false) };
  } catch (err) {
    const details =
      `Error executing template: ${(err as Error).message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
    return { stdout: '', error: `error executing jsonpath ${goQuote(template)}: ${details}\n` };
  }
}

/** `-o json` of any JSON value: Go's json.MarshalIndent with 4 spaces, and a newline. */
export const toJson = (value: unknown): string => `${goJson(value, '    ')}\n`;

export { toYaml };

/**
 * Prints the objects `get` fetched in a generic (non-table) format, exactly as kubectl
 * v1.32 does. Pure: no I/O, the input is not modified.
 */
export function printObjects(
  format: GenericOutputFormat,
  objects: readonly KubeObject[],
  options: PrintOptions,
): PrintResult {
  const target = printable(objects, options);
  if ('error' in target) return { stdout: '', error: target.error };
  const { object, items } = target;
  switch (format.kind) {
    case 'json':
    case 'yaml': {
      if (!hasKind(object)) return { stdout: '', error: MISSING_KIND };
      const shown = options.showManagedFields
        ? object
        : object === items[0]
          ? withoutManagedFields(object)
          : { ...object, items: items.map(withoutManagedFields) };
      if (format.kind === 'json') return { stdout: toJson(shown) };
      try {
        return { stdout: toYaml(shown) };
      } catch (err) {
        return { stdout: '', error: (err as Error).message };
      }
    }
    case 'name':
      return printNames(items);
    case 'jsonpath':
      return printJsonPath(format.template, object, {
        allowMissingKeys: options.allowMissingTemplateKeys ?? true,
        asJson: format.asJson,
      });
    case 'custom-columns':
      return printCustomColumns(format.columns, items, !format.fromFile && options.noHeaders === true);
  }
}
