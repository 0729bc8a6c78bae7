/**
 * `--request-timeout`: a whole number of seconds or a Go duration (`1m30s`), sent as the
 * `timeout` query parameter in Go's Duration.String() form, as client-go sends it.
 */

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration, in nanoseconds; undefined when the text is not a duration. */
export function parseGoDuration(text: string): bigint | undefined {
  const match = /^([-+]?)(.*)$/.exec(text);
  const body = match?.[2] ?? '';
  if (body === '0') return 0n;
  if (body === '') return undefined;
  let total = 0n;
  const part = /(\d*)(?:\.(\d*))?([a-zµμ]+)/y;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    const unit = UNITS[m?.[3] ?? ''];
    const whole = m?.[1] ?? '';
    const fraction = m?.[2] ?? '';
    if (m === null || unit === undefined || (whole === '' && fraction === '')) return undefined;
    total += BigInt(whole || '0') * unit;
    if (fraction !== '') total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    at = part.lastIndex;
  }
  return match?.[1] === '-' ? -total : total;
}

/** `123.45` with trailing zeros of the fraction dropped (Go's fmtFrac). */
function fraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const frac = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${value / scale}${frac === '' ? '' : `.${frac}`}`;
}

/** Go's Duration.String(): `0s`, `500ms`, `1.5s`, `1m30s`, `2h0m0s`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const d = ns < 0n ? -ns : ns;
  if (d < 1_000n) return `${sign}${d}ns`;
  if (d < 1_000_000n) return `${sign}${fraction(d, 3)}µs`;
  if (d < 1_000_000_000n) return `${sign}${fraction(d, 6)}ms`;
  const seconds = fraction(d % 60_000_000_000n, 9);
  const minutes = d / 60_000_000_000n;
  if (minutes === 0n) return `${sign}${seconds}s`;
  const hours = minutes / 60n;
  if (hours === 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${hours}h${minutes % 60n}m${seconds}s`;
}

const INVALID =
  'Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';

/**
 * The `timeout` parameter for a `--request-timeout` value: undefined for no timeout, the
 * Go duration string otherwise. Throws kubectl's error for a value that is neither.
 */
export function requestTimeout(text: string): string | undefined {
  if (text === '') return undefined;
  let ns: bigint | undefined;
  if (/^[-+]?\d+$/.test(text) && BigInt(text) >= 0n) ns = BigInt(text) * 1_000_000_000n;
  else ns = parseGoDuration(text);
  if (ns === undefined) throw new Error(INVALID);
  return ns === 0n ? undefined : formatGoDuration(ns);
}
