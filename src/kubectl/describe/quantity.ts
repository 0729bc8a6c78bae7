/**
 * resource.Quantity arithmetic for the describers that add up requests and limits (node
 * allocation, QoS class), on top of the printers' parser and canonical formatter.
 */
import { formatQuantity, parseQuantity } from '../../sim/apiserver/printers/quantity';

type Format = NonNullable<ReturnType<typeof parseQuantity>>['format'];

/** A parsed quantity: its value in units of 10^-9 and the format it prints in. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: Format;
}

/** A map of resource name to quantity, as it appears in JSON (`requests`, `capacity`...). */
export type ResourceList = Readonly<Record<string, unknown>>;

const NANO = 1_000_000_000n;
const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** Parses a JSON quantity; missing or unparsable values are zero. */
export function quantity(value: unknown): Quantity {
  if (value === undefined || value === null) return ZERO;
  return parseQuantity(String(value)) ?? ZERO;
}

/** Go's Quantity.Add: the sum keeps the first operand's format unless that one is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

const ceilDiv = (n: bigint, d: bigint): bigint => (n > 0n ? (n + d - 1n) / d : n / d);

/** Quantity.Value(): the value rounded up to an integer. */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

/** Quantity.MilliValue(): the value in thousandths, rounded up. */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/**
 * Quantity.String(): the canonical form. A binary quantity is written back as an exact
 * number of Ki so that the formatter sees its format; the rest as nanos.
 */
export function quantityString(q: Quantity): string {
  if (q.format === 'DecimalExponent') return formatQuantity(`${q.nanos}e-9`);
  if (q.format === 'BinarySI' && q.nanos % NANO === 0n) {
    const negative = q.nanos < 0n;
    // value / 1024 has at most ten decimal places: value * 10^10 / 1024 is an integer.
    const scaled = ((negative ? -q.nanos : q.nanos) / NANO) * 9_765_625n;
    const whole = scaled / 10_000_000_000n;
    const fraction = (scaled % 10_000_000_000n).toString().padStart(10, '0');
    return formatQuantity(`${negative ? '-' : ''}${whole}.${fraction}Ki`);
  }
  return formatQuantity(`${q.nanos}n`);
}

/** Adds every quantity of `add` into `into` (resourcehelper's addResourceList). */
export function addResourceList(into: Map<string, Quantity>, add: ResourceList | undefined): void {
  for (const [name, value] of Object.entries(add ?? {})) {
    const q = quantity(value);
    const existing = into.get(name);
    into.set(name, existing === undefined ? q : addQuantities(existing, q));
  }
}

/** Keeps the larger of each quantity (resourcehelper's maxResourceList). */
export function maxResourceList(into: Map<string, Quantity>, other: ReadonlyMap<string, Quantity>): void {
  for (const [name, q] of other) {
    const existing = into.get(name);
    if (existing === undefined || compareQuantities(q, existing) > 0) into.set(name, q);
  }
}

/** The zero quantity (what Go reads for a resource missing from a list). */
export const zeroQuantity = ZERO;

/**
 * The format Go's parser gives a quantity string: binary suffixes are BinarySI, exponents
 * DecimalExponent, the rest DecimalSI (unlike the printers' parser, which already folds
 * small binary amounts into DecimalSI for printing).
 */
export function parsedFormat(value: unknown): Format {
  const text = String(value ?? '').trim();
  if (/(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text)) return 'BinarySI';
  if (/\d[eE][+-]?\d+$/.test(text)) return 'DecimalExponent';
  return 'DecimalSI';
}
