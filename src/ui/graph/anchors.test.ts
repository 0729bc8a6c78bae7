import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../sim/topology';
import { AnchorResolver } from './anchors';
import { layoutCluster } from './layout';

const withAgents = () => new AnchorResolver(layoutCluster(buildTopology(3, true)).rects.keys());

describe('AnchorResolver', () => {
  it.each([
    // Components the topology draws are their own cards.
    ['kubectl', 'kubectl', null],
    ['control-plane/kube-apiserver', 'control-plane/kube-apiserver', null],
    ['control-plane/etcd', 'control-plane/etcd', null],
    ['node-2/kubelet', 'node-2/kubelet', null],
    ['control-plane/kubelet', 'control-plane/kubelet', null],
    // The OCI runtime under the CRI runtime is part of the runtime.
    ['node-1/runc', 'node-1/container-runtime', 'runc'],
    ['node-3/crun', 'node-3/container-runtime', 'crun'],
    ['control-plane/runc', 'control-plane/container-runtime', 'runc'],
    // Plugins and pods land on the node's pods card.
    ['node-1/cni', 'node-1/pods', 'CNI'],
    ['node-2/csi', 'node-2/pods', 'CSI'],
    ['node-2/host', 'node-2/pods', 'host network'],
    ['node-3/pod/default/web-1', 'node-3/pods', 'pod default/web-1'],
    [
      'control-plane/pod/kube-system/etcd-control-plane',
      'control-plane/pods',
      'pod kube-system/etcd-control-plane',
    ],
    // Add-ons are pods on the control plane; upstream DNS is outside.
    ['control-plane/coredns', 'control-plane/pods', 'CoreDNS'],
    ['control-plane/csi-provisioner', 'control-plane/pods', 'csi-provisioner'],
    ['control-plane/csi-attacher', 'control-plane/pods', 'csi-attacher'],
    ['metrics-server', 'control-plane/pods', 'metrics-server'],
    ['ingress-nginx-controller', 'control-plane/pods', 'ingress-nginx'],
    ['upstream-dns', 'internet', 'DNS'],
  ])('%s animates on %s (%s)', (id, card, part) => {
    expect(withAgents().resolve(id)).toEqual({ card, part, fallback: false });
  });

  it('falls back to the node’s kubelet and kube-apiserver when the graph has no pods card', () => {
    const anchors = new AnchorResolver(['control-plane/kube-apiserver', 'node-1/kubelet']);
    expect(anchors.resolve('node-1/cni')).toEqual({ card: 'node-1/kubelet', part: 'CNI', fallback: false });
    expect(anchors.resolve('control-plane/coredns')).toEqual({
      card: 'control-plane/kube-apiserver',
      part: 'CoreDNS',
      fallback: false,
    });
  });

  it('flags endpoints no rule knows, and still shows them', () => {
    const anchors = withAgents();
    expect(anchors.resolve('node-1/mystery')).toEqual({
      card: 'node-1/pods',
      part: 'mystery',
      fallback: true,
    });
    expect(anchors.resolve('someone')).toEqual({
      card: 'control-plane/kube-apiserver',
      part: 'someone',
      fallback: true,
    });
  });

  it('lands every endpoint of a collapsed worker on its card, naming the part', () => {
    const anchors = new AnchorResolver(layoutCluster(buildTopology(20)).rects.keys());
    expect(anchors.resolve('node-12/kubelet')).toEqual({
      card: 'node-12/worker',
      part: 'kubelet',
      fallback: false,
    });
    expect(anchors.resolve('node-12/kube-proxy')).toEqual({
      card: 'node-12/worker',
      part: 'kube-proxy',
      fallback: false,
    });
    expect(anchors.resolve('node-12/runc')).toEqual({
      card: 'node-12/worker',
      part: 'runc',
      fallback: false,
    });
    expect(anchors.resolve('node-12/cni')).toEqual({ card: 'node-12/worker', part: 'CNI', fallback: false });
    expect(anchors.resolve('node-12/pod/default/web-1')).toEqual({
      card: 'node-12/worker',
      part: 'pod default/web-1',
      fallback: false,
    });
    expect(anchors.resolve('node-12/mystery')).toEqual({
      card: 'node-12/worker',
      part: 'mystery',
      fallback: true,
    });
  });

  it.each([2, 10])(
    'maps every endpoint a running cluster of %s workers uses without falling back',
    async (workerNodes) => {
      const { createCluster } = await import('../../sim/cluster');
      const cluster = createCluster({ seed: 3, workerNodes });
      const ids = new Set<string>();
      cluster.kernel.trace.subscribe((s) => {
        ids.add(s.from);
        ids.add(s.to);
      });
      cluster.kernel.runUntil(20_000);
      const anchors = new AnchorResolver(layoutCluster(cluster.topology).rects.keys());
      const unknown = [...ids].filter((id) => anchors.resolve(id).fallback);
      expect(unknown).toEqual([]);
      expect(ids.size).toBeGreaterThan(20);
    },
  );
});
