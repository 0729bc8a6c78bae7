/**
 * IP address and CIDR checks with k8s.io/utils/net's "sloppy" parsing (IPv4 parts may
 * have leading zeros) and upstream's error texts.
 */
import type { FieldError, Path } from './field';
import { invalid } from './field';

/** The four octets of an IPv4 address, or undefined. */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail allowed), or undefined. */
export function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':')) return undefined;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const hi = (((v4[0] ?? 0) << 8) | (v4[1] ?? 0)).toString(16);
    const lo = (((v4[2] ?? 0) << 8) | (v4[3] ?? 0)).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  return [...head, ...new Array<number>(8 - total).fill(0), ...rest];
}

/** Whether the string parses as an IP address. */
export function isIP(s: string): boolean {
  return parseIPv4(s) !== undefined || parseIPv6(s) !== undefined;
}

/** Whether the string is an IPv6 address. */
export function isIPv6(s: string): boolean {
  return parseIPv4(s) === undefined && parseIPv6(s) !== undefined;
}

/** IsValidIP */
export function validateIP(at: Path, value: string): FieldError[] {
  return isIP(value)
    ? []
    : [invalid(at, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** A CIDR's address bits (as a bigint), width and prefix length, or undefined. */
export function parseCIDR(s: string): { bits: bigint; width: number; prefix: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const v4 = parseIPv4(ip);
  if (v4) {
    if (prefix > 32) return undefined;
    return { bits: v4.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), width: 32, prefix };
  }
  const v6 = parseIPv6(ip);
  if (!v6 || prefix > 128) return undefined;
  return { bits: v6.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n), width: 128, prefix };
}

/** IsValidCIDR */
export function validateCIDR(at: Path, value: string): FieldError[] {
  return parseCIDR(value)
    ? []
    : [invalid(at, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** Whether CIDR `inner` lies strictly inside `outer` (same family, longer prefix). */
export function cidrStrictSubset(outer: string, inner: string): boolean {
  const o = parseCIDR(outer);
  const i = parseCIDR(inner);
  if (!o || !i || o.width !== i.width || i.prefix <= o.prefix) return false;
  const shift = BigInt(o.width - o.prefix);
  return o.bits >> shift === i.bits >> shift;
}
