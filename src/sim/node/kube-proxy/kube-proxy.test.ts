import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiClient } from '../../client/rest';
import { createCluster } from '../../cluster';
import type { TraceStep } from '../../kernel/trace';
import type { ProxyMode } from '.';

const r = (g: string, v: string, p: string) => findResource(g, v, p) as ResourceInfo;

function cluster(mode: ProxyMode) {
  const steps: TraceStep[] = [];
  const c = createCluster({ seed: 5, workerNodes: 2, addons: false, kubeProxyMode: mode });
  c.kernel.trace.subscribe((s) => steps.push(s));
  const proxy = c.network?.proxies.get('node-1');
  if (proxy === undefined) throw new Error('no kube-proxy on node-1');
  const kubectl = new ApiClient(c.apiserver, 'kubectl', 'kubectl');
  kubectl.create(r('apps', 'v1', 'deployments'), 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      },
    },
  });
  kubectl.create(r('', 'v1', 'services'), 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
  });
  c.kernel.runUntil(60_000);
  const pods = kubectl
    .list(r('', 'v1', 'pods'), 'default')
    .items.map((p) => (p.status as { podIP: string }).podIP);
  const clusterIP = (kubectl.get(r('', 'v1', 'services'), 'default', 'web').spec as { clusterIP: string })
    .clusterIP;
  return { c, steps, proxy, pods, clusterIP };
}

const syncs = (steps: TraceStep[]) =>
  steps.filter((s) => s.from === 'node-1/kube-proxy' && s.summary.startsWith('syncProxyRules'));

describe('kube-proxy on a node', () => {
  it('syncs once per change it sees, at most once a second, each sync one step caused by a watch event', () => {
    const { steps } = cluster('iptables');
    const done = syncs(steps);
    expect(done.length).toBeGreaterThan(1);
    for (let i = 1; i < done.length; i++)
      expect((done[i]?.time ?? 0) - (done[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(1000);
    const last = done.at(-1) as TraceStep;
    expect(last.summary).toMatch(
      /^syncProxyRules \(iptables\): 2 service ports, 3 endpoints; iptables-restore: \d+ nat rules, \d+ filter rules$/,
    );
    const cause = steps.find((s) => s.id === last.causedBy);
    expect(cause).toMatchObject({ kind: 'watch', to: 'node-1/kube-proxy' });
  });

  it('programs iptables rules for the Service and both pods', () => {
    const { proxy, pods, clusterIP } = cluster('iptables');
    const nat = proxy.iptablesSave('nat');
    expect(nat).toContain(
      `-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-`,
    );
    for (const ip of pods) expect(nat).toContain(`-m tcp -j DNAT --to-destination ${ip}:80`);
    expect(proxy.nftList()).toBeNull();
  });

  it('programs IPVS virtual servers in ipvs mode', () => {
    const { proxy, pods, clusterIP } = cluster('ipvs');
    const list = proxy.ipvsadm();
    expect(list).toContain(`TCP  ${clusterIP}:80 rr\n`);
    for (const ip of pods)
      expect(list).toContain(`  -> ${`${ip}:80`.padEnd(28)} Masq    1      0          0`);
    expect(proxy.iptablesSave('nat')).not.toContain('KUBE-SVC-');
  });

  it('programs the kube-proxy nftables table in nftables mode', () => {
    const { proxy, clusterIP } = cluster('nftables');
    expect(proxy.nftList()).toMatch(
      new RegExp(
        `${clusterIP.replaceAll('.', '\\.')} \\. tcp \\. 80 : goto service-\\w{8}-default/web/tcp/http`,
      ),
    );
  });

  it('traces the lookups that hit a Service rule, from the sender to kube-proxy', () => {
    const { proxy, pods, clusterIP, steps } = cluster('iptables');
    const { verdict, step } = proxy.lookup(
      { srcIP: '10.244.1.50', dstIP: clusterIP, dstPort: 80, protocol: 'TCP' },
      'node-1/pod/default/x',
      7,
    );
    expect(verdict.kind === 'dnat' && pods.includes(verdict.endpoint.ip)).toBe(true);
    expect(steps.find((s) => s.id === step)).toMatchObject({
      from: 'node-1/pod/default/x',
      to: 'node-1/kube-proxy',
      kind: 'decision',
      causedBy: 7,
    });
    expect(
      proxy.lookup({ srcIP: '10.244.1.50', dstIP: '192.0.2.10', dstPort: 80, protocol: 'TCP' }, 'x', null),
    ).toEqual({ verdict: { kind: 'pass' }, step: null });
  });
});
