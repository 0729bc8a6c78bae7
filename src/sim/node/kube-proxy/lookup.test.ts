import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { ProxyDataplane, type ProxyPacket } from './lookup';
import { planAll } from './service-map';
import { NODE, service, slice, type TestEndpoint } from './testing';
import type { ProxyMode, ServiceObject } from './types';

const THREE: TestEndpoint[] = [
  { ip: '10.244.1.5', node: 'node-1' },
  { ip: '10.244.2.6', node: 'node-2' },
  { ip: '10.244.2.7', node: 'node-2' },
];

function dataplane(mode: ProxyMode, svc: ServiceObject, endpoints: TestEndpoint[] = THREE) {
  const kernel = new Kernel({ seed: 11, epoch: 0 });
  const dp = new ProxyDataplane(kernel, mode, NODE);
  dp.plans = planAll(
    [svc],
    [slice('default', 'web', { name: 'http', port: 8080 }, endpoints)],
    NODE.nodeName,
  );
  return { kernel, dp };
}

const web = (spec: Partial<NonNullable<ServiceObject['spec']>> = {}) =>
  service('default', 'web', {
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }],
    ...spec,
  });
const toVip = (srcIP = '10.244.1.9'): ProxyPacket => ({
  srcIP,
  dstIP: '10.96.12.34',
  dstPort: 80,
  protocol: 'TCP',
});
const toNodePort = (srcIP: string): ProxyPacket => ({
  srcIP,
  dstIP: NODE.nodeIP,
  dstPort: 30080,
  protocol: 'TCP',
});
const landed = (dp: ProxyDataplane, packet: ProxyPacket) => {
  const v = dp.decide(packet);
  return v.kind === 'dnat' ? v.endpoint.ip : v.kind;
};

describe('kube-proxy lookups', () => {
  it.each<ProxyMode>(['iptables', 'nftables'])(
    '%s spreads new connections evenly with the seeded RNG',
    (mode) => {
      const { dp } = dataplane(mode, web());
      const counts = new Map<string, number>();
      for (let i = 0; i < 3000; i++) {
        const ip = landed(dp, toVip());
        counts.set(ip, (counts.get(ip) ?? 0) + 1);
      }
      expect([...counts.keys()].sort()).toEqual(['10.244.1.5', '10.244.2.6', '10.244.2.7']);
      for (const n of counts.values()) expect(n).toBeGreaterThan(900);
    },
  );

  it('ipvs takes turns (rr)', () => {
    const { dp } = dataplane('ipvs', web());
    expect(Array.from({ length: 4 }, () => landed(dp, toVip()))).toEqual([
      '10.244.1.5',
      '10.244.2.6',
      '10.244.2.7',
      '10.244.1.5',
    ]);
  });

  it('gives the same seed the same choices', () => {
    const run = () => Array.from({ length: 20 }, () => landed(dataplane('iptables', web()).dp, toVip()));
    expect(run()).toEqual(run());
  });

  it('keeps a client on its endpoint with ClientIP affinity until the timeout passes', () => {
    const svc = web({
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
    });
    const { dp, kernel } = dataplane('iptables', svc);
    const first = dp.decide(toVip('10.244.1.9'));
    const again = Array.from({ length: 10 }, () => dp.decide(toVip('10.244.1.9')));
    expect(
      again.every(
        (v) => v.kind === 'dnat' && first.kind === 'dnat' && v.endpoint.ip === first.endpoint.ip && v.sticky,
      ),
    ).toBe(true);
    const others = new Set(Array.from({ length: 30 }, (_, i) => landed(dp, toVip(`10.244.3.${i + 1}`))));
    expect(others.size).toBeGreaterThan(1);
    kernel.runUntil(61_000);
    expect(dp.decide(toVip('10.244.1.9'))).toMatchObject({ sticky: false });
  });

  it.each<ProxyMode>(['iptables', 'ipvs', 'nftables'])('%s rejects a Service without endpoints', (mode) => {
    const { dp } = dataplane(mode, web(), []);
    expect(dp.decide(toVip())).toMatchObject({ kind: 'reject', reason: 'default/web:http has no endpoints' });
  });

  it('masquerades NodePort traffic under Cluster policy, and keeps the client IP under Local', () => {
    const cluster = dataplane('iptables', web({ type: 'NodePort' })).dp;
    expect(cluster.decide(toNodePort('172.18.0.1'))).toMatchObject({
      kind: 'dnat',
      via: 'node-port',
      masquerade: true,
    });
    const local = dataplane('iptables', web({ type: 'NodePort', externalTrafficPolicy: 'Local' })).dp;
    expect(local.decide(toNodePort('172.18.0.1'))).toMatchObject({
      kind: 'dnat',
      masquerade: false,
      endpoint: { ip: '10.244.1.5' },
    });
  });

  it('drops external Local-policy traffic on a node without local endpoints, but short-circuits pods', () => {
    const remoteOnly = THREE.filter((e) => e.node === 'node-2');
    const { dp } = dataplane(
      'iptables',
      web({ type: 'NodePort', externalTrafficPolicy: 'Local' }),
      remoteOnly,
    );
    expect(dp.decide(toNodePort('172.18.0.1'))).toMatchObject({
      kind: 'drop',
      reason: 'default/web:http has no local endpoints',
    });
    expect(dp.decide(toNodePort('10.244.1.9'))).toMatchObject({ kind: 'dnat', masquerade: false });
  });

  it('drops ClusterIP traffic with internalTrafficPolicy Local on a node without local endpoints', () => {
    const remoteOnly = THREE.filter((e) => e.node === 'node-2');
    const { dp } = dataplane('iptables', web({ internalTrafficPolicy: 'Local' }), remoteOnly);
    expect(dp.decide(toVip())).toMatchObject({ kind: 'drop' });
  });

  it('answers a wrong port on a ClusterIP as each mode does', () => {
    const wrongPort = { ...toVip(), dstPort: 81 };
    expect(dataplane('iptables', web()).dp.decide(wrongPort)).toEqual({ kind: 'pass' });
    expect(dataplane('nftables', web()).dp.decide(wrongPort)).toMatchObject({ kind: 'reject' });
    expect(dataplane('ipvs', web()).dp.decide(wrongPort)).toMatchObject({ kind: 'reject' });
  });

  it('masquerades hairpin traffic (an endpoint reaching itself through its Service)', () => {
    const { dp } = dataplane('iptables', web(), [{ ip: '10.244.1.5', node: 'node-1' }]);
    expect(dp.decide(toVip('10.244.1.5'))).toMatchObject({ kind: 'dnat', masquerade: true });
  });

  it('names the chains a connection went through', () => {
    const { dp } = dataplane('iptables', web({ type: 'NodePort' }), [{ ip: '10.244.1.5', node: 'node-1' }]);
    const verdict = dp.decide(toNodePort('172.18.0.1'));
    expect(verdict.kind === 'dnat' ? verdict.path.map((c) => c.replace(/-[A-Z0-9]{16}$/, '-…')) : []).toEqual(
      ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-EXT-…', 'KUBE-SVC-…', 'KUBE-SEP-…'],
    );
  });
});
