/**
 * Reads what `kubectl apply -f -` (with or without `--dry-run=server`) printed and picks out
 * what the editor can point at: the apiserver's field errors (`spec.replicas: Invalid value:
 * -1: must be greater than or equal to 0`), unknown fields and type errors from decoding,
 * warnings, and the objects that went through. Each problem keeps the apiserver's own words
 * and names the object it is about, where kubectl's output says so.
 */
import { parseFieldPath, type PathSegment } from './field-path';

/** Where a problem without a field path is shown in its document. */
export type Anchor = 'kind' | 'name' | 'namespace';

/** One thing the apiserver (or kubectl) objected to. */
export interface ApiProblem {
  readonly severity: 'error' | 'warning';
  /** The message, as kubectl printed it. */
  readonly message: string;
  /** The kind of the object it is about, when the output names it. */
  readonly kind?: string;
  /** The object's name, when the output names it. */
  readonly name?: string;
  /** The field it is about. */
  readonly path?: readonly PathSegment[];
  /** The path has no list indexes (Go's JSON decoder prints them so). */
  readonly lenient?: boolean;
  /** For problems without a path: which part of the document to underline. */
  readonly anchor?: Anchor;
  /** For `namespaces "x" not found`: the namespace. */
  readonly namespace?: string;
  /** For kubectl's YAML errors (`yaml: line 6: ...`): the line, counted from the document's first. */
  readonly line?: number;
}

/** An object kubectl reported on: `deployment.apps/web created (server dry run)`. */
export interface ApplyResult {
  /** `deployment.apps`, `service`. */
  readonly resource: string;
  readonly name: string;
  readonly verb: string;
  readonly dryRun: boolean;
}

/** What one apply printed. */
export interface ApplyOutcome {
  readonly problems: readonly ApiProblem[];
  readonly results: readonly ApplyResult[];
}

/** The words field.Error uses for each error type, right after `<path>: `. */
const ERROR_TYPES =
  'Invalid value|Required value|Unsupported value|Forbidden|Duplicate value|Not found|Too long|Too many|Internal error';
const CAUSE = new RegExp(`^([A-Za-z_$][^\\s:]*): (?:${ERROR_TYPES})(?::|$)`);
/** `, ` between causes in `is invalid: [a, b]`: only where a new `<path>: <type>` starts. */
const CAUSE_SEPARATOR = new RegExp(`, (?=[A-Za-z_$][^\\s:]*: (?:${ERROR_TYPES}))`);

/** `The Deployment "web" is invalid: ...` or `Deployment.apps "web" is invalid: ...`. */
const INVALID = /(?:The )?([A-Z][A-Za-z0-9]*)(?:\.[a-z0-9.-]+)? "([^"]*)" is invalid: ?(.*)$/;
/** `Deployment in version "v1" cannot be handled as a Deployment: <decode error>`. */
const UNDECODABLE = /([A-Z][A-Za-z0-9]*) in version "[^"]*" cannot be handled as a [A-Za-z0-9]+: (.*)$/;
const UNKNOWN_FIELD = /unknown field "((?:[^"\\]|\\.)*)"/g;
const TYPE_ERROR = /json: cannot unmarshal \S+ into Go struct field [A-Za-z0-9_]+\.(\S+) of type \S+/;
const NO_MATCH =
  /resource mapping not found for name: "([^"]*)".*no matches for kind "([^"]*)" in version "[^"]*"/;
const RESULT = /^([a-z0-9.-]+)\/(\S+) ([a-z-]+)( \(server dry run\)| \(dry run\))?$/;
const NAMESPACE_NOT_FOUND = /namespaces "([^"]*)" not found/;
const QUOTED_NAME = /[a-z0-9.-]+ "([^"]+)"/;
const YAML_LINE = /yaml: line (\d+): /;

function causeProblem(
  text: string,
  severity: ApiProblem['severity'],
  kind?: string,
  name?: string,
): ApiProblem {
  const match = CAUSE.exec(text);
  const path = match?.[1] === undefined ? null : parseFieldPath(match[1]);
  return {
    severity,
    message: text,
    ...(kind === undefined ? {} : { kind }),
    ...(name === undefined ? {} : { name }),
    ...(path === null ? { anchor: 'name' as const } : { path }),
  };
}

/** The causes after `is invalid: `: one, `[a, b]`, or none (then `* a` lines follow). */
function splitCauses(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed === '') return [];
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(CAUSE_SEPARATOR);
}

/** Problems in a decode error: unknown fields, type errors, or the error as a whole. */
function decodeProblems(kind: string, detail: string): ApiProblem[] {
  const problems: ApiProblem[] = [];
  for (const m of detail.matchAll(UNKNOWN_FIELD)) {
    const path = parseFieldPath((m[1] ?? '').replace(/\\(.)/g, '$1'));
    problems.push({ severity: 'error', message: m[0], kind, ...(path ? { path } : { anchor: 'kind' }) });
  }
  const typeError = TYPE_ERROR.exec(detail);
  if (typeError?.[1] !== undefined) {
    const path = parseFieldPath(typeError[1]);
    problems.push({
      severity: 'error',
      message: typeError[0],
      kind,
      ...(path ? { path, lenient: true } : {}),
    });
  }
  if (problems.length === 0) problems.push({ severity: 'error', message: detail, kind, anchor: 'kind' });
  return problems;
}

/** A warning: `unknown field "x"`, `<path>: <message>`, or about the object as a whole. */
function warningProblems(text: string): ApiProblem[] {
  const unknown = [...text.matchAll(UNKNOWN_FIELD)];
  if (unknown.length > 0)
    return unknown.map((m) => {
      const path = parseFieldPath(m[1] ?? '');
      return { severity: 'warning', message: text, ...(path ? { path } : { anchor: 'kind' as const }) };
    });
  const colon = text.indexOf(': ');
  const path = colon > 0 ? parseFieldPath(text.slice(0, colon)) : null;
  return [{ severity: 'warning', message: text, ...(path ? { path } : { anchor: 'kind' as const }) }];
}

/** One error line (with any `* cause` lines after it). */
function errorProblems(line: string, following: () => string | undefined): ApiProblem[] {
  const invalid = INVALID.exec(line);
  if (invalid) {
    const [, kind = '', name = '', rest = ''] = invalid;
    const causes = splitCauses(rest);
    if (causes.length === 0)
      for (let next = following(); next !== undefined; next = following()) causes.push(next);
    if (causes.length === 0) return [{ severity: 'error', message: line, kind, name, anchor: 'name' }];
    return causes.map((cause) => causeProblem(cause, 'error', kind, name));
  }
  const undecodable = UNDECODABLE.exec(line);
  if (undecodable) return decodeProblems(undecodable[1] ?? '', undecodable[2] ?? '');
  const noMatch = NO_MATCH.exec(line);
  if (noMatch)
    return [
      {
        severity: 'error',
        message: line.replace(/^error: /, ''),
        name: noMatch[1],
        kind: noMatch[2],
        anchor: 'kind',
      },
    ];
  const yamlLine = YAML_LINE.exec(line);
  if (yamlLine)
    return [{ severity: 'error', message: line.replace(/^error: /, ''), line: Number(yamlLine[1]) }];
  const namespace = NAMESPACE_NOT_FOUND.exec(line);
  if (namespace) return [{ severity: 'error', message: line, namespace: namespace[1], anchor: 'namespace' }];
  const quoted = /^Error from server/.test(line) ? QUOTED_NAME.exec(line.replace(/"STDIN"/g, '')) : null;
  return [{ severity: 'error', message: line, ...(quoted?.[1] ? { name: quoted[1] } : {}), anchor: 'name' }];
}

/** Whether a line of stderr starts a new problem, rather than continuing the one above. */
function startsProblem(line: string): boolean {
  return /^(?:error:|Error from server|The [A-Z])/.test(line) || INVALID.test(line) || UNDECODABLE.test(line);
}

/** A piece of a command's output, in the order it was written. */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Splits output into lines, each with its stream, in the order written. */
function outputLines(output: readonly OutputChunk[]): { stream: OutputChunk['stream']; line: string }[] {
  const lines: { stream: OutputChunk['stream']; line: string }[] = [];
  const partial = { stdout: '', stderr: '' };
  for (const { stream, text } of output) {
    const parts = (partial[stream] + text).split('\n');
    partial[stream] = parts.pop() ?? '';
    for (const line of parts) lines.push({ stream, line });
  }
  for (const stream of ['stdout', 'stderr'] as const)
    if (partial[stream] !== '') lines.push({ stream, line: partial[stream] });
  return lines;
}

/**
 * Everything one `kubectl apply -f -` printed, read for the editor. kubectl prints an
 * object's warnings just before its result or error line, so each warning is given the
 * object named next.
 */
export function parseApplyOutput(output: readonly OutputChunk[]): ApplyOutcome {
  const problems: ApiProblem[] = [];
  const results: ApplyResult[] = [];
  let pendingWarnings: ApiProblem[] = [];
  const flushWarnings = (kind?: string, name?: string) => {
    for (const w of pendingWarnings)
      problems.push({ ...w, ...(kind ? { kind } : {}), ...(name ? { name } : {}) });
    pendingWarnings = [];
  };
  const lines = outputLines(output);
  for (let i = 0; i < lines.length; i++) {
    const { stream, line: raw } = lines[i] ?? { stream: 'stdout', line: '' };
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('* ')) continue;
    if (stream === 'stdout') {
      const result = RESULT.exec(line.trim());
      if (!result) continue;
      const [, resource = '', name = '', verb = '', dry] = result;
      results.push({ resource, name, verb, dryRun: dry !== undefined });
      flushWarnings(kindOfResource(resource), name);
      continue;
    }
    if (line.startsWith('Warning: ')) {
      pendingWarnings.push(...warningProblems(line.slice('Warning: '.length)));
      continue;
    }
    const following = () => {
      const next = lines[i + 1];
      if (next === undefined || next.stream !== 'stderr' || !next.line.startsWith('* ')) return undefined;
      i++;
      return next.line.slice(2).trimEnd();
    };
    const last = problems.at(-1);
    if (!startsProblem(line)) {
      // A continuation of the error above (`ensure CRDs are installed first`, a patch dump).
      if (last !== undefined)
        problems[problems.length - 1] = { ...last, message: `${last.message}\n${line}` };
      continue;
    }
    // `error when applying patch:` heads a dump whose `for: ...` line says what is wrong.
    if (last !== undefined && /applying patch:/.test(last.message) && last.path === undefined) problems.pop();
    const found = errorProblems(line, following);
    flushWarnings(found[0]?.kind, found[0]?.name);
    problems.push(...found);
  }
  flushWarnings();
  return { problems, results };
}

/** `deployment.apps` -> `deployment`: compare with a kind lowercased. */
export function kindOfResource(resource: string): string {
  return resource.split('.')[0] ?? resource;
}
