/**
 * resource.Quantity's canonical string form, which the printers show for capacities,
 * quota usage and HPA metrics: `1536Mi` for `1.5Gi`, `500m` for `0.5`, `1Gi` for `1024Mi`.
 */

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
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
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const NANO = 1_000_000_000n;

interface Parsed {
  /** The value in units of 10^-9, rounded away from zero as Kubernetes does. */
  nanos: bigint;
  format: Format;
}

function pow(base: bigint, exp: number): bigint {
  return base ** BigInt(exp);
}

/** Parses a quantity string; undefined if it does not follow the Quantity grammar. */
export function parseQuantity(input: string): Parsed | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][+-]?\d+)$/.exec(input.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  let format: Format;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    exp2 = 10 * (BINARY_SUFFIXES[suffix] ?? 0);
  } else if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    exp10 = DECIMAL_SUFFIXES[suffix] ?? 0;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
  } else {
    return undefined;
  }
  // value = digits * 10^(exp10 - fraction.length) * 2^exp2, expressed in nano units.
  let numerator = BigInt(whole + fraction || '0') * pow(2n, exp2);
  let denominator = 1n;
  const scale = exp10 - fraction.length + 9;
  if (scale >= 0) numerator *= pow(10n, scale);
  else denominator = pow(10n, -scale);
  // Round up: a request for a tiny amount still gets the smallest representable amount.
  let nanos = (numerator + denominator - 1n) / denominator;
  if (sign === '-') nanos = -nanos;
  if (format === 'BinarySI' && abs(nanos) < 1024n * NANO) format = 'DecimalSI';
  return { nanos, format };
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let magnitude = abs(value);
  let times = 0;
  while (magnitude >= base && magnitude % base === 0n) {
    magnitude /= base;
    times++;
  }
  return [value < 0n ? -magnitude : magnitude, times];
}

/** The canonical form of a parsed quantity (Quantity.String()). */
function canonical({ nanos, format }: Parsed): string {
  if (nanos === 0n) return '0';
  if (format === 'BinarySI' && abs(nanos) >= 1024n * NANO && nanos % NANO === 0n) {
    const [amount, power] = removeFactors(nanos / NANO, 1024n);
    return `${amount}${BINARY_BY_POWER[power] ?? `*2^${power * 10}`}`;
  }
  let [amount, exponent] = removeFactors(nanos, 10n);
  exponent -= 9;
  // Keep the exponent a multiple of three (JavaScript's % keeps the sign, as Go's does).
  const rest = exponent % 3;
  if (rest === 1 || rest === -2) {
    amount *= 10n;
    exponent -= 1;
  } else if (rest === 2 || rest === -1) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent' || !DECIMAL_BY_EXPONENT.has(exponent)) {
    return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  }
  return `${amount}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
}

/**
 * Quantity.String() for a value as it appears in JSON (a string, or a bare number);
 * a missing value is the zero quantity, `0`. Unparsable input is returned as it is.
 */
export function formatQuantity(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const text = String(value);
  const parsed = parseQuantity(text);
  return parsed ? canonical(parsed) : text;
}
