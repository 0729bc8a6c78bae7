import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import type { TraceStep } from '../kernel/trace';
import { CompactedError } from './errors';
import { Etcd } from './etcd';

const APISERVER = 'control-plane/kube-apiserver';

function setup(options?: { id?: string }) {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  return { kernel, steps, etcd: new Etcd(kernel, options) };
}

const brief = (s: TraceStep) => ({
  from: s.from,
  to: s.to,
  kind: s.kind,
  summary: s.summary,
  causedBy: s.causedBy,
});

describe('Etcd trace', () => {
  it('records one storage step per call, from the caller to etcd, and returns its id', () => {
    const { etcd, steps } = setup();
    const ctx = { client: APISERVER, causedBy: 7 };
    const results = [
      etcd.create('/registry/pods/default/web-1', '{}', ctx),
      etcd.get('/registry/pods/default/web-1', ctx),
      etcd.get('/registry/pods/default/nope', { client: APISERVER }),
      etcd.update('/registry/pods/default/web-1', '{"x":1}', ctx, 2),
      etcd.update('/registry/pods/default/web-1', '{"x":2}', ctx, 2),
      etcd.create('/registry/pods/default/web-1', '{}', ctx),
      etcd.update('/registry/pods/default/gone', '{}', ctx),
      etcd.range('/registry/pods/default/', ctx),
      etcd.range('/registry/pods/default/', ctx, { limit: 1, revision: 2 }),
      etcd.range('/registry/pods/', ctx, { countOnly: true }),
      etcd.delete('/registry/pods/default/web-1', ctx),
      etcd.compact(3, ctx),
    ];
    expect(results.map((r) => r.step)).toEqual(steps.map((s) => s.id));
    expect(steps.map(brief)).toEqual(
      [
        'PUT /registry/pods/default/web-1 (rev 2)',
        'GET /registry/pods/default/web-1',
        'GET /registry/pods/default/nope (not found)',
        'PUT /registry/pods/default/web-1 (rev 3)',
        'TXN failed: /registry/pods/default/web-1 mod_revision 3 != 2',
        'TXN failed: /registry/pods/default/web-1 already exists',
        'TXN failed: /registry/pods/default/gone not found',
        'RANGE /registry/pods/default/ (1 key)',
        'RANGE /registry/pods/default/ at rev 2 (1 key)',
        'RANGE /registry/pods/ (count 1)',
        'DELETE /registry/pods/default/web-1 (rev 4)',
        'COMPACT rev 3',
      ].map((summary, i) => ({
        from: APISERVER,
        to: 'control-plane/etcd',
        kind: 'storage',
        summary,
        causedBy: i === 2 ? null : 7,
      })),
    );
    expect(steps[0]?.detail).toMatchObject({
      op: 'PUT',
      key: '/registry/pods/default/web-1',
      revision: 2,
      modRevision: 2,
      version: 1,
    });
    expect(steps[4]?.detail).toMatchObject({
      op: 'TXN',
      succeeded: false,
      modRevision: 3,
      expectedModRevision: 2,
    });
    expect(JSON.parse(JSON.stringify(steps))).toEqual(steps);
  });

  it('records a step for a request that fails on a compacted revision and names it in the error', () => {
    const { etcd, steps } = setup();
    etcd.create('/k', '1', { client: APISERVER });
    etcd.update('/k', '2', { client: APISERVER });
    etcd.compact(3, { client: APISERVER });
    let caught: unknown = null;
    try {
      etcd.watch('/', 2, { client: 'node-1/kubelet', causedBy: 1 }, () => {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CompactedError);
    const last = steps.at(-1);
    expect((caught as CompactedError).step).toBe(last?.id);
    expect(last && brief(last)).toEqual({
      from: 'node-1/kubelet',
      to: 'control-plane/etcd',
      kind: 'storage',
      summary: 'WATCH / failed: mvcc: required revision has been compacted',
      causedBy: 1,
    });
  });

  it('records one watch step per delivered event, from etcd to the watcher, caused by the write', () => {
    const { etcd, steps, kernel } = setup({ id: 'cp/etcd' });
    const controller = 'control-plane/kube-controller-manager';
    etcd.create('/registry/pods/default/a', '1', { client: APISERVER });
    const watch = etcd.watch('/registry/pods/', 2, { client: controller, causedBy: 1 }, () => {});
    const put = etcd.update('/registry/pods/default/a', '2', { client: APISERVER });
    const del = etcd.delete('/registry/pods/default/a', { client: APISERVER });
    kernel.runUntilIdle();
    const watchSteps = steps.filter((s) => s.kind === 'watch');
    expect(watchSteps.map(brief)).toEqual([
      {
        from: 'cp/etcd',
        to: controller,
        kind: 'watch',
        summary: 'watch PUT /registry/pods/default/a (rev 2)',
        causedBy: watch.step,
      },
      {
        from: 'cp/etcd',
        to: controller,
        kind: 'watch',
        summary: 'watch PUT /registry/pods/default/a (rev 3)',
        causedBy: put.step,
      },
      {
        from: 'cp/etcd',
        to: controller,
        kind: 'watch',
        summary: 'watch DELETE /registry/pods/default/a (rev 4)',
        causedBy: del.step,
      },
    ]);
    expect(steps.find((s) => s.id === watch.step)?.summary).toBe(
      'WATCH /registry/pods/ from rev 2 (1 past event)',
    );
  });

  it('is deterministic: the same seed and inputs give the same trace and the same store', () => {
    const run = (seed: number) => {
      const { etcd, steps, kernel } = setup();
      const rng = new Kernel({ seed, epoch: 0 }).rng;
      const seen: string[] = [];
      etcd.watch('/k/', 0, { client: 'w' }, (events) => seen.push(events.map((e) => e.kv.key).join()));
      for (let i = 0; i < 300; i++) {
        const key = `/k/${rng.int(0, 20)}`;
        const ctx = { client: rng.pick(['a', 'b', 'c']) };
        const op = rng.int(0, 3);
        if (op === 0) etcd.create(key, String(i), ctx);
        else if (op === 1)
          etcd.update(
            key,
            String(i),
            ctx,
            rng.int(0, 1) === 0 ? undefined : etcd.get(key, ctx).kv?.modRevision,
          );
        else if (op === 2) etcd.delete(key, ctx);
        else etcd.range('/k/', ctx, { limit: rng.int(0, 5) });
        if (i % 50 === 49 && etcd.revision - 5 > etcd.compactRevision) etcd.compact(etcd.revision - 5, ctx);
        if (i % 7 === 0) kernel.runUntilIdle();
      }
      kernel.runUntilIdle();
      return JSON.stringify({ steps, seen, snapshot: etcd.snapshot() });
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
  });
});
