/**
 * The scalar rules of the YAML emitter kubectl prints with (sigs.k8s.io/yaml, a fork of
 * gopkg.in/yaml.v2 and its libyaml port): which strings would read back as something
 * else and so need quotes, what a scalar's characters allow, and the order map keys are
 * sorted in.
 */

/** libyaml's is_space: only the space character. */
export const isSpace = (c: string | undefined): boolean => c === ' ';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
/** libyaml's is_break: the line breaks of YAML 1.1, NEL and the Unicode separators included. */
export const isBreak = (c: string | undefined): boolean =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean =>
  isBlank(c) || isBreak(c) || c === '\0' || c === undefined;

/** libyaml's is_printable: what it may write unescaped (no astral characters, no tab). */
export function isPrintable(c: string): boolean {
  const p = c.codePointAt(0) ?? 0;
  if (p === 0x0a || (p >= 0x20 && p <= 0x7e)) return true;
  if (p >= 0xa0 && p <= 0xd7ff) return true;
  return p >= 0xe000 && p <= 0xfffd && p !== 0xfeff;
}

/** Plain values yaml.v2 resolves to a non-string by a lookup table (YAML 1.1 booleans and nulls). */
const RESOLVE_MAP = new Set(
  [
    'y Y yes Yes YES true True TRUE on On ON',
    'n N no No NO false False FALSE off Off OFF',
    '~ null Null NULL',
    '.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF',
  ].flatMap((l) => l.split(' ')),
);

/** strconv.ParseInt, then ParseUint, with base 0 (prefixes 0x, 0o, 0b, a leading 0 for octal). */
function parsesAsGoInt(s: string): boolean {
  const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
  const body = s.slice(sign.length);
  let digits: string;
  if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[bB][01]+$/.test(body)) digits = body.toLowerCase();
  else if (/^0[oO][0-7]+$/.test(body)) digits = `0o${body.slice(2)}`;
  else if (/^0[0-7]+$/.test(body)) digits = `0o${body.slice(1)}`;
  else if (/^(0|[1-9][0-9]*)$/.test(body)) digits = body;
  else return false;
  const magnitude = BigInt(digits);
  if (sign === '-') return magnitude <= 2n ** 63n;
  return magnitude < (sign === '+' ? 2n ** 63n : 2n ** 64n);
}

/** strconv.ParseFloat without a range error: decimal and hex floats, inf/infinity/nan. */
function parsesAsGoFloat(s: string): boolean {
  if (/^[+-]?(inf|infinity)$/i.test(s) || /^nan$/i.test(s)) return true;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number.isFinite(Number(s));
  return /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/.test(s);
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether time.Parse accepts one of yaml.v2's timestamp layouts (2006-1-2, with a time...). */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const date = '\\d{4}-\\d{1,2}-\\d{1,2}';
  const time = '\\d{1,2}:\\d{1,2}:\\d{1,2}([.,]\\d+)?';
  const formats = [`^${date}$`, `^${date}[Tt]${time}(Z|[+-]\\d{2}:\\d{2})$`, `^${date} ${time}$`];
  if (!formats.some((f) => new RegExp(f).test(s))) return false;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0] = s.split(/[-Tt :.,Z+]/).map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h < 24 && mi < 60 && sec < 60;
}

/**
 * Whether a string must be quoted because, written plain, yaml.v2 would read it back as a
 * bool, null, number or timestamp (or it is a YAML 1.1 base-60 float).
 */
export function resolvesToNonString(s: string): boolean {
  if (s === '' || RESOLVE_MAP.has(s)) return true;
  const first = s[0] ?? '';
  if (first === '.') return parsesAsGoFloat(s);
  if (/[+\-0-9]/.test(first)) {
    if (isTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    if (parsesAsGoInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain) && parsesAsGoFloat(plain)) return true;
    return BASE60_FLOAT.test(s);
  }
  return false;
}

/** What libyaml's analysis of a scalar allows in block context. */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

/** Characters that cannot start a plain scalar. */
const FIRST_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`']);

/** yaml_emitter_analyze_scalar (the block-context part of it). */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value === '')
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let indicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let edgeWhitespace = false;
  let trailingSpace = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((c, i) => {
    const last = i === chars.length - 1;
    const followedByWhitespace = last || isBlank(chars[i + 1]);
    if (i === 0) {
      if (FIRST_INDICATORS.has(c) || ((c === '?' || c === ':' || c === '-') && followedByWhitespace))
        indicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) indicators = true;
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0 || last) edgeWhitespace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0 || last) edgeWhitespace = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  });
  const noPlain = edgeWhitespace || breakSpace || spaceBreak || special || lineBreaks || indicators;
  return {
    multiline: lineBreaks,
    blockPlainAllowed: !noPlain,
    singleQuotedAllowed: !(breakSpace || spaceBreak || special),
    blockAllowed: !(trailingSpace || spaceBreak || special),
  };
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** A run of digits read as yaml.v2 does: int64 arithmetic on `rune - '0'`, wrapping. */
function digitRun(chars: readonly string[], from: number, start: bigint): [bigint, number] {
  let n = start;
  let i = from;
  for (; i < chars.length && DIGIT.test(chars[i] ?? ''); i++)
    n = BigInt.asIntN(64, n * 10n + BigInt((chars[i]?.codePointAt(0) ?? 0) - 48));
  return [n, i];
}

/**
 * yaml.v2's ordering of string map keys (keyList.Less): letters compare as runes, a
 * non-letter sorts before a letter, and runs of digits compare as numbers, so `key9`
 * comes before `key10`.
 */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] ?? '';
    const y = br[i] ?? '';
    if (x === y) continue;
    const xl = LETTER.test(x);
    const yl = LETTER.test(y);
    if (xl && yl) return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
    if (xl || yl) return yl;
    let start = 0n;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j] ?? ''); j--) {
        if (ar[j] !== '0') {
          start = 1n;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, start);
    const [bn, bi] = digitRun(br, i, start);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}
