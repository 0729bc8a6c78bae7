/**
 * Flag value types as pflag (and klog, for `-v`) define them: how a typed string becomes a
 * value, with Go's parsing rules and error texts, and how a default prints in help.
 */
import { formatGoDuration, parseGoDuration } from '../client/timeout';

/**
 * The types of flag kubectl uses: `bool`, `string`, `int` (pflag's int and int64: Go's
 * base-prefixed integers), `stringSlice` (comma-separated, repeatable), `stringArray`
 * (repeatable, no splitting), `level` (klog's verbosity, a base-10 int32) and `duration`
 * (Go's time.Duration, held in nanoseconds).
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'level' | 'duration';

/** A flag's value: boolean, string, number or list of strings, by its type. */
export type FlagValue = boolean | string | number | readonly string[];

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool. */
export function parseGoBool(text: string): boolean | { error: string } {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return { error: `strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax` };
}

/**
 * Go's strconv.ParseInt with base 0 (a `0x`, `0o`, `0b` or `0` prefix picks the base, and
 * `_` may separate digits) or base 10, for a signed integer of `bits` bits.
 */
export function parseGoInt(text: string, base: 0 | 10, bits: 32 | 64): number | { error: string } {
  const syntax = { error: `strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax` };
  let rest = text;
  let negative = false;
  if (rest.startsWith('+') || rest.startsWith('-')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  let radix = 10;
  if (base === 0) {
    const prefix = rest.slice(0, 2).toLowerCase();
    if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
      radix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : 2;
      rest = rest.slice(2);
    } else if (rest.length > 1 && rest.startsWith('0')) {
      radix = 8;
      rest = rest.slice(1);
    }
    // Underscores only between digits (or after a base prefix), as Go's underscoreOK checks.
    if (rest.includes('_')) {
      const prefixed = radix !== 10;
      if (/__/.test(rest) || rest.endsWith('_') || (rest.startsWith('_') && !prefixed)) return syntax;
      rest = rest.replace(/_/g, '');
    }
  }
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  if (rest === '' || [...rest.toLowerCase()].some((c) => !digits.includes(c))) return syntax;
  let value = 0n;
  for (const c of rest.toLowerCase()) value = value * BigInt(radix) + BigInt(digits.indexOf(c));
  if (negative) value = -value;
  const limit = 1n << BigInt(bits - 1);
  if (value >= limit || value < -limit)
    return { error: `strconv.ParseInt: parsing ${goQuote(text)}: value out of range` };
  return Number(value);
}

/**
 * Splits a stringSlice argument as pflag does (one line of CSV): commas separate values,
 * and a value in double quotes may contain commas (`""` is a quote inside one).
 */
export function splitCsv(text: string): string[] | { error: string } {
  if (text === '') return [];
  const values: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text.charAt(i) === '"') {
      i++;
      for (;;) {
        if (i >= text.length)
          return { error: `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field` };
        if (text.charAt(i) === '"' && text.charAt(i + 1) === '"') {
          value += '"';
          i += 2;
        } else if (text.charAt(i) === '"') {
          i++;
          break;
        } else value += text.charAt(i++);
      }
      if (i < text.length && text.charAt(i) !== ',')
        return { error: `parse error on line 1, column ${i}: extraneous or missing " in quoted-field` };
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? text.length : end);
      if (value.includes('"'))
        return {
          error: `parse error on line 1, column ${i + value.indexOf('"') + 1}: bare " in non-quoted-field`,
        };
      i += value.length;
    }
    values.push(value);
    if (i >= text.length) return values;
    i++; // the comma
  }
}

/** Go's time.ParseDuration for a flag value, in nanoseconds, or pflag's error. */
export function parseDurationFlag(text: string): number | { error: string } {
  const ns = parseGoDuration(text);
  return ns === undefined ? { error: `time: invalid duration ${goQuote(text)}` } : Number(ns);
}

/** Go's %q for a string of printable characters: double quotes, `"` and `\` escaped. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** A flag's default as kubectl's help prints it after `=`. */
export function formatDefault(type: FlagType, value: FlagValue): string {
  switch (type) {
    case 'string':
      return `'${String(value)}'`;
    case 'stringSlice':
    case 'stringArray':
      return `[${(value as readonly string[]).join(',')}]`;
    case 'duration':
      return formatGoDuration(BigInt(value as number));
    default:
      return String(value);
  }
}

/** The value a flag of `type` has when it is not set and has no default. */
export function zeroValue(type: FlagType): FlagValue {
  switch (type) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'int':
    case 'level':
    case 'duration':
      return 0;
    case 'stringSlice':
    case 'stringArray':
      return [];
  }
}
