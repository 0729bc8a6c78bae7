import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import type { TraceStep } from '../../kernel/trace';
import { HostLocalIpam } from './ipam';
import { CniPlugin } from './plugin';

describe('host-local IPAM', () => {
  it('hands out .2 upward from the podCIDR and never the gateway or broadcast address', () => {
    const ipam = new HostLocalIpam('10.244.1.0/24');
    expect(ipam.gateway).toBe('10.244.1.1');
    expect(['a', 'b', 'c'].map((id) => ipam.allocate(id))).toEqual([
      '10.244.1.2',
      '10.244.1.3',
      '10.244.1.4',
    ]);
  });

  it('releases addresses and, like host-local, reuses them only after wrapping around', () => {
    const ipam = new HostLocalIpam('10.244.2.0/24');
    ipam.allocate('a');
    ipam.allocate('b');
    expect(ipam.release('a')).toBe('10.244.2.2');
    expect(ipam.release('a')).toBeNull();
    expect(ipam.allocate('c')).toBe('10.244.2.4');
    expect(ipam.allocations()).toEqual([
      { ip: '10.244.2.3', containerId: 'b' },
      { ip: '10.244.2.4', containerId: 'c' },
    ]);
  });

  it('wraps around and reports exhaustion as host-local does', () => {
    const ipam = new HostLocalIpam('10.0.0.0/29'); // hosts .1-.6: gateway .1, pods .2-.6
    const got = ['a', 'b', 'c', 'd', 'e'].map((id) => ipam.allocate(id));
    expect(got).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(() => ipam.allocate('f')).toThrow(
      'failed to allocate for range 0: no IP addresses available in range set: 10.0.0.1-10.0.0.6',
    );
    ipam.release('b');
    expect(ipam.allocate('f')).toBe('10.0.0.3');
  });

  it('rejects a malformed CIDR', () => {
    expect(() => new HostLocalIpam('10.244.1.0')).toThrow(RangeError);
  });
});

describe('CNI plugin', () => {
  it('traces ADD and DEL between the kubelet and the runtime', () => {
    const kernel = new Kernel({ seed: 1, epoch: 0 });
    const steps: TraceStep[] = [];
    kernel.trace.subscribe((s) => steps.push(s));
    const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime');
    cni.setPodCIDR('10.244.1.0/24');
    const added = cni.add('sandbox-1', { namespace: 'default', name: 'web' }, 7);
    expect(added.result).toEqual({
      interface: 'eth0',
      address: '10.244.1.2/24',
      ip: '10.244.1.2',
      gateway: '10.244.1.1',
      hostInterface: expect.stringMatching(/^veth[0-9a-f]{8}$/),
    });
    cni.del('sandbox-1', { namespace: 'default', name: 'web' }, added.step);
    expect(steps.map((s) => [s.from, s.to, s.kind, s.summary, s.causedBy])).toEqual([
      [
        'node-1/kubelet',
        'node-1/container-runtime',
        'runtime',
        `CNI ADD default/web: eth0 10.244.1.2/24 <-> ${added.result.hostInterface}`,
        7,
      ],
      [
        'node-1/kubelet',
        'node-1/container-runtime',
        'runtime',
        'CNI DEL default/web: release 10.244.1.2',
        added.step,
      ],
    ]);
  });
});

describe('CNI plugins name the host end of the veth as they do for real', () => {
  it.each([
    { plugin: 'kindnet' as const, binary: 'ptp', name: /^veth[0-9a-f]{8}$/ },
    { plugin: 'flannel' as const, binary: 'bridge', name: /^veth[0-9a-f]{8}$/ },
    { plugin: 'calico' as const, binary: 'calico', name: /^cali[0-9a-f]{11}$/ },
    { plugin: 'cilium' as const, binary: 'cilium-cni', name: /^lxc[0-9a-f]{12}$/ },
  ])('$plugin', ({ plugin, binary, name }) => {
    const kernel = new Kernel({ seed: 1, epoch: 0 });
    const steps: TraceStep[] = [];
    kernel.trace.subscribe((s) => steps.push(s));
    const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime', plugin);
    cni.setPodCIDR('10.244.1.0/24');
    expect(cni.add('s', { namespace: 'default', name: 'web' }, null).result.hostInterface).toMatch(name);
    expect(steps[0]?.detail).toMatchObject({ command: 'ADD', plugin: binary });
  });
});
