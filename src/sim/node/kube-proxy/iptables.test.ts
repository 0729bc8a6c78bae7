import { describe, expect, it } from 'vitest';
import { iptablesEndpointChain, iptablesServiceChains } from './hash';
import { buildIptables, statisticProbability } from './iptables';
import { formatTable, iptablesSave } from './iptables-save';
import { planAll } from './service-map';
import { NODE, service, slice, type TestEndpoint } from './testing';
import type { ServiceObject, SliceObject } from './types';

function tables(services: ServiceObject[], slices: SliceObject[]) {
  const [nat, filter] = buildIptables(planAll(services, slices, NODE.nodeName), NODE);
  const lines = (t: typeof nat) => formatTable(t).filter((l) => l.startsWith('-A KUBE-'));
  return { nat: lines(nat), filter: lines(filter), natTable: nat, filterTable: filter };
}

const sep = (ip: string, port = 80, name = 'ns1/svc1:p80', proto = 'tcp') =>
  iptablesEndpointChain(name, proto, `${ip}:${port}`);

describe('statistic probabilities', () => {
  it.each([
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [4, '0.25000000000'],
    [5, '0.20000000019'],
    [10, '0.10000000009'],
  ])('1/%i is printed by iptables-save as %s', (n, printed) => {
    expect(statisticProbability(n)).toBe(printed);
  });
});

describe('iptables rules (upstream proxier_test shapes)', () => {
  const svc1 = (spec = {}, status?: ServiceObject['status']) =>
    service('ns1', 'svc1', { clusterIP: '172.30.0.41', ...spec }, status);
  const eps = (...list: TestEndpoint[]) => slice('ns1', 'svc1', { port: 80 }, list);

  it('a ClusterIP service with one endpoint: cluster IP rule, masquerade rule, one SEP', () => {
    const { nat, filter } = tables([svc1()], [eps({ ip: '10.180.0.1', node: 'node-2' })]);
    expect(nat).toEqual([
      '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -s 10.180.0.1/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.0.1:80',
      '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O ! -s 10.244.0.0/16 -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ',
    ]);
    expect(filter.filter((l) => l.startsWith('-A KUBE-SERVICES'))).toEqual([]);
  });

  it('spreads three endpoints with 1/3, 1/2 and a final unconditional jump, in address order', () => {
    const { nat } = tables([svc1()], [eps({ ip: '10.180.0.3' }, { ip: '10.180.0.1' }, { ip: '10.180.0.2' })]);
    expect(nat.filter((l) => l.startsWith('-A KUBE-SVC-') && !l.includes('KUBE-MARK-MASQ'))).toEqual([
      `-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.33333333349 -j ${sep('10.180.0.1')}`,
      `-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -m statistic --mode random --probability 0.50000000000 -j ${sep('10.180.0.2')}`,
      `-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.3:80" -j ${sep('10.180.0.3')}`,
    ]);
  });

  it.each([
    ['no endpoints at all', [] as TestEndpoint[]],
    ['only unready endpoints', [{ ip: '10.180.0.1', ready: false, serving: false }]],
  ])('rejects ClusterIP traffic in the filter table with %s', (_name, endpoints) => {
    const { nat, filter } = tables([svc1()], [eps(...endpoints)]);
    expect(nat.some((l) => l.includes('KUBE-SVC-'))).toBe(false);
    expect(filter).toContain(
      '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    );
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    const { nat } = tables(
      [svc1()],
      [eps({ ip: '10.180.0.1', ready: false, serving: true, terminating: true })],
    );
    expect(nat).toContain(
      `-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j ${sep('10.180.0.1')}`,
    );
  });

  it('sends NodePort traffic through KUBE-EXT, which masquerades for Cluster policy', () => {
    const { nat } = tables(
      [svc1({ type: 'NodePort', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }] })],
      [eps({ ip: '10.180.0.1', node: 'node-2' })],
    );
    expect(nat.filter((l) => /KUBE-(NODEPORTS|EXT)/.test(l.split(' ')[1] ?? ''))).toEqual([
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "ns1/svc1:p80" -m tcp --dport 3001 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-XPGD46QRK7WJZT7O',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "ns1/svc1:p80" -m tcp --dport 3001 -j KUBE-EXT-XPGD46QRK7WJZT7O',
    ]);
  });

  it('short-circuits pod and node traffic and keeps client IPs for externalTrafficPolicy Local', () => {
    const spec = {
      type: 'LoadBalancer' as const,
      externalTrafficPolicy: 'Local' as const,
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
    };
    const status = { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } };
    const local = tables(
      [svc1(spec, status)],
      [eps({ ip: '10.180.0.1', node: 'node-1' }, { ip: '10.180.0.2', node: 'node-2' })],
    );
    expect(local.nat.filter((l) => l.startsWith('-A KUBE-EXT-'))).toEqual([
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -s 10.244.0.0/16 -m comment --comment "pod traffic for ns1/svc1:p80 external destinations" -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade LOCAL traffic for ns1/svc1:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "route LOCAL traffic for ns1/svc1:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVL-XPGD46QRK7WJZT7O',
    ]);
    expect(local.nat).toContain(
      '-A KUBE-SERVICES -d 1.2.3.4/32 -p tcp -m comment --comment "ns1/svc1:p80 loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-XPGD46QRK7WJZT7O',
    );
    expect(local.nat).toContain(
      `-A KUBE-SVL-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j ${sep('10.180.0.1')}`,
    );

    const remote = tables([svc1(spec, status)], [eps({ ip: '10.180.0.2', node: 'node-2' })]);
    expect(remote.nat.some((l) => l.startsWith('-A KUBE-SVL-'))).toBe(false);
    expect(remote.filter).toEqual(
      expect.arrayContaining([
        '-A KUBE-EXTERNAL-SERVICES -d 1.2.3.4/32 -p tcp -m comment --comment "ns1/svc1:p80 has no local endpoints" -m tcp --dport 80 -j DROP',
        '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "ns1/svc1:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 3001 -j DROP',
      ]),
    );
  });

  it('drops ClusterIP traffic on nodes without a local endpoint for internalTrafficPolicy Local', () => {
    const { nat, filter } = tables(
      [svc1({ internalTrafficPolicy: 'Local' })],
      [eps({ ip: '10.180.0.2', node: 'node-2' })],
    );
    expect(nat.some((l) => l.includes('cluster IP'))).toBe(false);
    expect(filter).toContain(
      '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 has no local endpoints" -m tcp --dport 80 -j DROP',
    );
  });

  it('checks and records ClientIP affinity with the recent module', () => {
    const { nat } = tables(
      [svc1({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } })],
      [eps({ ip: '10.180.0.1' })],
    );
    const chain = sep('10.180.0.1');
    expect(nat).toEqual(
      expect.arrayContaining([
        `-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --rcheck --seconds 10800 --reap --name ${chain} --mask 255.255.255.255 --rsource -j ${chain}`,
        `-A ${chain} -p tcp -m comment --comment "ns1/svc1:p80" -m recent --set --name ${chain} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.1:80`,
      ]),
    );
  });

  it('names unnamed ports without a colon and hashes UDP separately', () => {
    const dns = service('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
    });
    const { nat } = tables(
      [dns],
      [slice('kube-system', 'kube-dns', { name: 'dns', port: 53, protocol: 'UDP' }, [{ ip: '10.244.0.2' }])],
    );
    expect(nat).toContain(
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU',
    );
    const web = service('default', 'web', { clusterIP: '10.96.1.1', ports: [{ port: 80, protocol: 'TCP' }] });
    const webEps = slice('default', 'web', { name: '', port: 8080 }, [{ ip: '10.244.1.5' }]);
    expect(tables([web], [webEps]).nat).toContain(
      `-A KUBE-SERVICES -d 10.96.1.1/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${iptablesServiceChains('default/web', 'tcp').cluster}`,
    );
  });

  it('prints a whole table as iptables-save does: header, chains sorted after built-ins, COMMIT', () => {
    const { natTable } = tables([svc1()], [eps({ ip: '10.180.0.1' })]);
    const text = iptablesSave([natTable], Date.UTC(2025, 0, 1, 0, 0, 5));
    expect(text.split('\n').slice(0, 14)).toEqual([
      '# Generated by iptables-save v1.8.9 (nf_tables) on Wed Jan  1 00:00:05 2025',
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
      ':KUBE-NODEPORTS - [0:0]',
      ':KUBE-POSTROUTING - [0:0]',
      ':KUBE-PROXY-CANARY - [0:0]',
      ':KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]',
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    ]);
    expect(text.endsWith('COMMIT\n# Completed on Wed Jan  1 00:00:05 2025\n')).toBe(true);
  });
});
