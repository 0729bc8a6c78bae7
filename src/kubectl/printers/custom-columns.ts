/**
 * `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=FILE`: one
 * column per jsonpath, values joined by commas, `<none>` when a path finds nothing, the
 * whole aligned by kubectl's tabwriter.
 */
import { goSprint } from './gofmt';
import { JsonPath } from './jsonpath/eval';
import { parseJsonPath } from './jsonpath/parser';
import { TabWriter } from './tabwriter';

/** One user-specified column: its header and the jsonpath template of its values. */
export interface Column {
  readonly header: string;
  readonly fieldSpec: string;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` and
 * `{.metadata.name}` all become `{.metadata.name}` ('' stays ''). Throws kubectl's error
 * for anything else.
 */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return '';
  const m = RELAXED.exec(expression);
  if (!m)
    throw new Error(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] ?? m[2] ?? ''}}`;
}

/** The columns of `-o custom-columns=<spec>` (`HEADER:path,...`); throws kubectl's errors. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec === '') throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0)
      throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** bufio.ScanWords' separators (unicode.IsSpace). */
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const words = (line: string): string[] => line.split(WHITESPACE).filter((w) => w !== '');
const FORMAT_HINT =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * The columns of a custom-columns file: a line of headers and a line of paths, separated
 * by whitespace. Throws kubectl's errors.
 */
export function parseCustomColumnsTemplate(text: string): Column[] {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const [headerLine, specLine] = lines.map((l) => l.replace(/\r$/, ''));
  if (headerLine === undefined) throw new Error(`invalid template, missing header line. ${FORMAT_HINT}`);
  if (specLine === undefined) throw new Error(`invalid template, missing spec line. ${FORMAT_HINT}`);
  const headers = words(headerLine);
  const specs = words(specLine);
  if (headers.length !== specs.length)
    throw new Error(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i] ?? '') }));
}

/** printers.EscapeTerminal: no terminal escape sequences or carriage returns from the data. */
export const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/** One cell: every value the path finds (as fmt.Sprint prints it) joined by commas, or `<none>`. */
function cell(results: readonly (readonly unknown[])[]): string {
  const values = results[0]?.length ? [] : ['<none>'];
  for (const set of results) for (const v of set) values.push(escapeTerminal(goSprint(v)));
  return values.join(',');
}

/**
 * CustomColumnsPrinter.PrintObj for the objects of one `get`: the header line (unless
 * `noHeaders`), then a line per object. An error (a path that does not parse or fails on
 * an object) ends the output after what was already written, as in kubectl.
 */
export function printCustomColumns(
  columns: readonly Column[],
  objects: readonly unknown[],
  noHeaders: boolean,
): { stdout: string; error?: string } {
  const w = new TabWriter();
  if (!noHeaders) w.write(`${columns.map((c) => c.header).join('\t')}\n`);
  try {
    const paths = columns.map((c) => new JsonPath(parseJsonPath(c.fieldSpec), true));
    for (const object of objects) w.write(`${paths.map((p) => cell(p.findResults(object))).join('\t')}\n`);
  } catch (err) {
    return { stdout: w.flush(), error: (err as Error).message };
  }
  return { stdout: w.flush() };
}
