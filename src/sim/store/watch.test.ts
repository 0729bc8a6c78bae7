import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { Etcd } from './etcd';
import type { StoreEvent, WatchListener } from './types';

const api = { client: 'control-plane/kube-apiserver' };

function setup() {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  return { kernel, etcd: new Etcd(kernel) };
}

/** A listener that records each call as `TYPE key@rev` strings, one array per call. */
function recorder() {
  const calls: string[][] = [];
  const listener: WatchListener = (events) =>
    calls.push(events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`));
  return { calls, listener, flat: () => calls.flat() };
}

describe('Etcd watch', () => {
  it('delivers asynchronously through the kernel, never inside the write', () => {
    const { kernel, etcd } = setup();
    const rec = recorder();
    etcd.watch('/registry/pods/', 0, api, rec.listener);
    etcd.create('/registry/pods/default/a', '1', api);
    expect(rec.calls).toEqual([]);
    expect(kernel.pending).toBe(1);
    kernel.runUntilIdle();
    expect(rec.calls).toEqual([['PUT /registry/pods/default/a@2']]);
    expect(kernel.clock.now()).toBe(0);
  });

  it('from revision 0 sees only new events', () => {
    const { kernel, etcd } = setup();
    etcd.create('/registry/pods/default/old', '1', api);
    const rec = recorder();
    etcd.watch('/registry/pods/', 0, api, rec.listener);
    kernel.runUntilIdle();
    expect(rec.calls).toEqual([]);
    etcd.update('/registry/pods/default/old', '2', api);
    kernel.runUntilIdle();
    expect(rec.flat()).toEqual(['PUT /registry/pods/default/old@3']);
  });

  it('from a past revision replays history, then streams, with prevKv and tombstones', () => {
    const { kernel, etcd } = setup();
    etcd.create('/registry/pods/default/a', '1', api); // 2
    etcd.create('/registry/pods/default/b', '1', api); // 3
    etcd.update('/registry/pods/default/a', '2', api); // 4
    etcd.delete('/registry/pods/default/b', api); // 5
    const events: StoreEvent[] = [];
    const calls: number[] = [];
    etcd.watch('/registry/pods/', 3, api, (batch) => {
      calls.push(batch.length);
      events.push(...batch);
    });
    etcd.create('/registry/pods/default/c', '1', api); // 6, written before the replay runs
    kernel.runUntilIdle();
    etcd.update('/registry/pods/default/c', '2', api); // 7
    kernel.runUntilIdle();

    expect(events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`)).toEqual([
      'PUT /registry/pods/default/b@3',
      'PUT /registry/pods/default/a@4',
      'DELETE /registry/pods/default/b@5',
      'PUT /registry/pods/default/c@6',
      'PUT /registry/pods/default/c@7',
    ]);
    expect(calls).toEqual([1, 1, 1, 1, 1]);
    expect(events[1]?.prevKv).toMatchObject({ value: '1', modRevision: 2, version: 1 });
    expect(events[2]).toEqual({
      type: 'DELETE',
      kv: { key: '/registry/pods/default/b', value: '', createRevision: 0, modRevision: 5, version: 0 },
      prevKv: { key: '/registry/pods/default/b', value: '1', createRevision: 3, modRevision: 3, version: 1 },
    });
    expect(events[0]?.prevKv).toBeNull();
    expect(events[4]?.prevKv?.modRevision).toBe(6);
  });

  it('from a future revision waits for it', () => {
    const { kernel, etcd } = setup();
    const rec = recorder();
    etcd.watch('/k/', 4, api, rec.listener);
    etcd.create('/k/x', '1', api);
    for (const v of ['2', '3', '4']) etcd.update('/k/x', v, api);
    kernel.runUntilIdle();
    expect(rec.flat()).toEqual(['PUT /k/x@4', 'PUT /k/x@5']);
  });

  it('delivers changes across keys in revision order, to each matching watcher', () => {
    const { kernel, etcd } = setup();
    const all = recorder();
    const ns = recorder();
    const other = recorder();
    etcd.watch('/registry/pods/', 0, api, all.listener);
    etcd.watch('/registry/pods/default/', 0, { client: 'node-1/kubelet' }, ns.listener);
    etcd.watch('/registry/pods/default2/', 0, api, other.listener);
    etcd.create('/registry/pods/default/b', '1', api);
    etcd.create('/registry/pods/default2/a', '1', api);
    etcd.create('/registry/pods/default/a', '1', api);
    etcd.update('/registry/pods/default/b', '2', api);
    kernel.runUntilIdle();
    expect(all.flat()).toEqual([
      'PUT /registry/pods/default/b@2',
      'PUT /registry/pods/default2/a@3',
      'PUT /registry/pods/default/a@4',
      'PUT /registry/pods/default/b@5',
    ]);
    expect(ns.flat()).toEqual([
      'PUT /registry/pods/default/b@2',
      'PUT /registry/pods/default/a@4',
      'PUT /registry/pods/default/b@5',
    ]);
    expect(other.flat()).toEqual(['PUT /registry/pods/default2/a@3']);
  });

  it('keeps order when a listener writes while being notified', () => {
    const { kernel, etcd } = setup();
    const rec = recorder();
    etcd.watch('/k/', 0, api, rec.listener);
    etcd.watch('/k/', 0, api, (events) => {
      const kv = events[0]?.kv;
      if (kv?.key === '/k/a' && kv.version === 1) etcd.create('/k/b', 'from listener', api);
    });
    etcd.create('/k/a', '1', api);
    etcd.update('/k/a', '2', api);
    kernel.runUntilIdle();
    expect(rec.flat()).toEqual(['PUT /k/a@2', 'PUT /k/a@3', 'PUT /k/b@4']);
  });

  it('stops delivering after cancel, including deliveries already scheduled', () => {
    const { kernel, etcd } = setup();
    const rec = recorder();
    const watch = etcd.watch('/k/', 0, api, rec.listener);
    etcd.create('/k/a', '1', api);
    kernel.runUntilIdle();
    etcd.create('/k/b', '1', api);
    expect(kernel.pending).toBe(1);
    watch.cancel();
    watch.cancel();
    expect(kernel.pending).toBe(0);
    etcd.create('/k/c', '1', api);
    kernel.runUntilIdle();
    expect(rec.flat()).toEqual(['PUT /k/a@2']);
    expect(etcd.watchCount).toBe(0);
  });

  it('a listener can cancel its own watch in the middle of a replay', () => {
    const { kernel, etcd } = setup();
    for (const k of ['a', 'b', 'c']) etcd.create(`/k/${k}`, '1', api);
    const seen: string[] = [];
    const watch = etcd.watch('/k/', 2, api, (events) => {
      seen.push(events[0]?.kv.key ?? '');
      if (seen.length === 2) watch.cancel();
    });
    kernel.runUntilIdle();
    expect(seen).toEqual(['/k/a', '/k/b']);
  });

  it('hands the listener the ids of its delivery steps', () => {
    const { kernel, etcd } = setup();
    const delivered: number[] = [];
    etcd.watch('/k/', 0, api, (_events, { steps }) => delivered.push(...steps));
    etcd.create('/k/a', '1', api);
    const stepIds: number[] = [];
    kernel.trace.subscribe((s) => stepIds.push(s.id));
    kernel.runUntilIdle();
    expect(delivered).toEqual(stepIds);
    expect(delivered).toHaveLength(1);
  });
});
