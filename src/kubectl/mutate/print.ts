/**
 * How commands that change objects print them (genericclioptions.PrintFlags): by default
 * one `kind.group/name <operation>` line per object (`deployment.apps/web created`), with
 * `-o name` the line without the operation, and with `-o yaml|json|jsonpath=...` the
 * objects themselves. YAML output separates the objects of one run with `---`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { CommandContext } from '../cmd/types';
import { flag, type FlagSpec } from '../flags/flags';
import { parseOutputFormat, printObjects, type GenericOutputFormat } from '../printers';
import { formatGoNumber, jsonString } from '../printers/gofmt';

/** The formats these commands print, as their `-o` help lists them. */
const FORMATS = [
  'json',
  'yaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
];

/** The printing flags (`-o`, `--template`, `--show-managed-fields`, ...). */
export const PRINT_FLAGS: readonly FlagSpec[] = [
  flag.bool(
    'allow-missing-template-keys',
    'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
    { default: true },
  ),
  flag.string('output', `Output format. One of: (${FORMATS.join(', ')}).`, { shorthand: 'o' }),
  flag.bool(
    'show-managed-fields',
    'If true, keep the managedFields when printing objects in JSON or YAML format.',
  ),
  flag.string(
    'template',
    'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  ),
];

/** Prints objects as the run's `-o` asks. */
export interface ObjectPrinter {
  /** Whether `-o` asks for whole objects (json, yaml, templates) rather than names. */
  readonly printsObjects: boolean;
  /** Prints one object that underwent `operation` (`created (dry run)`...). */
  print(object: KubeObject, operation: string): void;
}

/** `deployment.apps/web`: the name printer's resource/name. */
export function resourceName(object: KubeObject): string {
  const apiVersion = object.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const name = object.metadata?.name || '<unknown>';
  return `${(object.kind ?? '').toLowerCase()}${group === '' ? '' : `.${group}`}/${name}`;
}

/** The object without `metadata.managedFields`. */
function withoutManagedFields(o: KubeObject): KubeObject {
  if (o.metadata?.managedFields === undefined) return o;
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/**
 * What a command that printed objects at the end prints: the one object, or a v1 List of
 * them (without managed fields unless `--show-managed-fields`).
 */
export function asList(ctx: CommandContext, objects: readonly KubeObject[]): KubeObject {
  if (objects.length === 1) return objects[0] as KubeObject;
  const strip = (o: KubeObject) => (ctx.flags.bool('show-managed-fields') ? o : withoutManagedFields(o));
  return { apiVersion: 'v1', kind: 'List', items: objects.map(strip), metadata: {} } as KubeObject;
}

/** Go's json.Marshal of a typed object: compact, fields in the order the object has them. */
export function compactTypedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactTypedJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return typedJson(value);
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${jsonString(k)}:${compactTypedJson(v)}`).join(',')}}`;
}

/** Go's json.MarshalIndent of a typed object: fields in the order the object has them. */
function typedJson(value: unknown, prefix = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value === 'boolean') return String(value);
  const inner = `${prefix}    `;
  if (Array.isArray(value))
    return value.length === 0
      ? '[]'
      : `[\n${value.map((v) => `${inner}${typedJson(v, inner)}`).join(',\n')}\n${prefix}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${jsonString(k)}: ${typedJson(v, inner)}`).join(',\n')}\n${prefix}}`;
}

/** How a command prints. */
export interface PrinterOptions {
  /** The `-o` to use instead of the flag's. */
  readonly output?: string;
  /**
   * The objects are typed (a generator's): `-o json` keeps their fields in the order they
   * were built in, as Go's encoder writes a struct.
   */
  readonly typed?: boolean;
}

/** The printer for the run's `-o`; throws kubectl's error for a format these commands do not print. */
export function objectPrinter(ctx: CommandContext, options: PrinterOptions = {}): ObjectPrinter {
  const output = options.output ?? ctx.flags.string('output');
  const template = ctx.flags.string('template');
  const parsed = parseOutputFormat(output, { template, readFile: (path) => ctx.input.files?.read(path) });
  const unsupported = () =>
    new Error(
      `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${[...FORMATS].sort().join(',')}`,
    );
  if ('error' in parsed) {
    if (parsed.error.startsWith('unable to match a printer')) throw unsupported();
    throw new Error(parsed.error);
  }
  if (parsed.kind === 'table') {
    if (parsed.wide) throw unsupported();
    return {
      printsObjects: false,
      print: (object, operation) =>
        ctx.out.stdout(`${resourceName(object)}${operation === '' ? '' : ` ${operation}`}\n`),
    };
  }
  if (parsed.kind === 'custom-columns') throw unsupported();
  const format: GenericOutputFormat = parsed;
  let count = 0;
  return {
    printsObjects: format.kind !== 'name',
    print(object) {
      count++;
      if (format.kind === 'yaml' && count > 1) ctx.out.stdout('---\n');
      if (format.kind === 'json' && options.typed === true) {
        const shown = ctx.flags.bool('show-managed-fields') ? object : withoutManagedFields(object);
        ctx.out.stdout(`${typedJson(shown)}\n`);
        return;
      }
      const result = printObjects(format, [object], {
        singleItem: true,
        showManagedFields: ctx.flags.bool('show-managed-fields'),
        allowMissingTemplateKeys: ctx.flags.bool('allow-missing-template-keys'),
      });
      ctx.out.stdout(result.stdout);
      if (result.error !== undefined) throw new Error(result.error);
    },
  };
}
