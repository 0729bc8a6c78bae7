import { describe, expect, it } from 'vitest';
import { cidrContains, compareIPv4, isIPv4, parseCidr, reverseName } from './ip';

describe('IPv4 helpers', () => {
  it.each([
    ['10.244.1.2', true],
    ['255.255.255.255', true],
    ['10.244.1', false],
    ['10.244.1.256', false],
    ['10.244.01.2', false],
    ['web', false],
  ])('%s is an address: %s', (text, expected) => {
    expect(isIPv4(text)).toBe(expected);
  });

  it.each([
    ['10.244.0.0/16', '10.244.255.7', true],
    ['10.244.0.0/16', '10.245.0.1', false],
    ['10.244.2.0/24', '10.244.2.11', true],
    ['10.244.2.11/32', '10.244.2.11', true],
    ['10.244.2.11', '10.244.2.12', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['10.0.0.0/33', '10.0.0.1', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });

  it('normalizes a CIDR to its network address', () => {
    expect(parseCidr('10.244.1.7/24')).toEqual({ base: 10 * 256 ** 3 + 244 * 256 ** 2 + 256, prefix: 24 });
  });

  it('sorts numerically and names reverse zones', () => {
    expect(['10.96.12.34', '10.96.5.5', '10.96.0.10'].sort(compareIPv4)).toEqual([
      '10.96.0.10',
      '10.96.5.5',
      '10.96.12.34',
    ]);
    expect(reverseName('10.96.12.34')).toBe('34.12.96.10.in-addr.arpa');
  });
});
