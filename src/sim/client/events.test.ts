import { describe, expect, it } from 'vitest';
import { findResource } from '../apiserver/resources';
import { testClient } from '../apiserver/testing';
import { EventRecorder } from './events';
import { ApiClient } from './rest';

describe('EventRecorder', () => {
  it('records an Event about an object, and counts repeats on the same Event', () => {
    const c = testClient();
    const client = new ApiClient(
      c.cluster.apiserver,
      'control-plane/kube-controller-manager',
      'kube-controller-manager',
    );
    const cm = client.create(findResource('', 'v1', 'configmaps')!, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    const recorder = new EventRecorder(c.cluster.kernel, client, 'test-controller');
    recorder.event(cm, 'Normal', 'Checked', 'looked at it');
    c.cluster.kernel.runUntil(5000);
    recorder.event(cm, 'Normal', 'Checked', 'looked at it');
    const events = c.call('GET', '/api/v1/namespaces/default/events').body.items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      reason: 'Checked',
      message: 'looked at it',
      type: 'Normal',
      count: 2,
      source: { component: 'test-controller' },
      involvedObject: { kind: 'ConfigMap', name: 'x', namespace: 'default', uid: cm.metadata.uid },
      firstTimestamp: '2025-01-01T00:00:00Z',
      lastTimestamp: '2025-01-01T00:00:05Z',
    });
    expect(events[0].metadata.name).toMatch(/^x\.[0-9a-f]+$/);
  });

  it('combines the tenth similar event, as a ReplicaSet creating many pods shows', () => {
    const c = testClient();
    const client = new ApiClient(c.cluster.apiserver, 'kube-controller-manager', 'kube-controller-manager');
    const cm = client.create(findResource('', 'v1', 'configmaps')!, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'z' },
    });
    const recorder = new EventRecorder(c.cluster.kernel, client, 'replicaset-controller');
    for (let i = 0; i < 12; i++) recorder.event(cm, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const events = c.call('GET', '/api/v1/namespaces/default/events').body.items;
    expect(events.map((e: { message: string; count: number }) => [e.message, e.count]).slice(8)).toEqual([
      ['Created pod: web-8', 1],
      ['(combined from similar events): Created pod: web-11', 3],
    ]);
  });

  it('keeps every event recorded at the same virtual instant', () => {
    const c = testClient();
    const client = new ApiClient(
      c.cluster.apiserver,
      'control-plane/kube-controller-manager',
      'kube-controller-manager',
    );
    const cm = client.create(findResource('', 'v1', 'configmaps')!, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'y' },
    });
    const recorder = new EventRecorder(c.cluster.kernel, client, 'test-controller');
    for (let i = 0; i < 9; i++) recorder.event(cm, 'Normal', 'Created', `created pod ${i}`);
    expect(c.call('GET', '/api/v1/namespaces/default/events').body.items).toHaveLength(9);
  });
});
