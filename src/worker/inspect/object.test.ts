import { describe, expect, it } from 'vitest';
import { ObjectInspector, type ObjectView } from './object';
import { RegistryReader } from './registry';
import { findResource, type ResourceInfo } from '../../sim/apiserver/resources';
import { DEPLOYMENTS, NODES, deployment, podsOf, testCluster } from './testing';

const CONFIGMAPS = findResource('', 'v1', 'configmaps') as ResourceInfo;
import type { InspectionView } from './types';

/** A cluster running the Deployment `web` (2 nginx pods), 90 s in. */
function runningWeb() {
  const t = testCluster();
  t.cluster.kernel.runUntil(30_000);
  t.kubectl.create(DEPLOYMENTS, 'default', deployment('web', 2));
  t.cluster.kernel.runUntil(90_000);
  const reader = new RegistryReader(t.cluster.etcd);
  const now = () => t.cluster.kernel.clock.epoch + t.cluster.kernel.clock.now();
  return { ...t, reader, now, pods: podsOf(t.kubectl, 'web') };
}

function objectOf(view: InspectionView): ObjectView {
  if (view.kind !== 'object') throw new Error(`expected an object view, got ${JSON.stringify(view)}`);
  return view;
}

describe('the object view', () => {
  it('shows a pod as kubectl get -o yaml does, with its events and its owner chain', () => {
    const { kubectl, reader, now, pods } = runningWeb();
    const pod = pods[0];
    if (pod === undefined) throw new Error('no pod');
    const name = pod.metadata.name ?? '';
    const view = objectOf(
      new ObjectInspector({ kind: 'object', resource: 'pods', namespace: 'default', name }).view(
        reader,
        now(),
      ),
    );
    expect(view).toMatchObject({ resource: 'pods', objectKind: 'Pod', namespace: 'default', name });
    expect(view.uid).toBe(pod.metadata.uid);
    expect(view.resourceVersion).toBe(pod.metadata.resourceVersion);
    expect(view.yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(view.yaml).toContain('  phase: Running\n');
    expect(view.yaml).not.toContain('managedFields');
    expect(view.events.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );
    const scheduled = view.events.find((e) => e.reason === 'Scheduled');
    expect(scheduled).toMatchObject({ type: 'Normal', from: 'default-scheduler' });
    expect(scheduled?.message).toContain(`Successfully assigned default/${name} to`);
    expect(scheduled?.age).toMatch(/^\d+s$/);
    // Oldest first, as describe lists them: the pod is scheduled before it starts.
    const reasons = view.events.map((e) => e.reason);
    expect(reasons.indexOf('Scheduled')).toBeLessThan(reasons.indexOf('Started'));
    const rs = pod.metadata.ownerReferences?.[0]?.name ?? '';
    expect(view.owners).toEqual([
      {
        kind: 'ReplicaSet',
        name: rs,
        namespace: 'default',
        resource: 'replicasets.apps',
        exists: true,
        controller: true,
      },
      {
        kind: 'Deployment',
        name: 'web',
        namespace: 'default',
        resource: 'deployments.apps',
        exists: true,
        controller: true,
      },
    ]);
    expect(view.dependents).toEqual([]);
    // The kubectl that read the pod saw the same object.
    expect(kubectl.get(DEPLOYMENTS, 'default', 'web').metadata.name).toBe('web');
  });

  it('lists the direct dependents: a Deployment owns its ReplicaSet, which owns the pods', () => {
    const { reader, now, pods } = runningWeb();
    const deploymentView = objectOf(
      new ObjectInspector({
        kind: 'object',
        resource: 'deployments.apps',
        namespace: null,
        name: 'web',
      }).view(reader, now()),
    );
    expect(deploymentView.namespace).toBe('default');
    expect(deploymentView.owners).toEqual([]);
    expect(deploymentView.dependents).toHaveLength(1);
    const rs = deploymentView.dependents[0];
    expect(rs).toMatchObject({
      kind: 'ReplicaSet',
      resource: 'replicasets.apps',
      exists: true,
      controller: true,
    });
    const rsView = objectOf(
      new ObjectInspector({
        kind: 'object',
        resource: 'replicasets.apps',
        namespace: 'default',
        name: rs?.name ?? '',
      }).view(reader, now()),
    );
    expect(rsView.dependents.map((d) => d.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
    expect(rsView.events.map((e) => e.reason)).toContain('SuccessfulCreate');
  });

  it('marks an owner that is gone, and stops the chain there', () => {
    const { kubectl, reader, now } = runningWeb();
    // The garbage collector deletes such a dependent soon; the view shows it before it does.
    kubectl.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'orphan',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', uid: 'no-such-uid' }],
      },
    });
    const view = objectOf(
      new ObjectInspector({
        kind: 'object',
        resource: 'configmaps',
        namespace: 'default',
        name: 'orphan',
      }).view(reader, now()),
    );
    expect(view.owners).toEqual([
      {
        kind: 'Deployment',
        name: 'gone',
        namespace: 'default',
        resource: 'deployments.apps',
        exists: false,
        controller: false,
      },
    ]);
  });

  it('says what kubectl says when the object or the resource type does not exist', () => {
    const { reader, now } = runningWeb();
    const missing = (resource: string, name: string) =>
      new ObjectInspector({ kind: 'object', resource, namespace: 'default', name }).view(reader, now());
    expect(missing('pods', 'nope')).toEqual({ kind: 'missing', message: 'pods "nope" not found' });
    expect(missing('deployments.apps', 'nope')).toEqual({
      kind: 'missing',
      message: 'deployments.apps "nope" not found',
    });
    expect(missing('pods', 'a/b')).toEqual({ kind: 'missing', message: 'pods "a/b" not found' });
    expect(missing('flowers', 'web')).toEqual({
      kind: 'missing',
      message: `the server doesn't have a resource type "flowers"`,
    });
  });

  it('shows a cluster-scoped node with the events about it from every namespace', () => {
    const { kubectl, reader, now } = runningWeb();
    const view = objectOf(
      new ObjectInspector({ kind: 'object', resource: 'nodes', namespace: 'ignored', name: 'node-1' }).view(
        reader,
        now(),
      ),
    );
    expect(view.namespace).toBeNull();
    expect(view.uid).toBe(kubectl.get(NODES, null, 'node-1').metadata.uid);
    expect(view.yaml).toContain('kind: Node\n');
    expect(view.events.map((e) => e.reason)).toContain('Starting');
  });

  it('works out only the ages again while the store stays at one revision', () => {
    const { cluster, reader, now, pods } = runningWeb();
    const name = pods[0]?.metadata.name ?? '';
    const inspector = new ObjectInspector({ kind: 'object', resource: 'pods', namespace: 'default', name });
    const first = objectOf(inspector.view(reader, now()));
    const later = objectOf(inspector.view(reader, now() + 120_000));
    expect(later.yaml).toBe(first.yaml);
    const age = (view: ObjectView) => view.events.find((e) => e.reason === 'Scheduled')?.age;
    expect(age(first)).toMatch(/^\d+s$/);
    expect(age(later)).toMatch(/^\dm(\d+s)?$/);
    cluster.kernel.runUntil(cluster.kernel.clock.now() + 60_000);
    expect(objectOf(inspector.view(reader, now())).resourceVersion).toBe(first.resourceVersion);
  });
});
