/**
 * Decoding what `-f` reads, as apimachinery's YAMLOrJSONDecoder does: a stream starting
 * with `{` is a sequence of JSON values; anything else is YAML, split into documents at
 * `---` lines, each converted to JSON on its own (so error lines count from the start of
 * the document). YAML is read as go-yaml v2 reads it (YAML 1.1 booleans, timestamps kept as
 * strings, repeated keys allowed), and its errors are reported in go-yaml's words.
 */
import { Schema, YAML11_SCHEMA, YAMLException, loadAll, timestampTag } from 'js-yaml';
import { goJsonSyntaxError } from '../../sim/apiserver/patch/gojson';

/** YAML 1.1 without timestamps: go-yaml v2 hands them over as strings. */
const SCHEMA = new Schema(YAML11_SCHEMA.tags.filter((t) => t !== timestampTag));

/** What a stream decoded to: the documents before the first error, and that error. */
export interface Decoded {
  /** Every non-empty document, in order (a document that is only `null` is left out). */
  readonly documents: unknown[];
  /** The decoder's message (`error converting YAML to JSON: yaml: line 3: ...`). */
  readonly error?: string;
}

/** Decodes a whole stream: JSON values or YAML documents. */
export function decodeStream(text: string): Decoded {
  return /^\s*\{/.test(text) ? decodeJsonStream(text) : decodeYamlStream(text);
}

/** The YAML documents of a stream, split as apimachinery's YAMLReader splits them. */
export function splitYamlDocuments(text: string): string[] {
  const documents: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    const rest = line.startsWith('---') ? line.slice(3).trim() : undefined;
    if (rest !== undefined && (rest === '' || rest.startsWith('#'))) {
      documents.push(current.join(''));
      current = [];
    } else current.push(line);
  }
  documents.push(current.join(''));
  return documents;
}

function decodeYamlStream(text: string): Decoded {
  const documents: unknown[] = [];
  for (const document of splitYamlDocuments(text)) {
    let values: unknown[];
    try {
      values = loadAll(document, { schema: SCHEMA, json: true });
    } catch (error) {
      return { documents, error: `error converting YAML to JSON: yaml: ${goYamlMessage(error, document)}` };
    }
    const value = values[0] ?? null;
    if (value !== null) documents.push(value);
  }
  return { documents };
}

/** `line N: ` as go-yaml prefixes its errors: none for the first line. */
const at = (line: number) => (line === 0 ? '' : `line ${line}: `);

/** The bracket or quote still open at the end of `text`, if any. */
function unclosed(text: string): string | undefined {
  const open: string[] = [];
  let quote: string | undefined;
  for (const c of text) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') open.push(c);
    else if (c === ']' || c === '}') open.pop();
    else if (c === '#' && open.length === 0) break;
  }
  return quote ?? open.at(-1);
}

/**
 * go-yaml's message for what js-yaml rejected. go-yaml numbers lines from 1 for scanner
 * errors and from 0 for parser errors, and leaves the number out on the first line.
 */
function goYamlMessage(error: unknown, document: string): string {
  if (!(error instanceof YAMLException)) return String(error);
  const reason = error.reason;
  const line = error.mark?.line ?? 0;
  const scanner = (message: string) => `${line === 0 ? '' : `line ${line + 1}: `}${message}`;
  const alias = /^unidentified alias "(.*)"$/.exec(reason);
  if (alias !== null) return `unknown anchor '${alias[1] ?? ''}' referenced`;
  if (reason.startsWith('bad indentation of a mapping entry')) {
    const lines = document.split('\n');
    const indent = (lines[line] ?? '').search(/\S/);
    const previous = lines
      .slice(0, line)
      .reverse()
      .find((l) => l.trim() !== '' && l.search(/\S/) === indent);
    if (previous?.trimStart().startsWith('- ')) return `${at(line)}did not find expected '-' indicator`;
    return scanner('mapping values are not allowed in this context');
  }
  if (reason.startsWith('deficient indentation') || reason.startsWith('unexpected end of the stream')) {
    const open = unclosed(document);
    if (open === '[') return `${at(line)}did not find expected ',' or ']'`;
    if (open === '{') return `${at(line)}did not find expected ',' or '}'`;
    if (open !== undefined) return scanner('found unexpected end of stream');
  }
  if (reason.startsWith('tab characters must not be used'))
    return scanner('found character that cannot start any token');
  if (reason.startsWith('can not read a block mapping entry')) return scanner("could not find expected ':'");
  return scanner(reason);
}

/** The end of the JSON value starting at `start` (after its last character), or -1. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charAt(i);
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** A sequence of JSON values, as Go's json.Decoder reads them one after another. */
function decodeJsonStream(text: string): Decoded {
  const documents: unknown[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
    if (at >= text.length) return { documents };
    const end = valueEnd(text, at);
    const chunk = text.slice(at, end < 0 ? text.length : end);
    const problem = goJsonSyntaxError(chunk);
    if (problem !== undefined) {
      if (problem === 'unexpected end of JSON input') return { documents, error: 'unexpected EOF' };
      let offset = chunk.length;
      for (let n = 1; n <= chunk.length; n++)
        if (goJsonSyntaxError(chunk.slice(0, n)) === problem) {
          offset = n;
          break;
        }
      return { documents, error: `json: offset ${at + offset}: ${problem}` };
    }
    const value = JSON.parse(chunk) as unknown;
    if (value !== null) documents.push(value);
    at += chunk.length;
  }
}
