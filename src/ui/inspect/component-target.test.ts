import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../sim/topology';
import type { SimHost } from '../../worker/host';
import { componentTarget } from './ComponentInspection';
import { createInspectStore } from './inspect-store';

const host: SimHost = { kind: 'in-process', send: () => {}, subscribe: () => () => {}, dispose: () => {} };

describe('what selecting a card in the graph inspects', () => {
  const topology = buildTopology(2, true);
  const store = createInspectStore(host);
  it.each([
    { card: 'control-plane/etcd', target: { kind: 'etcd', key: null } },
    { card: 'control-plane/kube-scheduler', target: { kind: 'scheduler' } },
    { card: 'node-1/kubelet', target: { kind: 'node', name: 'node-1' } },
    { card: 'node-2/container-runtime', target: { kind: 'node', name: 'node-2' } },
    { card: 'node-2/kube-proxy', target: { kind: 'node', name: 'node-2' } },
    { card: 'node-1/pods', target: { kind: 'node', name: 'node-1' } },
    { card: 'node-2/worker', target: { kind: 'node', name: 'node-2' } },
    { card: 'control-plane/pods', target: { kind: 'node', name: 'control-plane' } },
    { card: 'control-plane/kube-apiserver', target: null },
    { card: 'kubectl', target: null },
    { card: 'node-9/pods', target: null },
  ])('$card', ({ card, target }) => {
    expect(componentTarget(topology, card, store)).toEqual(target);
  });
});
