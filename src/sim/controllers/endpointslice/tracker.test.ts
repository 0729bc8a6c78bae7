import { describe, expect, it } from 'vitest';
import type { SliceObject } from './reconciler';
import { EndpointSliceTracker } from './tracker';

const slice = (uid: string, resourceVersion: string): SliceObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `web-${uid}`, namespace: 'default', uid, resourceVersion },
});

describe('EndpointSliceTracker', () => {
  it('calls the cache stale while it misses or predates what the controller wrote', () => {
    const t = new EndpointSliceTracker();
    expect(t.stale('default/web', [slice('a', '5')])).toBe(false); // nothing written yet
    t.update('default/web', slice('a', '7'));
    expect(t.stale('default/web', [slice('a', '5')])).toBe(true); // an older version
    expect(t.stale('default/web', [])).toBe(true); // not seen at all
    expect(t.stale('default/web', [slice('a', '7')])).toBe(false);
    expect(t.stale('default/web', [slice('a', '9')])).toBe(false); // someone wrote since
    expect(t.stale('default/other', [])).toBe(false);
  });

  it('waits for deleted slices to leave the cache', () => {
    const t = new EndpointSliceTracker();
    t.update('default/web', slice('a', '7'));
    t.expectDeletion('default/web', slice('a', '7'));
    expect(t.stale('default/web', [slice('a', '7')])).toBe(true);
    expect(t.stale('default/web', [])).toBe(false);
    t.handleDeletion('default/web', slice('a', '7'));
    expect(t.stale('default/web', [slice('a', '7')])).toBe(false);
    t.update('default/web', slice('b', '8'));
    t.deleteService('default/web');
    expect(t.stale('default/web', [])).toBe(false);
  });
});
