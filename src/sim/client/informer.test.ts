import { describe, expect, it } from 'vitest';
import { findResource } from '../apiserver/resources';
import { testClient } from '../apiserver/testing';
import type { KubeObject } from '../apiserver/types';
import { Informer } from './informer';
import { ApiClient } from './rest';

const CONFIGMAPS = findResource('', 'v1', 'configmaps')!;
const cm = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

function setup(options = {}) {
  const c = testClient();
  const client = new ApiClient(
    c.cluster.apiserver,
    'control-plane/kube-controller-manager',
    'kube-controller-manager',
  );
  const informer = new Informer<KubeObject>(c.cluster.kernel, client, CONFIGMAPS, {
    namespace: 'default',
    ...options,
  });
  const seen: string[] = [];
  informer.addHandlers({
    add: (o) => seen.push(`add ${o.metadata.name}`),
    update: (_old, o) => seen.push(`update ${o.metadata.name}`),
    delete: (o) => seen.push(`delete ${o.metadata.name}`),
  });
  return { c, client, informer, seen };
}

describe('Informer', () => {
  it('lists what exists, then follows every change through a watch', () => {
    const { c, client, informer, seen } = setup();
    client.create(CONFIGMAPS, 'default', cm('before'));
    informer.start();
    expect(informer.hasSynced).toBe(true);
    expect(seen).toEqual(['add before']);
    client.create(CONFIGMAPS, 'default', cm('after'));
    client.patch(CONFIGMAPS, 'default', 'before', 'merge', { data: { x: '1' } });
    client.delete(CONFIGMAPS, 'default', 'after');
    c.cluster.kernel.runUntil(1000);
    expect(seen).toEqual(['add before', 'add after', 'update before', 'delete after']);
    expect(informer.lister.get('default/before')?.data).toEqual({ x: '1' });
    expect(informer.lister.get('default/after')).toBeUndefined();
    expect(informer.lister.byNamespace('default').map((o) => o.metadata.name)).toEqual(['before']);
  });

  it('gives handlers the watch step as the cause, so the trace links what follows', () => {
    const { c, client, informer } = setup();
    const causes: (number | null)[] = [];
    informer.addHandlers({ add: (_o, cause) => causes.push(cause) });
    informer.start();
    client.create(CONFIGMAPS, 'default', cm('linked'));
    const steps: { id: number; kind: string; to: string }[] = [];
    c.cluster.kernel.trace.subscribe((s) => steps.push(s));
    c.cluster.kernel.runUntil(1000);
    const watchStep = steps.find((s) => s.kind === 'watch' && s.to === client.id);
    expect(causes).toEqual([watchStep?.id]);
  });

  it('watches again when the server ends a watch, and relists after 410 Gone', () => {
    const { c, client, informer, seen } = setup({ watchTimeoutSeconds: 30 });
    const lists: string[] = [];
    c.cluster.kernel.trace.subscribe(
      (s) =>
        s.kind === 'request' &&
        s.summary.startsWith('GET /api/v1/namespaces/default/configmaps') &&
        lists.push(s.summary),
    );
    informer.start();
    client.create(CONFIGMAPS, 'default', cm('a'));
    c.cluster.kernel.runUntil(5000);
    client.create(CONFIGMAPS, 'kube-system', cm('elsewhere'));
    c.cluster.etcd.compact(c.cluster.etcd.revision, { client: 'test' });
    c.cluster.kernel.runUntil(40_000);
    client.create(CONFIGMAPS, 'default', cm('b'));
    c.cluster.kernel.runUntil(41_000);
    expect(seen).toEqual(['add a', 'update a', 'add b']);
    expect(lists.filter((l) => !l.includes('watch=true'))).toHaveLength(2);
  });

  it('resyncs: re-delivers every cached object as an update', () => {
    const { c, client, informer, seen } = setup({ resyncMs: 10_000 });
    client.create(CONFIGMAPS, 'default', cm('r'));
    informer.start();
    c.cluster.kernel.runUntil(25_000);
    expect(seen).toEqual(['add r', 'update r', 'update r']);
  });
});
