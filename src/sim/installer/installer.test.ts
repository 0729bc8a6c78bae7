import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import { ApiClient } from '../client/rest';
import { createCluster, type ClusterOptions } from '../cluster';
import { addonManifests } from '.';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const SERVICES = findResource('', 'v1', 'services') as ResourceInfo;

function installed(options: Partial<ClusterOptions> = {}) {
  const cluster = createCluster({ seed: 3, ...options });
  cluster.kernel.runUntil(90_000);
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const pods = kubectl.list(PODS, null).items as unknown as Pod[];
  const nodes = kubectl.list(NODES, null).items as unknown as Node[];
  /** `namespace/name-prefix node phase` for each pod, name suffixes dropped. */
  const summary = pods.map((p) => {
    const base = (p.metadata?.generateName ?? p.metadata?.name ?? '').replace(/-$/, '');
    return `${p.metadata?.namespace}/${base} ${p.spec?.nodeName} ${p.status?.phase}`;
  });
  return { cluster, kubectl, pods, nodes, summary };
}

describe('the cluster installer', () => {
  it('builds a kind-shaped cluster: a tainted control plane and three workers, with kube-proxy, kindnet, CoreDNS and metrics-server running', () => {
    const { nodes, summary, pods, kubectl } = installed();
    expect(nodes.map((n) => n.metadata?.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    const cp = nodes[0];
    expect(cp?.metadata?.labels).toMatchObject({
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(cp?.spec?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(cp?.spec?.podCIDR).toBe('10.244.0.0/24');

    for (const agent of ['kube-system/kube-proxy', 'kube-system/kindnet']) {
      const onNodes = summary.filter((s) => s.startsWith(`${agent} `)).map((s) => s.split(' ')[1]);
      expect(onNodes.sort(), agent).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    }
    // kubeadm's static pods, mirrored by the control-plane kubelet.
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const mirror = pods.find((p) => p.metadata?.name === `${component}-control-plane`);
      expect(mirror?.metadata?.annotations?.['kubernetes.io/config.source'], component).toBe('file');
      expect(mirror?.status?.containerStatuses?.[0]?.ready, component).toBe(true);
    }
    expect(summary.filter((s) => s.startsWith('kube-system/coredns-'))).toHaveLength(2);
    expect(summary.filter((s) => s.startsWith('kube-system/metrics-server-'))).toHaveLength(1);
    expect(
      summary.every((s) => s.endsWith(' Running')),
      summary.join('\n'),
    ).toBe(true);
    // Node agents share their node's network namespace; CoreDNS gets pod IPs.
    const proxy = pods.find(
      (p) => p.metadata?.name?.startsWith('kube-proxy-') && p.spec?.nodeName === 'node-1',
    );
    expect(proxy?.status?.podIP).toBe(
      nodes[1]?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
    );
    const coredns = pods.filter((p) => p.metadata?.name?.startsWith('coredns-'));
    expect(coredns.every((p) => /^10\.244\.\d+\.\d+$/.test(p.status?.podIP ?? ''))).toBe(true);

    const dns = kubectl.get(SERVICES, 'kube-system', 'kube-dns') as unknown as Service;
    expect(dns.spec?.clusterIP).toBe('10.96.0.10');
    expect(dns.spec?.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual([
      'dns 53/UDP',
      'dns-tcp 53/TCP',
      'metrics 9153/TCP',
    ]);
  });

  it.each([
    { cni: 'flannel' as const, agent: 'kube-flannel/kube-flannel-ds' },
    { cni: 'calico' as const, agent: 'kube-system/calico-node' },
    { cni: 'cilium' as const, agent: 'kube-system/cilium' },
  ])('runs the $cni agent on every node instead of kindnet', ({ cni, agent }) => {
    const { summary } = installed({ cni });
    expect(summary.filter((s) => s.startsWith(`${agent} `))).toHaveLength(4);
    expect(summary.some((s) => s.startsWith('kube-system/kindnet '))).toBe(false);
  });

  it('writes the chosen proxy mode into the kube-proxy ConfigMap', () => {
    const configMap = addonManifests({
      controlPlaneNode: 'control-plane',
      cni: 'kindnet',
      proxyMode: 'ipvs',
      metricsServer: false,
    }).find((o) => o.kind === 'ConfigMap' && (o.metadata as { name: string }).name === 'kube-proxy');
    expect((configMap?.data as Record<string, string>)['config.conf']).toContain('\nmode: ipvs\n');
  });

  it('gives worker nodes the capacity and labels asked for', () => {
    const { nodes } = installed({
      workerNodes: 2,
      workers: [{ capacity: { cpu: '8', memory: '32Gi' }, labels: { disk: 'ssd' } }],
    });
    expect(nodes[1]?.status?.capacity).toMatchObject({ cpu: '8', memory: '32Gi' });
    expect(nodes[1]?.metadata?.labels?.disk).toBe('ssd');
    expect(nodes[2]?.status?.capacity?.cpu).toBe('2');
  });
});
