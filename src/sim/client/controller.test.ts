import { describe, expect, it } from 'vitest';
import { findResource } from '../apiserver/resources';
import { testClient } from '../apiserver/testing';
import { Controller } from './controller';
import { Informer } from './informer';
import { ApiClient } from './rest';

const CONFIGMAPS = findResource('', 'v1', 'configmaps')!;

function setup(sync: (key: string, cause: number | null) => void) {
  const c = testClient();
  const client = new ApiClient(
    c.cluster.apiserver,
    'control-plane/kube-controller-manager',
    'test-controller',
  );
  const informer = new Informer(c.cluster.kernel, client, CONFIGMAPS);
  const controller = new Controller({ kernel: c.cluster.kernel, name: 'test', sync });
  controller.watch(informer);
  informer.start();
  controller.start();
  return { c, client };
}

describe('Controller', () => {
  it('syncs each changed key once, however many changes arrived before it ran', () => {
    const synced: string[] = [];
    const { c, client } = setup((key) => synced.push(key));
    client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    for (let i = 0; i < 5; i++) client.patch(CONFIGMAPS, 'default', 'a', 'merge', { data: { i: String(i) } });
    c.cluster.kernel.runUntil(1000);
    expect(synced.filter((k) => k === 'default/a').length).toBeLessThanOrEqual(2);
    expect(synced).toContain('default/a');
  });

  it('retries a failing sync with backoff until it succeeds', () => {
    const attempts: number[] = [];
    let failures = 3;
    const { c, client } = setup((key) => {
      if (key !== 'default/flaky') return;
      attempts.push(c.cluster.kernel.clock.now());
      if (failures-- > 0) throw new Error('not yet');
    });
    client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'flaky' },
    });
    c.cluster.kernel.runUntil(10_000);
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? 0));
    expect(gaps).toEqual([5, 10, 20]);
  });

  it('passes the watch event that woke it as the cause of its work', () => {
    const causes: (number | null)[] = [];
    const { c, client } = setup((key, cause) => key === 'default/caused' && causes.push(cause));
    const steps: { id: number; kind: string; to: string }[] = [];
    c.cluster.kernel.trace.subscribe((s) => steps.push(s));
    client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'caused' },
    });
    c.cluster.kernel.runUntil(1000);
    expect(causes).toEqual([steps.find((s) => s.kind === 'watch' && s.to === client.id)?.id]);
  });
});
