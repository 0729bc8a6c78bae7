import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import { clusterWith } from '../testing';
import { CidrSet } from './cidrset';
import { nodeIpamFor } from './index';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

describe('CidrSet', () => {
  it.each([
    { cluster: '10.244.0.0/16', mask: 24, want: ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'] },
    { cluster: '10.244.0.0/16', mask: 26, want: ['10.244.0.0/26', '10.244.0.64/26', '10.244.0.128/26'] },
    { cluster: '192.168.7.9/22', mask: 24, want: ['192.168.4.0/24', '192.168.5.0/24', '192.168.6.0/24'] },
  ])('$cluster in /$mask hands out $want', ({ cluster, mask, want }) => {
    const set = new CidrSet(cluster, mask);
    expect(want.map(() => set.allocateNext())).toEqual(want);
  });

  it('skips occupied subnets, does not reuse a released one at once, and fails when full', () => {
    const set = new CidrSet('10.0.0.0/22', 24);
    set.occupy('10.0.1.0/24');
    expect([set.allocateNext(), set.allocateNext()]).toEqual(['10.0.0.0/24', '10.0.2.0/24']);
    set.release('10.0.0.0/24');
    expect(set.allocateNext()).toBe('10.0.3.0/24');
    expect(set.allocateNext()).toBe('10.0.0.0/24');
    expect(() => set.allocateNext()).toThrow(
      'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
    );
    expect(() => set.occupy('10.9.0.0/24')).toThrow('out of the range');
  });
});

describe('node-ipam-controller', () => {
  function setup(clusterCidr = '10.244.0.0/16', nodeMaskSize = 24) {
    const cluster = clusterWith([nodeIpamFor({ clusterCidr, nodeMaskSize })]);
    const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
    const run = () => cluster.kernel.runUntil(cluster.kernel.clock.now() + 2000);
    const node = (name: string, podCIDR?: string) =>
      client.create(NODES, null, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name },
        ...(podCIDR === undefined ? {} : { spec: { podCIDR, podCIDRs: [podCIDR] } }),
      });
    const cidrOf = (name: string) =>
      (client.get(NODES, null, name) as KubeObject & { spec?: { podCIDR?: string } }).spec;
    return { client, run, node, cidrOf };
  }

  it('gives each new node the next /24 of 10.244.0.0/16, in spec.podCIDR and spec.podCIDRs', () => {
    const t = setup();
    for (const n of ['control-plane', 'node-1', 'node-2']) {
      t.node(n);
      t.run();
    }
    expect(['control-plane', 'node-1', 'node-2'].map(t.cidrOf)).toEqual([
      { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
      { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
      { podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'] },
    ]);
  });

  it('keeps a CIDR a node already has and never hands it out again; a deleted node frees its CIDR', () => {
    const t = setup('10.244.0.0/23');
    t.node('a', '10.244.0.0/24');
    t.node('b');
    t.run();
    expect(t.cidrOf('b')?.podCIDR).toBe('10.244.1.0/24');
    t.client.delete(NODES, null, 'a');
    t.run();
    t.node('c');
    t.run();
    expect(t.cidrOf('c')?.podCIDR).toBe('10.244.0.0/24');
  });

  it('reports CIDRNotAvailable when the cluster CIDR is used up', () => {
    const t = setup('10.244.0.0/24');
    t.node('a');
    t.node('b');
    t.run();
    expect(t.cidrOf('b')?.podCIDR).toBeUndefined();
    const events = t.client.list(EVENTS, 'default').items.map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain('CIDRNotAvailable: Node b status is now: CIDRNotAvailable');
  });
});
