import type { NodeCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types';
import { nodeIpam } from '../../controllers/nodeipam';
import { writeCniConfig } from '../cni/config';
import { nodeHost } from '../host';
import { LEASES, NODES } from './context';
import { causalChain, setupNode } from './testing';

type Node = KubeObject & { spec: Record<string, unknown>; status: Record<string, unknown> };

describe('kubelet: node registration and heartbeats', () => {
  it('registers its Node as upstream does: labels, no pod CIDR (node-ipam sets it), capacity, node info, Ready', () => {
    const { client, run, eventsOf } = setupNode();
    run(1000);
    const node = client.get<Node>(NODES, null, 'node-1');
    expect(node.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
    });
    expect(node.spec).toEqual({});
    const status = node.status as {
      capacity: Record<string, string>;
      allocatable: Record<string, string>;
      conditions: NodeCondition[];
      addresses: unknown[];
      nodeInfo: Record<string, string>;
    };
    expect(status.capacity).toMatchObject({ cpu: '2', memory: '8039232Ki', pods: '110' });
    expect(status.capacity['ephemeral-storage']).toMatch(/^\d+Ki$/);
    expect(status.allocatable).toEqual(status.capacity);
    expect(status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'node-1' },
    ]);
    expect(status.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.4',
      containerRuntimeVersion: 'containerd://1.7.24',
      operatingSystem: 'linux',
      architecture: 'amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(status.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    for (const c of status.conditions) {
      expect(c.lastHeartbeatTime).toBe('2025-01-01T00:00:00Z');
      expect(c.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
    }
    expect(eventsOf('node-1')).toEqual([
      'Normal Starting: Starting kubelet.',
      'Normal NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'Normal NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'Normal NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'Normal NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
    ]);
  });

  it('creates its Lease in kube-node-lease and renews it every 10 s', () => {
    const { client, steps, run } = setupNode();
    run(1000);
    const node = client.get(NODES, null, 'node-1');
    const lease = client.get<KubeObject & { spec: Record<string, unknown> }>(
      LEASES,
      'kube-node-lease',
      'node-1',
    );
    expect(lease.spec).toEqual({
      holderIdentity: 'node-1',
      leaseDurationSeconds: 40,
      renewTime: '2025-01-01T00:00:00.000000Z',
    });
    expect(lease.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node.metadata.uid },
    ]);
    run(60_000);
    const renewals = steps.filter(
      (s) =>
        s.from === 'node-1/kubelet' &&
        s.summary.startsWith('PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1'),
    );
    expect(renewals.map((s) => s.time)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    const renewed = client.get<KubeObject & { spec: Record<string, unknown> }>(
      LEASES,
      'kube-node-lease',
      'node-1',
    );
    expect(renewed.spec.renewTime).toBe('2025-01-01T00:01:00.000000Z');
  });

  it('reports node status only when it changes or every 5 minutes', () => {
    const { client, steps, run } = setupNode();
    run(1000);
    run(11 * 60_000);
    const patches = steps.filter(
      (s) => s.from === 'node-1/kubelet' && s.summary.startsWith('PATCH /api/v1/nodes/node-1/status'),
    );
    expect(patches.map((s) => s.time)).toEqual([300_000, 600_000]);
    const node = client.get<Node>(NODES, null, 'node-1');
    const ready = (node.status.conditions as NodeCondition[]).find((c) => c.type === 'Ready');
    expect(ready?.lastHeartbeatTime).toBe('2025-01-01T00:10:00Z');
    expect(ready?.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
  });

  it('reports the images it pulled in the node status', () => {
    const { client, createPod, run } = setupNode();
    run(1000);
    createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    run(20_000);
    const node = client.get<Node>(NODES, null, 'node-1');
    const images = node.status.images as { names: string[]; sizeBytes: number }[];
    expect(images[0]?.names[1]).toBe('docker.io/library/nginx:latest');
    expect(images[0]?.names[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(images.at(-1)?.names).toContain('registry.k8s.io/pause:3.10');
  });

  it('stays NotReady until the CNI configuration is on the node, then posts Ready at once', () => {
    const t = setupNode(1, { kubelet: { cniConfig: 'addon' } });
    t.run(1000);
    const ready = () =>
      (t.client.get<Node>(NODES, null, 'node-1').status.conditions as NodeCondition[]).find(
        (c) => c.type === 'Ready',
      );
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'KubeletNotReady',
      message:
        'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
    // Pods that need the pod network wait; host-network ones run.
    t.createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    t.createPod('agent', { hostNetwork: true, containers: [{ name: 'agent', image: 'nginx' }] });
    t.run(4000);
    expect(t.getPod('web').status?.phase).toBe('Pending');
    expect(t.eventsOf('web')[0]).toBe(
      'Warning NetworkNotReady: network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
    expect(t.getPod('agent').status?.phase).toBe('Running');

    // The CNI plugin's agent writes its configuration (5 s after start): the fast status
    // loop posts Ready within 100 ms.
    writeCniConfig(nodeHost(t.kernel, 'node-1').fs, 'kindnet', '10.244.1.0/24', 'node-1');
    t.run(100);
    expect(ready()).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      lastTransitionTime: '2025-01-01T00:00:05Z',
    });
    expect(t.eventsOf('node-1').at(-1)).toBe('Normal NodeReady: Node node-1 status is now: NodeReady');
    const status = t.steps.filter((s) => s.from === 'node-1/kubelet' && s.summary.startsWith('Status: '));
    expect(status.map((s) => [s.time, s.summary])).toEqual([
      [
        0,
        'Status: RuntimeReady=true, NetworkReady=false (NetworkPluginNotReady: Network plugin returns error: cni plugin not initialized)',
      ],
      [5100, 'Status: RuntimeReady=true, NetworkReady=true'],
    ]);
    t.run(20_000); // the pod worker's retry
    expect(t.getPod('web').status?.phase).toBe('Running');
    expect(t.getPod('web').status?.podIP).toMatch(/^10\.244\.1\./);
  });

  it('learns its pod CIDR from node-ipam and hands it to the runtime, whose template makes it Ready', () => {
    const t = setupNode(1, { controllers: [nodeIpam], kubelet: { podCIDR: undefined } });
    t.run(1000);
    const node = t.client.get<Node>(NODES, null, 'node-1');
    expect(node.spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    const update = t.steps.find((s) => s.summary.startsWith('UpdateRuntimeConfig'));
    expect(update?.summary).toBe(
      'UpdateRuntimeConfig pod CIDR 10.244.0.0/24 (CNI config from the kindnet template)',
    );
    expect(update === undefined ? [] : causalChain(t.steps, update).map((s) => s.summary)).toContain(
      'node-ipam: node node-1 gets pod CIDR 10.244.0.0/24',
    );
    expect(t.eventsOf('node-1').at(-1)).toBe('Normal NodeReady: Node node-1 status is now: NodeReady');
    expect(nodeHost(t.kernel, 'node-1').fs.readFile('/etc/cni/net.d/10-kindnet.conflist')).toContain(
      '"subnet": "10.244.0.0/24"',
    );
    t.createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    t.run(10_000);
    expect(t.getPod('web').status?.podIP).toBe('10.244.0.2');
  });

  it('goes NotReady when the CNI configuration is gone, and Ready again when it is back', () => {
    const t = setupNode();
    t.run(1000);
    const fs = nodeHost(t.kernel, 'node-1').fs;
    fs.remove('/etc/cni/net.d/10-kindnet.conflist');
    t.run(15_000); // the 5 s runtime check, then the 10 s status report
    const ready = () =>
      (t.client.get<Node>(NODES, null, 'node-1').status.conditions as NodeCondition[]).find(
        (c) => c.type === 'Ready',
      );
    expect(ready()?.status).toBe('False');
    expect(t.eventsOf('node-1').at(-1)).toBe('Normal NodeNotReady: Node node-1 status is now: NodeNotReady');
    writeCniConfig(fs, 'kindnet', '10.244.1.0/24', 'node-1');
    t.run(15_000);
    expect(ready()?.status).toBe('True');
    expect(t.eventsOf('node-1').at(-1)).toBe('Normal NodeReady: Node node-1 status is now: NodeReady');
  });
});
