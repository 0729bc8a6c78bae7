import { describe, expect, it } from 'vitest';
import { COMPACTION_INTERVAL_MS } from './compaction';
import { testClient } from './testing';

describe('periodic compaction', () => {
  it('compacts every interval up to the revision seen at the previous tick', () => {
    const c = testClient();
    const { etcd, kernel } = c.cluster;
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
    kernel.runUntil(COMPACTION_INTERVAL_MS);
    expect(etcd.compactRevision).toBe(0);
    const atFirstTick = etcd.revision;
    c.call('POST', '/api/v1/namespaces/default/configmaps', cm);
    const afterWrite = etcd.revision;
    kernel.runUntil(2 * COMPACTION_INTERVAL_MS);
    expect(etcd.compactRevision).toBe(atFirstTick);
    kernel.runUntil(3 * COMPACTION_INTERVAL_MS);
    expect(etcd.compactRevision).toBe(afterWrite);
  });

  it('a watch that fell a whole interval behind gets 410 Gone', () => {
    const c = testClient();
    const rv = c.call('POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a' },
    }).body.metadata.resourceVersion as string;
    c.call('POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'b' },
    });
    c.cluster.kernel.runUntil(2 * COMPACTION_INTERVAL_MS);
    const w = c.watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`);
    c.cluster.kernel.runUntil(2 * COMPACTION_INTERVAL_MS + 1);
    expect(Number(rv)).toBeLessThanOrEqual(c.cluster.etcd.compactRevision);
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });
});
