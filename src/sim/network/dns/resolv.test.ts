import { describe, expect, it } from 'vitest';
import {
  KIND_NODE_RESOLV,
  podResolvConf,
  renderResolvConf,
  searchCandidates,
  type PodDnsSettings,
} from './resolv';
import { resolveHost, type DnsTransport } from './resolver';
import type { DnsExchange, DnsRecord } from './types';

const cluster = { clusterDNS: '10.96.0.10', clusterDomain: 'cluster.local', node: KIND_NODE_RESOLV };

describe("a pod's /etc/resolv.conf", () => {
  it.each<[string, PodDnsSettings, string]>([
    [
      'ClusterFirst (the default)',
      { namespace: 'default' },
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    [
      'ClusterFirst in another namespace',
      { namespace: 'team', dnsPolicy: 'ClusterFirst' },
      'search team.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    [
      "Default: the node's resolver",
      { namespace: 'default', dnsPolicy: 'Default' },
      'nameserver 172.18.0.1\noptions ndots:0\n',
    ],
    [
      'ClusterFirst on the host network falls back to Default',
      { namespace: 'default', hostNetwork: true },
      'nameserver 172.18.0.1\noptions ndots:0\n',
    ],
    [
      'ClusterFirstWithHostNet',
      { namespace: 'default', hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    [
      'None with a dnsConfig',
      {
        namespace: 'default',
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['192.0.2.53'],
          searches: ['corp.example'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      },
      'search corp.example\nnameserver 192.0.2.53\noptions ndots:2 edns0\n',
    ],
    [
      'ClusterFirst with dnsConfig options overriding ndots',
      { namespace: 'default', dnsConfig: { options: [{ name: 'ndots', value: '1' }] } },
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:1\n',
    ],
  ])('%s', (_name, pod, text) => {
    expect(renderResolvConf(podResolvConf(pod, cluster))).toBe(text);
  });
});

describe('search list expansion (ndots)', () => {
  const conf = podResolvConf({ namespace: 'default' }, cluster);
  it.each<[string, string[]]>([
    ['web', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    [
      'web.team',
      [
        'web.team.default.svc.cluster.local',
        'web.team.svc.cluster.local',
        'web.team.cluster.local',
        'web.team',
      ],
    ],
    [
      'example.com',
      [
        'example.com.default.svc.cluster.local',
        'example.com.svc.cluster.local',
        'example.com.cluster.local',
        'example.com',
      ],
    ],
    [
      'a.b.c.d.e.f',
      [
        'a.b.c.d.e.f',
        'a.b.c.d.e.f.default.svc.cluster.local',
        'a.b.c.d.e.f.svc.cluster.local',
        'a.b.c.d.e.f.cluster.local',
      ],
    ],
    ['example.com.', ['example.com']],
  ])('%s', (name, candidates) => {
    expect(searchCandidates(name, conf)).toEqual(candidates);
  });
});

describe('the stub resolver', () => {
  const conf = podResolvConf({ namespace: 'default' }, cluster);
  const known: Record<string, string> = {
    'web.default.svc.cluster.local': '10.96.12.34',
    'example.com': '192.0.2.10',
  };
  let step = 0;
  const transport: DnsTransport = (_server, name, type) => {
    const ip = known[name];
    const answers: DnsRecord[] =
      ip !== undefined && type === 'A' ? [{ name: `${name}.`, type, ttl: 30, data: ip }] : [];
    const reply: DnsExchange = {
      rcode: ip === undefined ? 'NXDOMAIN' : 'NOERROR',
      authoritative: true,
      answers,
      extra: [],
      step: ++step,
    };
    return reply;
  };

  it('stops at the first search domain that has an address', () => {
    const result = resolveHost('web', conf, transport, null);
    expect(result.addresses).toEqual(['10.96.12.34']);
    expect(result.tried.map((q) => `${q.type} ${q.name} ${q.rcode}`)).toEqual([
      'A web.default.svc.cluster.local NOERROR',
      'AAAA web.default.svc.cluster.local NOERROR',
    ]);
  });

  it('tries every search domain before an external name itself (the ndots:5 cost)', () => {
    const result = resolveHost('example.com', conf, transport, null);
    expect(result.name).toBe('example.com');
    expect(result.tried).toHaveLength(8);
  });

  it('reports NXDOMAIN when nothing matches, and a timeout when no server answers', () => {
    expect(resolveHost('nosuch', conf, transport, null).error).toBe('NXDOMAIN');
    expect(resolveHost('web', conf, () => null, null)).toMatchObject({ error: 'timeout', addresses: [] });
  });

  it('does not query for an address', () => {
    expect(resolveHost('10.0.0.1', conf, () => null, null)).toMatchObject({
      addresses: ['10.0.0.1'],
      tried: [],
    });
  });
});
