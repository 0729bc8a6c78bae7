import { describe, expect, it } from 'vitest';
import { nftServiceBase } from './hash';
import { buildIpvs, ipvsadmList } from './ipvs';
import { buildNftables } from './nftables';
import { nftListTable } from './nftables-list';
import { planAll } from './service-map';
import { NODE, service, slice } from './testing';

const web = service('default', 'web', {
  type: 'NodePort',
  clusterIP: '10.96.12.34',
  ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }],
});
const webEndpoints = slice('default', 'web', { name: 'http', port: 8080 }, [
  { ip: '10.244.1.5', node: 'node-1' },
  { ip: '10.244.2.6', node: 'node-2' },
]);
const dns = service('kube-system', 'kube-dns', {
  clusterIP: '10.96.0.10',
  ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
});
const empty = service('default', 'empty', {
  clusterIP: '10.96.5.5',
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});
const dnsEndpoints = slice('kube-system', 'kube-dns', { name: 'dns', port: 53, protocol: 'UDP' }, [
  { ip: '10.244.0.2' },
]);
const plans = () => planAll([web, dns, empty], [webEndpoints, dnsEndpoints], NODE.nodeName);

describe('ipvsadm -Ln', () => {
  it('lists a virtual server per address with Masq real servers, sorted as ipvsadm sorts', () => {
    expect(ipvsadmList(buildIpvs(plans(), NODE))).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.5.5:80 rr',
        'TCP  10.96.12.34:80 rr',
        '  -> 10.244.1.5:8080              Masq    1      0          0         ',
        '  -> 10.244.2.6:8080              Masq    1      0          0         ',
        'TCP  172.18.0.3:30080 rr',
        '  -> 10.244.1.5:8080              Masq    1      0          0         ',
        '  -> 10.244.2.6:8080              Masq    1      0          0         ',
        'UDP  10.96.0.10:53 rr',
        '  -> 10.244.0.2:53                Masq    1      0          0         ',
        '',
      ].join('\n'),
    );
  });

  it('makes the virtual server persistent for ClientIP affinity and keeps only local reals for Local policy', () => {
    const sticky = service('default', 'web', {
      type: 'NodePort',
      clusterIP: '10.96.12.34',
      sessionAffinity: 'ClientIP',
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }],
    });
    const text = ipvsadmList(buildIpvs(planAll([sticky], [webEndpoints], NODE.nodeName), NODE));
    expect(text).toContain('TCP  10.96.12.34:80 rr persistent 10800\n  -> 10.244.1.5:8080');
    expect(text).toContain(
      'TCP  172.18.0.3:30080 rr persistent 10800\n  -> 10.244.1.5:8080              Masq    1      0          0         \n',
    );
    expect(text).not.toContain(
      '30080 rr persistent 10800\n  -> 10.244.1.5:8080              Masq    1      0          0         \n  -> 10.244.2.6',
    );
  });
});

describe('nft list table ip kube-proxy', () => {
  const text = nftListTable(buildNftables(plans(), NODE));

  it('dispatches ClusterIPs and NodePorts through verdict maps', () => {
    expect(text).toContain(
      [
        '\tmap service-ips {',
        '\t\ttype ipv4_addr . inet_proto . inet_service : verdict',
        '\t\tcomment "ClusterIP, ExternalIP and LoadBalancer IP traffic"',
        '\t\telements = { 10.96.0.10 . udp . 53 : goto service-FY5PMXPG-kube-system/kube-dns/udp/dns,',
        `\t\t\t     10.96.12.34 . tcp . 80 : goto service-${nftServiceBase('default', 'web', 'TCP', 'http')} }`,
        '\t}',
      ].join('\n'),
    );
    expect(text).toMatch(
      /map service-nodeports \{\n.*\n.*\n\t\telements = \{ tcp \. 30080 : goto external-\w{8}-default\/web\/tcp\/http \}/,
    );
  });

  it('spreads endpoints with numgen and DNATs in endpoint chains', () => {
    expect(text).toMatch(
      /\tchain service-\w{8}-default\/web\/tcp\/http \{\n\t\tip daddr 10\.96\.12\.34 tcp dport 80 ip saddr != 10\.244\.0\.0\/16 jump mark-for-masquerade\n\t\tnumgen random mod 2 vmap \{ 0 : goto endpoint-\w{8}-default\/web\/tcp\/http__10\.244\.1\.5\/8080, 1 : goto endpoint-\w{8}-default\/web\/tcp\/http__10\.244\.2\.6\/8080 \}\n\t\}/,
    );
    expect(text).toMatch(
      /\tchain endpoint-\w{8}-default\/web\/tcp\/http__10\.244\.1\.5\/8080 \{\n\t\tip saddr 10\.244\.1\.5 jump mark-for-masquerade\n\t\tmeta l4proto tcp dnat to 10\.244\.1\.5:8080\n\t\}/,
    );
  });

  it('rejects traffic to services without endpoints through the no-endpoint map', () => {
    expect(text).toContain(
      '\t\telements = { 10.96.5.5 . tcp . 80 comment "default/empty:http" : goto reject-chain }',
    );
  });

  it("has the base chains at upstream's hooks and priorities", () => {
    expect(text).toContain(
      '\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}',
    );
    expect(text).toContain(
      '\tchain filter-forward {\n\t\ttype filter hook forward priority -110; policy accept;\n\t\tct state new jump service-endpoints-check\n\t\tct state new jump cluster-ips-check\n\t}',
    );
    expect(
      text.startsWith(
        'table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {\n\t\ttype ipv4_addr\n\t\tcomment "Active ClusterIPs"\n\t\telements = { 10.96.0.10, 10.96.5.5,\n\t\t\t     10.96.12.34 }\n\t}',
      ),
    ).toBe(true);
  });
});
