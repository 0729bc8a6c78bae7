import { describe, expect, it } from 'vitest';
import { service, slice } from '../../node/kube-proxy/testing';
import type { ServiceObject, SliceObject } from '../../node/kube-proxy/types';
import { answerKubernetes, type KubernetesDnsView } from './kubernetes';
import type { DnsAnswer, RecordType } from './types';
import { answerExternal, DEFAULT_EXTERNAL_ZONE } from './upstream';

const services: ServiceObject[] = [
  service('default', 'web', {
    clusterIP: '10.96.12.34',
    clusterIPs: ['10.96.12.34'],
    ports: [
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ],
  }),
  service('default', 'nginx', {
    clusterIP: 'None',
    clusterIPs: ['None'],
    ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
  }),
  service('default', 'empty', {
    clusterIP: 'None',
    clusterIPs: ['None'],
    ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
  }),
  service('default', 'docs', { type: 'ExternalName', externalName: 'example.com', ports: [] }),
  service('default', 'alias', {
    type: 'ExternalName',
    externalName: 'web.default.svc.cluster.local',
    ports: [],
  }),
];
const statefulSlice: SliceObject = {
  ...slice('default', 'nginx', { name: 'web', port: 80 }, [
    { ip: '10.244.1.5' },
    { ip: '10.244.2.6' },
    { ip: '10.244.1.9', ready: false },
  ]),
};
statefulSlice.endpoints = (statefulSlice.endpoints ?? []).map((ep, i) => ({ ...ep, hostname: `web-${i}` }));
const slices: SliceObject[] = [
  slice('default', 'web', { name: 'http', port: 8080 }, [{ ip: '10.244.1.2' }]),
  statefulSlice,
  slice('default', 'empty', { name: 'web', port: 80 }, [{ ip: '10.244.1.7', ready: false }]),
];

const view: KubernetesDnsView = {
  zone: 'cluster.local.',
  ttl: 30,
  namespaceExists: (ns) => ['default', 'kube-system'].includes(ns),
  service: (ns, name) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
  services: () => services,
  slicesOf: (ns, name) =>
    slices.filter(
      (s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name,
    ),
  slices: () => slices,
};
const upstream = (name: string, type: RecordType) => answerExternal(DEFAULT_EXTERNAL_ZONE, name, type);
const ask = (name: string, type: RecordType = 'A') =>
  answerKubernetes(view, name, type, upstream) as DnsAnswer;
const lines = (a: DnsAnswer) => [
  a.rcode,
  ...a.answers.map((r) => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`),
];

describe('CoreDNS kubernetes plugin answers', () => {
  it.each<[string, string, RecordType, string[]]>([
    [
      'a ClusterIP Service',
      'web.default.svc.cluster.local.',
      'A',
      ['NOERROR', 'web.default.svc.cluster.local. 30 IN A 10.96.12.34'],
    ],
    ['no AAAA for an IPv4 Service (NODATA)', 'web.default.svc.cluster.local.', 'AAAA', ['NOERROR']],
    [
      'a headless Service: every ready endpoint',
      'nginx.default.svc.cluster.local.',
      'A',
      [
        'NOERROR',
        'nginx.default.svc.cluster.local. 30 IN A 10.244.1.5',
        'nginx.default.svc.cluster.local. 30 IN A 10.244.2.6',
      ],
    ],
    [
      'a StatefulSet pod by hostname',
      'web-1.nginx.default.svc.cluster.local.',
      'A',
      ['NOERROR', 'web-1.nginx.default.svc.cluster.local. 30 IN A 10.244.2.6'],
    ],
    [
      'an endpoint by dashed address',
      '10-244-1-2.web.default.svc.cluster.local.',
      'A',
      ['NOERROR', '10-244-1-2.web.default.svc.cluster.local. 30 IN A 10.244.1.2'],
    ],
    ['a headless Service without ready endpoints', 'empty.default.svc.cluster.local.', 'A', ['NXDOMAIN']],
    ['an unready endpoint by hostname', 'web-2.nginx.default.svc.cluster.local.', 'A', ['NXDOMAIN']],
    [
      'an ExternalName Service: CNAME, then the target',
      'docs.default.svc.cluster.local.',
      'A',
      [
        'NOERROR',
        'docs.default.svc.cluster.local. 30 IN CNAME example.com.',
        'example.com. 30 IN A 192.0.2.10',
      ],
    ],
    [
      'an ExternalName pointing into the cluster',
      'alias.default.svc.cluster.local.',
      'A',
      [
        'NOERROR',
        'alias.default.svc.cluster.local. 30 IN CNAME web.default.svc.cluster.local.',
        'web.default.svc.cluster.local. 30 IN A 10.96.12.34',
      ],
    ],
    [
      'a pod by dashed address (pods insecure)',
      '10-244-1-99.default.pod.cluster.local.',
      'A',
      ['NOERROR', '10-244-1-99.default.pod.cluster.local. 30 IN A 10.244.1.99'],
    ],
    ['a pod name that is no address', 'web.default.pod.cluster.local.', 'A', ['NXDOMAIN']],
    ['a missing Service', 'nosuch.default.svc.cluster.local.', 'A', ['NXDOMAIN']],
    ['a missing namespace', 'web.nosuch.svc.cluster.local.', 'A', ['NXDOMAIN']],
    ['a namespace alone (NODATA)', 'default.svc.cluster.local.', 'A', ['NOERROR']],
    [
      'a search-list expansion that is too long',
      'web.default.svc.cluster.local.default.svc.cluster.local.',
      'A',
      ['NXDOMAIN'],
    ],
    ['a name that is neither svc nor pod', 'web.cluster.local.', 'A', ['NXDOMAIN']],
    [
      'a ClusterIP by PTR',
      '34.12.96.10.in-addr.arpa.',
      'PTR',
      ['NOERROR', '34.12.96.10.in-addr.arpa. 30 IN PTR web.default.svc.cluster.local.'],
    ],
    [
      'a StatefulSet pod by PTR',
      '6.2.244.10.in-addr.arpa.',
      'PTR',
      ['NOERROR', '6.2.244.10.in-addr.arpa. 30 IN PTR web-1.nginx.default.svc.cluster.local.'],
    ],
  ])('%s: %s %s', (_what, name, type, expected) => {
    expect(lines(ask(name, type))).toEqual(expected);
  });

  it('answers authoritatively', () => {
    expect(ask('web.default.svc.cluster.local.').authoritative).toBe(true);
  });

  it('falls through for reverse names it does not know', () => {
    expect(answerKubernetes(view, '1.0.0.10.in-addr.arpa.', 'PTR', upstream)).toBeNull();
  });

  it.each<[string, string[], string[]]>([
    [
      '_http._tcp.web.default.svc.cluster.local.',
      ['0 100 80 web.default.svc.cluster.local.'],
      ['web.default.svc.cluster.local. A 10.96.12.34'],
    ],
    [
      '_web._tcp.nginx.default.svc.cluster.local.',
      ['0 50 80 web-0.nginx.default.svc.cluster.local.', '0 50 80 web-1.nginx.default.svc.cluster.local.'],
      [
        'web-0.nginx.default.svc.cluster.local. A 10.244.1.5',
        'web-1.nginx.default.svc.cluster.local. A 10.244.2.6',
      ],
    ],
  ])("SRV %s: priority, weight, port, target, and the targets' addresses", (name, records, extra) => {
    const answer = ask(name, 'SRV');
    expect(answer.answers.map((r) => r.data)).toEqual(records);
    expect(answer.extra.map((r) => `${r.name} ${r.type} ${r.data}`)).toEqual(extra);
  });

  it('has no SRV record for a port name the Service lacks', () => {
    expect(ask('_grpc._tcp.web.default.svc.cluster.local.', 'SRV').rcode).toBe('NXDOMAIN');
  });
});

describe('the upstream resolver', () => {
  it('knows the documentation names and nothing else', () => {
    expect(lines(answerExternal(DEFAULT_EXTERNAL_ZONE, 'example.com', 'A'))).toEqual([
      'NOERROR',
      'example.com. 30 IN A 192.0.2.10',
    ]);
    expect(answerExternal(DEFAULT_EXTERNAL_ZONE, 'example.com', 'A').authoritative).toBe(false);
    expect(answerExternal(DEFAULT_EXTERNAL_ZONE, 'nosuch.example', 'A').rcode).toBe('NXDOMAIN');
  });
});
