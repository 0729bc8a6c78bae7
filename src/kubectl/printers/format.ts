/**
 * `-o/--output` (with `--template`) as `kubectl get` understands it: which printer a flag
 * value selects, in kubectl's order of trying them (templates, json/yaml, the table,
 * custom columns, name), with kubectl's errors. Other commands (`create -o`, `config view
 * -o`) use cli-runtime's narrower set, without the table and custom columns.
 */
import { goQuote } from './gofmt';
import { parseCustomColumnsSpec, parseCustomColumnsTemplate, type Column } from './custom-columns';
import { parseJsonPath } from './jsonpath/parser';

/** The printers printObjects handles: everything but the server-side table. */
export type GenericOutputFormat =
  | { readonly kind: 'json' }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'name' }
  /** jsonpath, jsonpath-file (template read from the file) and jsonpath-as-json (`asJson`). */
  | { readonly kind: 'jsonpath'; readonly template: string; readonly asJson: boolean }
  /** custom-columns, or custom-columns-file (`fromFile`: kubectl then ignores --no-headers). */
  | { readonly kind: 'custom-columns'; readonly columns: readonly Column[]; readonly fromFile: boolean };

/** What `-o` selects: the default table (`wide` for `-o wide`), printed from server-side Tables, or a generic printer. */
export type OutputFormat = { readonly kind: 'table'; readonly wide: boolean } | GenericOutputFormat;

/** The other flags and the environment -o depends on. */
export interface OutputFlags {
  /** `--template`: the template for `-o jsonpath`/`custom-columns` given separately. */
  readonly template?: string;
  /** Reads a file named by `-o jsonpath-file=`/`custom-columns-file=`; undefined when it does not exist. */
  readonly readFile?: (path: string) => string | undefined;
}

/** Every format `kubectl get -o` accepts, sorted, as its error message lists them. */
export const ALLOWED_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
] as const;

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
const GO_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];
const COLUMN_FORMATS = ['custom-columns', 'custom-columns-file'];

/**
 * Splits `format=value`: with `--template` set, the whole flag is the format and the
 * template is the value; otherwise the first of `formats` followed by `=` splits it.
 */
function splitTemplate(output: string, template: string, formats: readonly string[]): [string, string] {
  if (template !== '') return [output, template];
  const format = formats.find((f) => output.startsWith(`${f}=`));
  return format === undefined ? [output, ''] : [format, output.slice(format.length + 1)];
}

const missingFile = (path: string) => `open ${path}: no such file or directory`;

/**
 * Parses the `-o` flag (the empty string when it was not given). Returns the format, or
 * `{ error }` with the message kubectl prints after `error: `, for instance
 * `unable to match a printer suitable for the output format "foo", allowed formats are: ...`.
 * jsonpath templates are parsed here, so their syntax errors surface as kubectl's
 * `error parsing jsonpath <template>, <reason>`.
 *
 * Go templates (`-o go-template=...`) are recognised but not implemented: they return an
 * error saying so.
 */
export function parseOutputFormat(
  flagValue: string,
  flags: OutputFlags = {},
): OutputFormat | { error: string } {
  const templateArg = flags.template ?? '';
  const readFile = flags.readFile ?? (() => undefined);
  const output = templateArg !== '' && flagValue === '' ? 'go-template' : flagValue;

  if (templateArg !== '' || output !== '') {
    const [format, value] = splitTemplate(output, templateArg, JSONPATH_FORMATS);
    if (JSONPATH_FORMATS.includes(format)) {
      if (value === '') return { error: 'template format specified but no template given' };
      let template = value;
      if (format === 'jsonpath-file') {
        const content = readFile(value);
        if (content === undefined)
          return { error: `error reading --template ${value}, ${missingFile(value)}` };
        template = content;
      }
      try {
        parseJsonPath(template);
      } catch (err) {
        return { error: `error parsing jsonpath ${template}, ${(err as Error).message}` };
      }
      return { kind: 'jsonpath', template, asJson: format === 'jsonpath-as-json' };
    }
    const [goFormat, goValue] = splitTemplate(output, templateArg, GO_TEMPLATE_FORMATS);
    if (GO_TEMPLATE_FORMATS.includes(goFormat)) {
      if (goValue === '') return { error: 'template format specified but no template given' };
      return { error: `${goFormat} output is not supported by Kubelab's kubectl; use -o jsonpath instead` };
    }
  }

  const lower = output.toLowerCase();
  if (lower === 'json' || lower === 'yaml') return { kind: lower };
  if (output === '' || output === 'wide') return { kind: 'table', wide: output === 'wide' };

  const [format, value] = splitTemplate(output, templateArg, COLUMN_FORMATS);
  if (COLUMN_FORMATS.includes(format)) {
    if (value === '') return { error: 'custom-columns format specified but no custom columns given' };
    try {
      if (format === 'custom-columns')
        return { kind: 'custom-columns', columns: parseCustomColumnsSpec(value), fromFile: false };
      const content = readFile(value);
      if (content === undefined) return { error: `error reading template ${value}, ${missingFile(value)}\n` };
      return { kind: 'custom-columns', columns: parseCustomColumnsTemplate(content), fromFile: true };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  if (lower === 'name') return { kind: 'name' };
  return {
    error: `unable to match a printer suitable for the output format ${goQuote(output)}, allowed formats are: ${ALLOWED_FORMATS.join(',')}`,
  };
}
