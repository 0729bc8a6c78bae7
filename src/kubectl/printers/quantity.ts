/**
 * resource.ParseQuantity as `--sort-by` sees it: kubectl orders two strings by quantity
 * value when both parse as quantities. Its grammar is looser than it looks (an empty
 * number is 0, so `k`, `-` and `.` are quantities), precise values are rounded up to a
 * nanounit and huge ones capped at 2^63-1 unless they fit its int64 fast path.
 */

const DECIMAL: Readonly<Record<string, number>> = {
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
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = 2n ** 63n - 1n;
const NANOS = 1_000_000_000n;
/**
 * Past this many powers of ten a value is treated as beyond comparison (all such values
 * compare equal) rather than computed: nobody sorts by `1e999999`.
 */
const MAX_EXPONENT = 400;
const HUGE = 10n ** BigInt(MAX_EXPONENT + 10);

interface Parts {
  readonly positive: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

/** parseQuantityString: sign, digits (leading zeros dropped), fraction, suffix. */
function split(str: string): Parts | undefined {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?(.*)$/s.exec(str);
  if (!m) return undefined;
  const [, sign = '', num = '', denom = '', suffix = ''] = m;
  if (suffix !== '' && !/^[eEinumkKMGTP]*([+-]?\d+)?$/.test(suffix)) return undefined;
  return { positive: sign !== '-', num: num === '' ? '0' : num, denom, suffix };
}

/** suffixHandler.interpret: base, exponent and whether the int64 fast path can apply. */
function interpret(suffix: string): { base: 10 | 2; exponent: number } | undefined {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix] ?? 0 };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix] ?? 0 };
  if (suffix.length > 1 && /^[eE][+-]?\d+$/.test(suffix))
    return { base: 10, exponent: Number(suffix.slice(1)) };
  return undefined;
}

/** Whether ParseQuantity keeps the value exactly as an int64 amount (no rounding, no cap). */
function fastPath(p: Parts, base: 10 | 2, exponent: number): boolean {
  const digits = BigInt(p.num + p.denom);
  if (base === 10) return p.num.length + p.denom.length <= 18 && exponent - p.denom.length >= -9;
  const precision = 15 - p.num.length - Math.trunc(Math.fround((exponent * 3) / 10)) - 1;
  return p.denom === '' && precision >= 0 && digits << BigInt(exponent) <= MAX_INT64;
}

/** A quantity's value in nanounits, or undefined when the string is not a quantity. */
export function quantityNanos(str: string): bigint | undefined {
  if (str === '') return undefined;
  const p = split(str);
  const unit = p && interpret(p.suffix);
  if (!p || !unit) return undefined;
  const sign = p.positive ? 1n : -1n;
  const digits = BigInt(p.num + p.denom);
  if (digits === 0n) return 0n;
  const exp10 = (unit.base === 10 ? unit.exponent : 0) - p.denom.length + 9;
  const exp2 = unit.base === 2 ? unit.exponent : 0;
  const fast = Math.abs(exp10) <= MAX_EXPONENT && fastPath(p, unit.base, unit.exponent);
  if (exp10 > MAX_EXPONENT) return sign * (fast ? HUGE : MAX_INT64 * NANOS);
  if (exp10 < -MAX_EXPONENT) return sign;
  const scaled = digits * 2n ** BigInt(exp2);
  let nanos =
    exp10 >= 0
      ? scaled * 10n ** BigInt(exp10)
      : (scaled + 10n ** BigInt(-exp10) - 1n) / 10n ** BigInt(-exp10);
  if (!fast && nanos > MAX_INT64 * NANOS) nanos = MAX_INT64 * NANOS;
  return sign * nanos;
}
