import { describe, expect, it } from 'vitest';
import { buildTopology } from './topology';

describe('buildTopology', () => {
  const topology = buildTopology(3);
  const kindsOn = (machine: string) =>
    topology.components.filter((c) => c.machine === machine).map((c) => c.kind);

  it('puts the control plane on its own node', () => {
    expect(kindsOn('control-plane')).toEqual([
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
      'cloud-controller-manager',
    ]);
  });

  it.each(['node-1', 'node-2', 'node-3'])('runs the node agents on %s', (node) => {
    expect(kindsOn(node)).toEqual(['kubelet', 'container-runtime', 'kube-proxy']);
  });

  it('wires every component through kube-apiserver, except etcd and the CRI', () => {
    const apiserver = 'control-plane/kube-apiserver';
    for (const link of topology.links) {
      if (link.protocol === 'kubernetes-api') expect(link.to).toBe(apiserver);
      if (link.protocol === 'etcd')
        expect(link).toEqual({ from: apiserver, to: 'control-plane/etcd', protocol: 'etcd' });
      if (link.protocol === 'cri') expect(link.to).toMatch(/^node-\d\/container-runtime$/);
    }
    const linked = new Set(topology.links.flatMap((l) => [l.from, l.to]));
    expect(topology.components.filter((c) => !linked.has(c.id))).toEqual([]);
  });

  it('gives every component a unique id', () => {
    const ids = topology.components.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('with control-plane agents, runs a kubelet, a runtime and kube-proxy on the control plane too', () => {
    const agents = buildTopology(1, true)
      .components.filter((c) => c.machine === 'control-plane')
      .map((c) => c.kind);
    expect(agents).toEqual(expect.arrayContaining(['kubelet', 'container-runtime', 'kube-proxy', 'etcd']));
    expect(buildTopology(1).components.some((c) => c.id === 'control-plane/kubelet')).toBe(false);
  });

  it.each([-1, 1.5])('rejects %s worker nodes', (n) => {
    expect(() => buildTopology(n)).toThrow(RangeError);
  });
});
