/**
 * Go's time.Parse for the two layouts API timestamps use, reduced to its error messages:
 * metav1.Time decodes RFC 3339 (`2006-01-02T15:04:05Z07:00`) and metav1.MicroTime RFC 3339
 * with exactly six fractional digits. A timestamp Go cannot parse fails the whole request,
 * with texts such as `parsing time "2024-13-01T00:00:00Z": month out of range` or
 * `parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`.
 */
import { utf8Bytes } from './gobase64';

/** The Go layout strings, as the messages print them. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

type Std = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'frac6' | 'zone';

/** The layout split as Go's nextStdChunk splits it: a literal prefix, then an element. */
interface Chunk {
  readonly prefix: string;
  readonly std: Std;
  readonly text: string;
}

const BASE: readonly Chunk[] = [
  { prefix: '', std: 'year', text: '2006' },
  { prefix: '-', std: 'month', text: '01' },
  { prefix: '-', std: 'day', text: '02' },
  { prefix: 'T', std: 'hour', text: '15' },
  { prefix: ':', std: 'minute', text: '04' },
  { prefix: ':', std: 'second', text: '05' },
];
const ZONE: Chunk = { prefix: '', std: 'zone', text: 'Z07:00' };
const FRAC: Chunk = { prefix: '', std: 'frac6', text: '.000000' };

/** Go's time-package quote: `"` + text + `"`, with non-ASCII and control bytes as \xNN. */
function quote(bytes: readonly number[]): string {
  let out = '"';
  for (const b of bytes) {
    if (b >= 0x80 || b < 0x20) out += '\\x' + b.toString(16).padStart(2, '0');
    else if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else out += String.fromCharCode(b);
  }
  return out + '"';
}

const isDigit = (s: readonly number[], i: number) => {
  const c = s[i];
  return c !== undefined && c >= 0x30 && c <= 0x39;
};
const digit = (s: readonly number[], i: number) => (s[i] ?? 0x30) - 0x30;
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Go's getnum: one or two leading digits (exactly two when fixed). */
function getnum(s: readonly number[], fixed: boolean): { n: number; rest: number[] } | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : { n: digit(s, 0), rest: s.slice(1) };
  return { n: digit(s, 0) * 10 + digit(s, 1), rest: s.slice(2) };
}

/** Go's atoi: an optional sign, then digits only. */
function atoi(s: readonly number[]): number | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === 0x2d || s[0] === 0x2b) {
    neg = s[0] === 0x2d;
    i = 1;
  }
  if (i >= s.length) return undefined;
  let n = 0;
  for (; i < s.length; i++) {
    if (!isDigit(s, i)) return undefined;
    n = n * 10 + digit(s, i);
  }
  return neg ? -n : n;
}

const commaOrPeriod = (c: number | undefined) => c === 0x2e || c === 0x2c;

interface Parsed {
  /** What is left of the value after the element, when it parsed. */
  readonly rest?: number[];
  /** Set when a number parsed but lies outside its range (`month`, `hour`...). */
  readonly range?: string;
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

/** Parses one layout element at the start of `v`; `next` is the element after it. */
function element(std: Std, v: number[], next: Std | undefined): Parsed {
  switch (std) {
    case 'year': {
      if (v.length < 4 || !isDigit(v, 0)) return {};
      const year = atoi(v.slice(0, 4));
      return year === undefined ? {} : { rest: v.slice(4), year };
    }
    case 'month': {
      const g = getnum(v, true);
      if (!g) return {};
      return { rest: g.rest, month: g.n, ...(g.n < 1 || g.n > 12 ? { range: 'month' } : {}) };
    }
    case 'day': {
      const g = getnum(v, true);
      return g ? { rest: g.rest, day: g.n } : {};
    }
    case 'hour': {
      const g = getnum(v, false);
      if (!g) return {};
      return { rest: g.rest, ...(g.n >= 24 ? { range: 'hour' } : {}) };
    }
    case 'minute': {
      const g = getnum(v, true);
      if (!g) return {};
      return { rest: g.rest, ...(g.n >= 60 ? { range: 'minute' } : {}) };
    }
    case 'second': {
      const g = getnum(v, true);
      if (!g) return {};
      if (g.n >= 60) return { rest: g.rest, range: 'second' };
      let rest = g.rest;
      // A fractional second the layout does not spell out is accepted here.
      if (next !== 'frac6' && rest.length >= 2 && commaOrPeriod(rest[0]) && isDigit(rest, 1)) {
        let n = 2;
        while (n < rest.length && isDigit(rest, n)) n++;
        rest = rest.slice(n);
      }
      return { rest };
    }
    case 'frac6': {
      if (v.length < 7 || !commaOrPeriod(v[0])) return {};
      const ns = atoi(v.slice(1, 7));
      if (ns === undefined) return {};
      return { rest: v.slice(7), ...(ns < 0 ? { range: 'fractional second' } : {}) };
    }
    case 'zone': {
      if (v[0] === 0x5a) return { rest: v.slice(1) }; // 'Z'
      if (v.length < 6 || v[3] !== 0x3a) return {};
      const hr = getnum(v.slice(1, 3), true);
      const mm = hr ? getnum(v.slice(4, 6), true) : undefined;
      const range =
        (mm?.n ?? 0) > 60 ? 'time zone offset minute' : (hr?.n ?? 0) > 24 ? 'time zone offset hour' : '';
      if (range !== '') return { rest: v.slice(6), range };
      if (!hr || !mm || (v[0] !== 0x2b && v[0] !== 0x2d)) return {};
      return { rest: v.slice(6) };
    }
  }
}

/**
 * The error Go's time.Parse returns for `value` in the RFC 3339 layout (or the MicroTime
 * layout when `micro`), or undefined when the value parses.
 */
export function goTimeParseError(value: string, micro = false): string | undefined {
  const layout = micro ? RFC3339_MICRO : RFC3339;
  const chunks = micro ? [...BASE, FRAC, ZONE] : [...BASE, ZONE];
  const all = utf8Bytes(value);
  const cannot = (valueElem: readonly number[], layoutElem: string) =>
    `parsing time ${quote(all)} as "${layout}": cannot parse ${quote(valueElem)} as "${layoutElem}"`;
  let v = all;
  let year = 0;
  let month = 1;
  let day = 1;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i] as Chunk;
    if (c.prefix !== '') {
      if (v[0] !== c.prefix.charCodeAt(0)) return cannot(v, c.prefix);
      v = v.slice(1);
    }
    const p = element(c.std, v, chunks[i + 1]?.std);
    if (p.range !== undefined) return `parsing time ${quote(all)}: ${p.range} out of range`;
    if (p.rest === undefined) return cannot(v, c.text);
    year = p.year ?? year;
    month = p.month ?? month;
    day = p.day ?? day;
    v = p.rest;
  }
  if (v.length > 0) return `parsing time ${quote(all)}: extra text: ${quote(v)}`;
  const days = month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] ?? 31);
  if (day < 1 || day > days) return `parsing time ${quote(all)}: day out of range`;
  return undefined;
}
