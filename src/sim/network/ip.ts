/**
 * IPv4 helpers for the simulated network: parsing dotted quads and CIDRs, testing membership
 * and sorting addresses numerically. The simulation is single-stack IPv4, as kind is by default.
 */

/** The 32-bit value of a dotted quad, or null if `text` is not one. */
export function parseIPv4(text: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (match === null) return null;
  let value = 0;
  for (const part of match.slice(1, 5)) {
    const octet = Number(part);
    if (octet > 255 || (part.length > 1 && part.startsWith('0'))) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Whether `text` is a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== null;
}

/** A parsed CIDR: its first address and prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `10.244.0.0/16` (a bare address is a /32); null if malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText] = text.split('/');
  const ip = parseIPv4(address);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (ip === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32 || prefixText === '') return null;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix };
}

/** Whether `ip` lies inside `cidr` (false if either is malformed). */
export function cidrContains(cidr: string, ip: string): boolean {
  const range = parseCidr(cidr);
  const value = parseIPv4(ip);
  if (range === null || value === null) return false;
  return value >= range.base && value < range.base + 2 ** (32 - range.prefix);
}

/** Compares two dotted quads numerically, for stable, human-looking orderings. */
export function compareIPv4(a: string, b: string): number {
  return (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0);
}

/** The reverse-lookup name of an address: `4.3.2.1.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
