import { describe, expect, it } from 'vitest';
import { createNode, setup } from './testing';
import { NODES } from './types';

describe('cloud-controller-manager node controller', () => {
  it('initializes nodes: providerID, cloud labels, ExternalIP, no uninitialized taint', () => {
    const { client, run, node, events } = setup();
    createNode(client, 'node-1', 1, true);
    createNode(client, 'node-2', 2);
    createNode(client, 'node-3', 3);
    run(1000);
    const n1 = node('node-1');
    expect(n1.spec?.providerID).toBe('kubelab://node-1');
    expect(n1.spec?.taints).toBeUndefined();
    expect(n1.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'node-1',
      'node.kubernetes.io/instance-type': 'kubelab.standard-2',
      'beta.kubernetes.io/instance-type': 'kubelab.standard-2',
      'topology.kubernetes.io/region': 'kubelab-1',
      'failure-domain.beta.kubernetes.io/region': 'kubelab-1',
      'topology.kubernetes.io/zone': 'kubelab-1a',
      'failure-domain.beta.kubernetes.io/zone': 'kubelab-1a',
    });
    expect(node('node-2').metadata.labels?.['topology.kubernetes.io/zone']).toBe('kubelab-1b');
    expect(node('node-3').metadata.labels?.['topology.kubernetes.io/zone']).toBe('kubelab-1c');
    const addresses = n1.status?.addresses ?? [];
    expect(addresses.map((a) => a.type)).toEqual(['InternalIP', 'ExternalIP', 'Hostname']);
    expect(addresses[0]?.address).toBe('192.168.0.11');
    expect(addresses[1]?.address).toMatch(/^198\.51\.100\.\d+$/);
    expect(events('node-1', 'default')).toEqual(['Synced: Node synced successfully (cloud-node-controller)']);
    // Settled (once the route controller has set NetworkUnavailable): later periodic
    // address syncs change nothing.
    run(11_000);
    const rv = node('node-1').metadata.resourceVersion;
    run(11 * 60_000);
    expect(node('node-1').metadata.resourceVersion).toBe(rv);
  });

  it('keeps other taints and an existing providerID, and restores a removed ExternalIP', () => {
    const { client, run, node } = setup();
    client.create(NODES, null, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'edge' },
      spec: {
        providerID: 'kubelab://custom-vm',
        taints: [
          { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
          { key: 'dedicated', value: 'edge', effect: 'NoSchedule' },
        ],
      },
    });
    run(1000);
    const edge = node('edge');
    expect(edge.spec?.providerID).toBe('kubelab://custom-vm');
    expect(edge.spec?.taints).toEqual([{ key: 'dedicated', value: 'edge', effect: 'NoSchedule' }]);
    expect(edge.metadata.labels?.['topology.kubernetes.io/zone']).toBe('kubelab-1a');
    const external = edge.status?.addresses?.[0];
    expect(external?.type).toBe('ExternalIP');
    client.patch(NODES, null, 'edge', 'merge', { status: { addresses: [] } }, null, 'status');
    run(5 * 60_000);
    expect(node('edge').status?.addresses).toEqual([external]);
  });
});
