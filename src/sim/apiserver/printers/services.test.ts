import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './services';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 45 * 60_000).toISOString();
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;
const header = (p: Printer) => p.columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

function svc(spec: object, status: object = {}) {
  return { metadata: { name: 'web', creationTimestamp: created }, spec, status };
}

describe('services', () => {
  it('has the v1.32 columns', () => {
    expect(header(servicePrinter)).toEqual([
      'Name:string:0',
      'Type:string:0',
      'Cluster-IP:string:0',
      'External-IP:string:0',
      'Port(s):string:0',
      'Age:string:0',
      'Selector:string:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'ClusterIP',
      svc({
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [{ port: 80, protocol: 'TCP' }],
        selector: { app: 'web' },
      }),
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '45m', 'app=web'],
    ],
    [
      'the kubernetes service',
      svc({
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      }),
      ['web', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '45m', '<none>'],
    ],
    [
      'headless',
      svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' } }),
      ['web', 'ClusterIP', 'None', '<none>', '<none>', '45m', 'app=db'],
    ],
    [
      'NodePort with several ports',
      svc({
        type: 'NodePort',
        clusterIPs: ['10.96.4.2'],
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, nodePort: 30053, protocol: 'UDP' },
        ],
      }),
      ['web', 'NodePort', '10.96.4.2', '<none>', '80:30080/TCP,53:30053/UDP', '45m', '<none>'],
    ],
    [
      'ClusterIP with external IPs',
      svc({
        type: 'ClusterIP',
        clusterIP: '10.96.0.5',
        externalIPs: ['1.2.3.4', '5.6.7.8'],
        ports: [{ port: 80, protocol: 'TCP' }],
      }),
      ['web', 'ClusterIP', '10.96.0.5', '1.2.3.4,5.6.7.8', '80/TCP', '45m', '<none>'],
    ],
    [
      'LoadBalancer pending',
      svc({
        type: 'LoadBalancer',
        clusterIP: '10.96.1.1',
        ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }],
      }),
      ['web', 'LoadBalancer', '10.96.1.1', '<pending>', '80:31000/TCP', '45m', '<none>'],
    ],
    [
      'LoadBalancer with sorted, de-duplicated, unabridged ingress points',
      svc(
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.1.1',
          ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
        },
        {
          loadBalancer: {
            ingress: [
              { ip: '203.0.113.20' },
              { ip: '203.0.113.10', hostname: 'ignored.example.com' },
              { hostname: 'a1b2c3d4e5f6.elb.us-east-1.amazonaws.com' },
              { ip: '203.0.113.20' },
            ],
          },
        },
      ),
      [
        'web',
        'LoadBalancer',
        '10.96.1.1',
        '203.0.113.10,203.0.113.20,a1b2c3d4e5f6.elb.us-east-1.amazonaws.com',
        '443:31443/TCP',
        '45m',
        '<none>',
      ],
    ],
    [
      'LoadBalancer ingress then external IPs',
      svc(
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.1.1',
          externalIPs: ['198.51.100.7'],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
        { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
      ),
      ['web', 'LoadBalancer', '10.96.1.1', '203.0.113.10,198.51.100.7', '80/TCP', '45m', '<none>'],
    ],
    [
      'ExternalName',
      svc({ type: 'ExternalName', externalName: 'db.example.com' }),
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '45m', '<none>'],
    ],
    [
      'no type',
      svc({ clusterIP: '10.96.0.3' }),
      ['web', '', '10.96.0.3', '<unknown>', '<none>', '45m', '<none>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(servicePrinter, obj)).toEqual(expected);
  });
});

describe('endpoints', () => {
  const ep = (subsets?: object[]) => ({ metadata: { name: 'web', creationTimestamp: created }, subsets });
  it.each<[string, object, string]>([
    ['no subsets', ep(), '<none>'],
    [
      'one port',
      ep([{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ port: 8080 }] }]),
      '10.244.1.5:8080,10.244.2.7:8080',
    ],
    [
      'not-ready addresses are left out',
      ep([
        { addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ port: 80 }] },
      ]),
      '10.0.0.1:80',
    ],
    [
      'headless without ports',
      ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }]),
      '10.0.0.1,10.0.0.2',
    ],
    ['IPv6', ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 443 }] }]), '[fd00::1]:443'],
    [
      'more than three, counted per port',
      ep([
        {
          addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
          ports: [
            { name: 'http', port: 80 },
            { name: 'https', port: 443 },
          ],
        },
        { addresses: [{ ip: '10.0.1.1' }], ports: [{ port: 80 }] },
      ]),
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...',
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(endpointsPrinter, obj)).toEqual(['web', expected, '45m']);
  });
});

describe('endpointslices', () => {
  it('prints address type, ports and endpoints', () => {
    expect(header(endpointSlicePrinter)).toEqual([
      'Name:string:0',
      'AddressType:string:0',
      'Ports:string:0',
      'Endpoints:string:0',
      'Age:string:0',
    ]);
    const slice = {
      metadata: { name: 'web-abc12', creationTimestamp: created },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics' }, {}, { port: 9090 }],
      endpoints: [
        { addresses: ['10.244.1.5'], conditions: { ready: true } },
        { addresses: ['10.244.2.7'] },
        { addresses: ['10.244.3.9', '10.244.3.10'] },
      ],
    };
    expect(cells(endpointSlicePrinter, slice)).toEqual([
      'web-abc12',
      'IPv4',
      '80,metrics,* + 1 more...',
      '10.244.1.5,10.244.2.7,10.244.3.9 + 1 more...',
      '45m',
    ]);
    expect(
      cells(endpointSlicePrinter, { metadata: { name: 'empty' }, addressType: 'IPv6', endpoints: [] }),
    ).toEqual(['empty', 'IPv6', '<unset>', '<unset>', '<unknown>']);
  });
});

describe('ingresses', () => {
  const ing = (spec: object, status: object = {}) => ({
    metadata: { name: 'shop', creationTimestamp: created },
    spec,
    status,
  });
  it('has the v1.32 columns', () => {
    expect(header(ingressPrinter)).toEqual([
      'Name:string:0',
      'Class:string:0',
      'Hosts:string:0',
      'Address:string:0',
      'Ports:string:0',
      'Age:string:0',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'default backend only',
      ing({ defaultBackend: { service: { name: 'web', port: { number: 80 } } } }),
      ['shop', '<none>', '*', '', '80', '45m'],
    ],
    [
      'hosts, TLS and an address',
      ing(
        {
          ingressClassName: 'nginx',
          rules: [{ host: 'shop.example.com' }, { host: 'api.example.com' }],
          tls: [{ hosts: ['shop.example.com'] }],
        },
        { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
      ),
      ['shop', 'nginx', 'shop.example.com,api.example.com', '192.168.49.2', '80, 443', '45m'],
    ],
    [
      'more than three rules',
      ing({ rules: [{ host: 'a.test' }, {}, { host: 'b.test' }, { host: 'c.test' }, { host: 'd.test' }] }),
      ['shop', '<none>', 'a.test,b.test,c.test + 2 more...', '', '80', '45m'],
    ],
    [
      'exactly three hosts after a host-less rule',
      ing({ rules: [{ host: 'a.test' }, {}, { host: 'b.test' }, { host: 'c.test' }] }),
      ['shop', '<none>', 'a.test,b.test,c.test', '', '80', '45m'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(ingressPrinter, obj)).toEqual(expected);
  });
});

describe('ingressclasses', () => {
  it.each<[string, object, unknown[]]>([
    [
      'no parameters',
      { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
      ['nginx', 'k8s.io/ingress-nginx', '<none>', '<unknown>'],
    ],
    [
      'core parameters',
      {
        metadata: { name: 'x' },
        spec: { controller: 'example.com/c', parameters: { kind: 'ConfigMap', name: 'cfg' } },
      },
      ['x', 'example.com/c', 'ConfigMap/cfg', '<unknown>'],
    ],
    [
      'grouped parameters',
      {
        metadata: { name: 'x' },
        spec: {
          controller: 'example.com/c',
          parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' },
        },
      },
      ['x', 'example.com/c', 'IngressParameters.k8s.example.com/p', '<unknown>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(header(ingressClassPrinter)).toEqual([
      'Name:string:0',
      'Controller:string:0',
      'Parameters:string:0',
      'Age:string:0',
    ]);
    expect(cells(ingressClassPrinter, obj)).toEqual(expected);
  });
});

describe('networkpolicies', () => {
  it('prints the pod selector, <none> for all pods', () => {
    expect(header(networkPolicyPrinter)).toEqual(['Name:string:0', 'Pod-Selector:string:0', 'Age:string:0']);
    const np = (podSelector: object) => ({
      metadata: { name: 'deny', creationTimestamp: created },
      spec: { podSelector },
    });
    expect(cells(networkPolicyPrinter, np({}))).toEqual(['deny', '<none>', '45m']);
    expect(cells(networkPolicyPrinter, np({ matchLabels: { role: 'db' } }))).toEqual([
      'deny',
      'role=db',
      '45m',
    ]);
  });
});
