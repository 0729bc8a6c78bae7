/**
 * Kubernetes resource.Quantity: parsing with upstream's grammar and error texts, exact
 * comparison, and the canonical String() form (`0.5` prints as `500m`, `1024Mi` as `1Gi`).
 * Values are kept as whole nanounits in a bigint, rounded away from zero as upstream does.
 */

/** The pattern upstream's ErrFormatWrong quotes. */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
/** resource.ErrNumeric */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** How a quantity was written, which decides how it prints. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A parsed quantity. */
export interface Quantity {
  /** The value in nanounits (value × 10^9). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = 9223372036854775807n;

interface Pieces {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** Upstream's parseQuantityString scanner. */
function scan(str: string): Pieces | 'format' {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const digits = (from: number): number => {
    let i = from;
    while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
    return i;
  };
  let i = digits(pos);
  let num = str.slice(pos, i);
  pos = i;
  if (pos >= end) return { positive, num: num || '0', denom: '', suffix: '' };
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = digits(pos);
    denom = str.slice(pos, i);
    pos = i;
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  pos = digits(pos);
  if (pos < end) return 'format';
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[+-]?[0-9]+$/.test(suffix.slice(1))
  ) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** Divides, rounding away from zero (inf.RoundUp). */
function divUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < 0n ? q - 1n : q + 1n;
}

/** ParseQuantity: a quantity, or one of upstream's parse error messages. */
export function parseQuantity(input: string | number): Quantity | { readonly error: string } {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) return { error: ERR_FORMAT_WRONG };
  const p = scan(str);
  if (p === 'format') return { error: ERR_FORMAT_WRONG };
  const s = interpret(p.suffix);
  if (!s) return { error: ERR_SUFFIX };
  const exponent = Math.max(-2000, Math.min(2000, s.exponent));
  let numer = BigInt(p.num + p.denom) * NANO;
  let denom = 10n ** BigInt(p.denom.length);
  if (s.base === 2) numer *= 2n ** BigInt(exponent);
  else if (exponent >= 0) numer *= 10n ** BigInt(exponent);
  else denom *= 10n ** BigInt(-exponent);
  let nanos = divUp(numer, denom);
  if (s.format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (!p.positive) nanos = -nanos;
  let format = s.format;
  if (format === 'BinarySI' && nanos !== 0n && nanos > -NANO && nanos < NANO) format = 'DecimalSI';
  return { nanos, format };
}

/** Whether a parse result is an error. */
export function isQuantityError(q: Quantity | { readonly error: string }): q is { readonly error: string } {
  return 'error' in q;
}

/** Orders two quantities: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Value(): whole units, rounded away from zero. */
export function quantityValue(q: Quantity): bigint {
  return divUp(q.nanos, NANO);
}

/** Quantity.MilliValue(): thousandths, rounded away from zero. */
export function quantityMilliValue(q: Quantity): bigint {
  return divUp(q.nanos, 1_000_000n);
}

const DECIMAL_BY_EXPONENT: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL_SUFFIXES).map(([k, v]) => [v, k]),
);
const BINARY_BY_EXPONENT: Record<number, string> = Object.fromEntries(
  Object.entries(BINARY_SUFFIXES).map(([k, v]) => [v, k]),
);

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let mantissa = abs / NANO;
    let exp = 0;
    while (mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      exp++;
    }
    return sign + mantissa.toString() + (BINARY_BY_EXPONENT[exp * 10] ?? '');
  }
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  const suffix =
    format === 'DecimalExponent'
      ? exponent === 0
        ? ''
        : `e${exponent}`
      : (DECIMAL_BY_EXPONENT[exponent] ?? '');
  return sign + mantissa.toString() + suffix;
}
