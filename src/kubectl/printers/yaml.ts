/**
 * `-o yaml`: YAML exactly as kubectl writes it. kubectl marshals an object to JSON and
 * re-emits that with sigs.k8s.io/yaml's copy of gopkg.in/yaml.v2, whose libyaml emitter
 * decides everything visible here: keys in yaml.v2's natural order, sequences flush with
 * their parent key, `{}` and `[]` for empty collections, plain scalars where they read
 * back as strings, single quotes where plain is not allowed, double quotes for strings
 * that would read back as something else (`"true"`, `"123"`, `""`), `|` blocks for
 * multi-line strings, and long scalars folded at spaces past column 80.
 *
 * js-yaml (the project's YAML library) cannot produce this: it never folds plain or quoted
 * scalars (it switches long strings to `>-` blocks) and its quoting rules differ, so this
 * module follows the emitter's own state machine instead.
 */
import { goSort } from '../describe/gosort';
import { formatFloatG, isGoInt } from './gofmt';
import { Emitter, writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from './yaml-emitter';
import { analyzeScalar, resolvesToNonString, yamlKeyLess } from './yaml-scalar';

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Context {
  readonly mapping?: boolean;
  readonly simpleKey?: boolean;
}

/** Longest key (in UTF-8 bytes) written as a simple `key:`; longer keys use `? key`. */
const MAX_SIMPLE_KEY = 128;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** The style yaml.v2's encoder asks for, before the emitter checks what the text allows. */
function requestedStyle(value: unknown): [string, Style] {
  if (value === null || value === undefined) return ['null', 'plain'];
  if (typeof value === 'boolean') return [String(value), 'plain'];
  if (typeof value === 'number') {
    if (isGoInt(value)) return [String(value), 'plain'];
    const g = formatFloatG(value);
    return [g === '+Inf' ? '.inf' : g === '-Inf' ? '-.inf' : g === 'NaN' ? '.nan' : g, 'plain'];
  }
  const s = String(value);
  if (s.includes('\n')) return [s, 'literal'];
  return [s, resolvesToNonString(s) ? 'double' : 'plain'];
}

/** yaml_emitter_select_scalar_style, for block context (the only one JSON values need). */
function selectStyle(value: string, requested: Style, ctx: Context): Style {
  const a = analyzeScalar(value);
  let style = requested;
  if (ctx.simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (value === '' && ctx.simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || ctx.simpleKey)) style = 'double';
  return style;
}

function emitScalar(e: Emitter, value: string, requested: Style, ctx: Context): void {
  const style = selectStyle(value, requested, ctx);
  e.increaseIndent(true, false);
  const chars = [...value];
  const allowBreaks = !ctx.simpleKey;
  if (style === 'plain') writePlain(e, chars, allowBreaks);
  else if (style === 'single') writeSingleQuoted(e, chars, allowBreaks);
  else if (style === 'double') writeDoubleQuoted(e, chars, allowBreaks);
  else writeLiteral(e, chars);
  e.popIndent();
}

/** An empty collection, which libyaml writes in flow style: `{}` or `[]`. */
function emitEmpty(e: Emitter, open: string, close: string): void {
  e.indicator(open, true, true, false);
  e.indicator(close, false, false, false);
}

function emitNode(e: Emitter, value: unknown, ctx: Context): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return emitEmpty(e, '[', ']');
    e.increaseIndent(false, ctx.mapping === true && !e.indention);
    for (const item of value) {
      e.writeIndent();
      e.indicator('-', true, false, true);
      emitNode(e, item, {});
    }
    return e.popIndent();
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = goSort(Object.keys(record), yamlKeyLess);
    if (keys.length === 0) return emitEmpty(e, '{', '}');
    e.increaseIndent(false, false);
    for (const key of keys) {
      e.writeIndent();
      const [text, style] = requestedStyle(key);
      if (!analyzeScalar(text).multiline && utf8Length(text) <= MAX_SIMPLE_KEY) {
        emitScalar(e, text, style, { mapping: true, simpleKey: true });
        e.indicator(':', false, false, false);
      } else {
        e.indicator('?', true, false, true);
        emitScalar(e, text, style, { mapping: true });
        e.writeIndent();
        e.indicator(':', true, false, true);
      }
      emitNode(e, record[key], { mapping: true });
    }
    return e.popIndent();
  }
  const [text, style] = requestedStyle(value);
  emitScalar(e, text, style, ctx);
}

/** Characters encoding/json leaves raw that yaml.v2's reader refuses. */
const FORBIDDEN = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A string as yaml.v2 reads it back from the JSON text sigs.k8s.io/yaml hands it: a raw
 * NEL (U+0085, which encoding/json does not escape) is a line break inside the quoted
 * JSON string, so it folds with the spaces around it into one space, or into n-1
 * newlines for n breaks.
 */
function reread(s: string): string {
  if (FORBIDDEN.test(s)) throw new Error('yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(/[ \u0085]*\u0085[ \u0085]*/g, (run) => {
    const breaks = [...run].filter((c) => c === '\u0085').length;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

function rereadValue(value: unknown): unknown {
  if (typeof value === 'string') return reread(value);
  if (Array.isArray(value)) return value.map(rereadValue);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [reread(k), rereadValue(v)]));
}

/**
 * sigs.k8s.io/yaml.Marshal of a JSON value: the YAML document kubectl prints, ending in a
 * newline. Throws yaml.v2's error for text it refuses to read back (`yaml: control
 * characters are not allowed` for DEL and the C1 controls).
 */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  emitNode(e, rereadValue(value), {});
  e.writeIndent();
  return e.out;
}
