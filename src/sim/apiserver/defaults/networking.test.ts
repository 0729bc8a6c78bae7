import { describe, expect, it } from 'vitest';
import { defaulted } from './testing';

describe('NetworkPolicy defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['deny-all ingress', { podSelector: {} }, { podSelector: {}, policyTypes: ['Ingress'] }],
    [
      'egress rules make it an egress policy too; ports default to TCP',
      {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }],
        egress: [{ ports: [{ port: 5432 }] }],
      },
      {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [
          {
            ports: [
              { port: 80, protocol: 'TCP' },
              { port: 53, protocol: 'UDP' },
            ],
          },
        ],
        egress: [{ ports: [{ port: 5432, protocol: 'TCP' }] }],
        policyTypes: ['Ingress', 'Egress'],
      },
    ],
    [
      'explicit policy types kept',
      { podSelector: {}, policyTypes: ['Egress'] },
      { podSelector: {}, policyTypes: ['Egress'] },
    ],
    [
      'empty egress list is no egress',
      { podSelector: {}, egress: [] },
      { podSelector: {}, egress: [], policyTypes: ['Ingress'] },
    ],
  ])('%s', (_name, spec, expected) => {
    const out = defaulted({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec,
    });
    expect(out.spec).toEqual(expected);
  });
});

describe('IngressClass and Ingress defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['no parameters', { controller: 'k8s.io/ingress-nginx' }, { controller: 'k8s.io/ingress-nginx' }],
    [
      'parameters default to cluster scope',
      { controller: 'c', parameters: { kind: 'Params', name: 'p' } },
      { controller: 'c', parameters: { kind: 'Params', name: 'p', scope: 'Cluster' } },
    ],
    [
      'namespace scope kept',
      { controller: 'c', parameters: { kind: 'Params', name: 'p', scope: 'Namespace', namespace: 'x' } },
      { controller: 'c', parameters: { kind: 'Params', name: 'p', scope: 'Namespace', namespace: 'x' } },
    ],
  ])('IngressClass: %s', (_name, spec, expected) => {
    const out = defaulted({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec,
    });
    expect(out.spec).toEqual(expected);
  });

  it('Ingress has no defaults (pathType is required)', () => {
    const spec = {
      rules: [
        {
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    };
    const out = defaulted({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i' },
      spec,
    });
    expect(out.spec).toEqual(spec);
  });
});

describe('EndpointSlice defaults', () => {
  it('names and protocols ports', () => {
    const out = defaulted({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'] }],
      ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }],
    });
    expect(out.ports).toEqual([
      { name: '', port: 80, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]);
    expect(out.endpoints).toEqual([{ addresses: ['10.244.1.5'] }]);
  });
});
