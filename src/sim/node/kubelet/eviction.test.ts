import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import type { KubeletContext, PodRecord } from './context';
import { bytesQuantity, EvictionManager, MEMORY_THRESHOLD_BYTES, quantityBytes } from './eviction';

describe('quantities', () => {
  it.each([
    [0, '0'],
    [1024, '1Ki'],
    [3_563_520, '3480Ki'],
    [MEMORY_THRESHOLD_BYTES, '100Mi'],
    [8 * 1024 ** 3, '8Gi'],
    [1000, '1000'],
  ])('%d bytes print as %s', (bytes, text) => {
    expect(bytesQuantity(bytes)).toBe(text);
  });

  it.each([
    ['64Mi', 64 * 1024 ** 2],
    ['8039232Ki', 8039232 * 1024],
    ['512', 512],
    [undefined, 0],
  ])('%s is %d bytes', (text, bytes) => {
    expect(quantityBytes(text)).toBe(bytes);
  });
});

/** A pod record with one container `app` of `usage` bytes, requesting `request`. */
function record(name: string, usage: number, request?: string, priority = 0): [PodRecord, number] {
  const pod = {
    metadata: { name, namespace: 'default', uid: name },
    spec: {
      priority,
      containers: [
        {
          name: 'app',
          image: 'x',
          ...(request === undefined ? {} : { resources: { requests: { memory: request } } }),
        },
      ],
    },
  };
  const r = {
    uid: name,
    pod,
    admitted: true,
    terminal: false,
    deleted: false,
    isStatic: false,
    containers: new Map([['app', [{ id: `c-${name}` }]]]),
  } as unknown as PodRecord;
  return [r, usage];
}

describe('EvictionManager', () => {
  it('evicts over-request pods first, then lower priority, then larger use; never critical ones', () => {
    const kernel = new Kernel({ seed: 1, epoch: 0 });
    const pods = [
      record('guaranteed', 50 * 1024 ** 2, '64Mi'),
      record('small-besteffort', 4 * 1024 ** 2),
      record('big-besteffort', 40 * 1024 ** 2),
      record('important-besteffort', 90 * 1024 ** 2, undefined, 1000),
      record('critical', 200 * 1024 ** 2, undefined, 2_000_001_000),
    ];
    const usage = new Map(pods.map(([r, u]) => [`c-${r.uid}`, u]));
    const evicted: string[] = [];
    const events: string[] = [];
    const ctx = {
      kernel,
      id: 'node-1/kubelet',
      nodeName: 'node-1',
      recorder: { event: (_o: unknown, _t: string, reason: string) => events.push(reason) },
    } as unknown as KubeletContext;
    const manager = new EvictionManager(ctx, {
      capacityBytes: 1024 ** 3,
      node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
      nodeWorkingSet: () => 400 * 1024 ** 2,
      containerWorkingSet: (id) => usage.get(id),
      records: () => pods.map(([r]) => r),
      evict: (r) => {
        evicted.push(r.uid);
        r.evicted = 'evicted';
      },
      pressure: () => {},
    });
    manager.synchronize(null);
    expect(manager.underPressure).toBe(false);
    manager.hold(600 * 1024 ** 2);
    for (let i = 0; i < 6; i++) manager.synchronize(null);
    expect(manager.underPressure).toBe(true);
    expect(evicted).toEqual(['big-besteffort', 'small-besteffort', 'important-besteffort', 'guaranteed']);
    expect(events).toContain('EvictionThresholdMet');
  });
});
