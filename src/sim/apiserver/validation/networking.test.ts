import { describe, expect, it } from 'vitest';
import { createErrors, edited, type Json } from './testing';

const ING = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'web.example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};
const NP = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
  },
};
type Obj = { spec: Record<string, Json> };
const path0 = 'spec.rules[0].http.paths[0]';

describe('Ingress', () => {
  it.each<[string, (o: Obj) => void, string[]]>([
    ['valid', () => {}, []],
    [
      'no rules or backend',
      (o) => (o.spec = {}),
      [
        'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
      ],
    ],
    [
      'IP host',
      (o) => (o.spec['rules'][0].host = '10.0.0.1'),
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
    [
      'missing pathType',
      (o) => delete o.spec['rules'][0].http.paths[0].pathType,
      [`${path0}.pathType: Required value: pathType must be specified`],
    ],
    [
      'relative path',
      (o) => (o.spec['rules'][0].http.paths[0].path = 'api'),
      [`${path0}.path: Invalid value: "api": must be an absolute path`],
    ],
    [
      'backend port',
      (o) => (o.spec['rules'][0].http.paths[0].backend.service.port = {}),
      [`${path0}.backend: Required value: port name or number is required`],
    ],
    [
      'both port name and number',
      (o) => (o.spec['rules'][0].http.paths[0].backend.service.port = { name: 'http', number: 80 }),
      [`${path0}.backend: Invalid value: "": cannot set both port name & port number`],
    ],
  ])('%s', (_, edit, expected) => expect(createErrors(edited(ING as Obj, edit))).toEqual(expected));
});

describe('NetworkPolicy', () => {
  it.each<[string, (o: Obj) => void, string[]]>([
    ['valid', () => {}, []],
    [
      'empty peer',
      (o) => (o.spec['ingress'][0].from = [{}]),
      ['spec.ingress[0].from[0]: Required value: must specify a peer'],
    ],
    [
      'ipBlock with another peer',
      (o) => (o.spec['ingress'][0].from = [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }]),
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      'except outside cidr',
      (o) => (o.spec['ingress'][0].from = [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }]),
      [
        'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
      ],
    ],
    [
      'port range',
      (o) => (o.spec['ingress'][0].ports = [{ port: 80, endPort: 79 }]),
      ['spec.ingress[0].ports[0].endPort: Invalid value: 79: must be greater than or equal to `port`'],
    ],
    [
      'policy types',
      (o) => (o.spec['policyTypes'] = ['Inbound']),
      ['spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress"'],
    ],
  ])('%s', (_, edit, expected) => expect(createErrors(edited(NP as Obj, edit))).toEqual(expected));
});
