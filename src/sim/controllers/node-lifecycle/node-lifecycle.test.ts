import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { nodeLifecycle } from '.';
import { LEASES, NODES, PODS, type LeaseObject, type NodeObject, type PodObject } from './types';
import { clusterWith } from '../testing';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

function conditions(kernel: Kernel) {
  const now = kernel.clock.timestamp();
  return ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
    type,
    status: type === 'Ready' ? 'True' : 'False',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason: type === 'Ready' ? 'KubeletReady' : 'KubeletHas',
    message: 'ok',
  }));
}

/** A stand-in kubelet: registers its Node and Lease, renews the Lease every 10 s while alive. */
function fakeKubelet(kernel: Kernel, client: ApiClient, name: string) {
  const state = { alive: true };
  client.create(NODES, null, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: conditions(kernel) },
  });
  const renewTime = () => kernel.clock.timestamp().replace('Z', '.000000Z');
  client.create(LEASES, 'kube-node-lease', {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renewTime() },
  });
  const tick = () => {
    if (state.alive) {
      const lease = client.get<LeaseObject>(LEASES, 'kube-node-lease', name);
      client.update(LEASES, { ...lease, spec: { ...lease.spec, renewTime: renewTime() } });
    }
    kernel.schedule(10_000, `${name}: renew lease`, tick);
  };
  kernel.schedule(10_000, `${name}: renew lease`, tick);
  /** Comes back: posts Ready again (the lease resumes on the next tick). */
  const recover = () => {
    state.alive = true;
    const node = client.get<NodeObject>(NODES, null, name);
    client.update(NODES, { ...node, status: { ...node.status, conditions: conditions(kernel) } }, 'status');
  };
  return { state, recover };
}

function setup() {
  const cluster = clusterWith([nodeLifecycle]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const kernel = cluster.kernel;
  const runTo = (seconds: number) => kernel.runUntil(seconds * 1000);
  const node = (name: string) => client.get<NodeObject>(NODES, null, name);
  const pod = (name: string) => client.get<PodObject>(PODS, 'default', name);
  const createPod = (name: string, nodeName: string) => {
    client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27' }] },
    });
    const p = pod(name);
    const ready = { type: 'Ready', status: 'True', lastTransitionTime: kernel.clock.timestamp() };
    client.update(
      PODS,
      { ...p, status: { phase: 'Running', podIP: '10.244.1.5', conditions: [ready] } },
      'status',
    );
  };
  const events = (reason: string) =>
    client
      .list<KubeObject & { reason?: string; message?: string }>(EVENTS, 'default')
      .items.filter((e) => e.reason === reason)
      .map((e) => e.message);
  return { kernel, client, runTo, node, pod, createPod, events };
}

describe('node lifecycle controller', () => {
  it('marks a silent node Unknown after 50 s, taints it, and evicts its pods after 300 s', () => {
    const { kernel, client, runTo, node, pod, createPod, events } = setup();
    const k1 = fakeKubelet(kernel, client, 'node-1');
    fakeKubelet(kernel, client, 'node-2');
    createPod('web-1', 'node-1');
    runTo(20);
    k1.state.alive = false; // last renewal at 20 s
    runTo(69);
    expect(node('node-1').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    runTo(75);
    const after = node('node-1');
    expect(after.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => [
        t,
        'Unknown',
        'NodeStatusUnknown',
        'Kubelet stopped posting node status.',
      ]),
    );
    expect(after.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2025-01-01T00:01:15Z' },
    ]);
    expect(node('node-2').spec?.taints).toBeUndefined();
    expect(events('NodeNotReady')).toEqual(['Node node-1 status is now: NodeNotReady']);
    expect(events('RegisteredNode')).toContain('Node node-1 event: Registered Node node-1 in Controller');
    expect(pod('web-1').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');

    runTo(80);
    expect(node('node-1').spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    runTo(379);
    expect(pod('web-1').metadata.deletionTimestamp).toBeUndefined();
    runTo(381);
    expect(pod('web-1').metadata.deletionTimestamp).toBeDefined();
    expect(pod('web-1').status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
    });
    expect(events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/web-1']);
  });

  it('removes the taints when the node recovers, cancelling pending evictions', () => {
    const { kernel, client, runTo, node, pod, createPod, events } = setup();
    const k1 = fakeKubelet(kernel, client, 'node-1');
    fakeKubelet(kernel, client, 'node-2');
    createPod('web-1', 'node-1');
    k1.state.alive = false;
    runTo(75);
    expect(node('node-1').spec?.taints).toHaveLength(2);
    k1.recover();
    runTo(85);
    expect(node('node-1').spec?.taints ?? []).toEqual([]);
    expect(node('node-1').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    runTo(400);
    expect(pod('web-1').metadata.deletionTimestamp).toBeUndefined();
    expect(events('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/web-1']);
  });

  it('deletes pods that do not tolerate a NoExecute taint at once', () => {
    const { kernel, client, runTo, node, pod, createPod, events } = setup();
    fakeKubelet(kernel, client, 'node-2');
    createPod('web-2', 'node-2');
    runTo(5);
    const n = node('node-2');
    client.update(NODES, {
      ...n,
      spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] },
    });
    runTo(6);
    expect(pod('web-2').metadata.deletionTimestamp).toBeDefined();
    expect(events('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/web-2']);
  });
});
