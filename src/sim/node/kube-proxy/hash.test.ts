import { describe, expect, it } from 'vitest';
import {
  base32,
  iptablesEndpointChain,
  iptablesServiceChains,
  nftEndpointBase,
  nftServiceBase,
  sha256,
} from './hash';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('sha256 and base32', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %j as the FIPS 180-2 test vectors', (input, digest) => {
    expect(hex(sha256(input))).toBe(digest);
  });

  it('encodes like Go base32.StdEncoding, with padding', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======');
  });
});

describe('kube-proxy chain names', () => {
  it.each([
    // Names seen in upstream's proxier tests and in real clusters' iptables-save output.
    ['ns1/svc1:p80', 'TCP', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['default/kubernetes:https', 'TCP', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'UDP', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'TCP', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'TCP', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
  ])('%s/%s has cluster chain %s', (name, protocol, chain) => {
    expect(iptablesServiceChains(name, protocol).cluster).toBe(chain);
  });

  it('derives the endpoint chain from the service port and the endpoint', () => {
    expect(iptablesEndpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
  });

  it('names nftables chains with a short hash and the readable service port', () => {
    expect(nftServiceBase('default', 'kubernetes', 'TCP', 'https')).toBe(
      '2QRHZV4L-default/kubernetes/tcp/https',
    );
    expect(nftServiceBase('kube-system', 'kube-dns', 'UDP', 'dns')).toBe(
      'FY5PMXPG-kube-system/kube-dns/udp/dns',
    );
    expect(nftEndpointBase('default', 'kubernetes', 'TCP', 'https', '10.34.4.142', 6443)).toBe(
      'MIBO4EMV-default/kubernetes/tcp/https__10.34.4.142/6443',
    );
  });
});
