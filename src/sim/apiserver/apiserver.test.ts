import { describe, expect, it } from 'vitest';
import { testClient } from './testing';

const cm = (name: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { a: '1' },
});
const CMS = '/api/v1/namespaces/default/configmaps';

describe('kube-apiserver REST semantics', () => {
  it('create stamps server-owned metadata; resourceVersion is the etcd revision', () => {
    const c = testClient();
    const created = c.call('POST', CMS, cm('one'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({
      name: 'one',
      namespace: 'default',
      creationTimestamp: '2025-01-01T00:00:00Z',
    });
    expect(Number(created.body.metadata.resourceVersion)).toBe(c.cluster.etcd.revision);
    const key = '/registry/configmaps/default/one';
    expect(c.cluster.etcd.get(key, { client: 'test' }).kv?.modRevision).toBe(
      Number(created.body.metadata.resourceVersion),
    );
  });

  it('generateName makes a unique name with a 5-character suffix', () => {
    const c = testClient();
    const a = c.call('POST', CMS, { ...cm(''), metadata: { generateName: 'job-' } });
    const b = c.call('POST', CMS, { ...cm(''), metadata: { generateName: 'job-' } });
    expect(a.body.metadata.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(b.body.metadata.name).not.toBe(a.body.metadata.name);
  });

  it('dryRun=All validates and answers without storing', () => {
    const c = testClient();
    const r = c.call('POST', `${CMS}?dryRun=All`, cm('dry'));
    expect(r.status).toBe(201);
    expect(c.call('GET', `${CMS}/dry`).status).toBe(404);
  });

  it('list pages with limit and continue at one consistent revision', () => {
    const c = testClient();
    for (const n of ['a', 'b', 'c', 'd', 'e']) c.call('POST', CMS, cm(n));
    const first = c.call('GET', `${CMS}?limit=2`);
    expect(first.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a', 'b']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    c.call('POST', CMS, cm('f'));
    const second = c.call(
      'GET',
      `${CMS}?limit=10&continue=${encodeURIComponent(first.body.metadata.continue)}`,
    );
    expect(second.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'c',
      'd',
      'e',
    ]);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });

  it('an update with a stale resourceVersion is a 409 Conflict', () => {
    const c = testClient();
    const created = c.call('POST', CMS, cm('x')).body;
    c.call('PUT', `${CMS}/x`, { ...created, data: { a: '2' } });
    const stale = c.call('PUT', `${CMS}/x`, { ...created, data: { a: '3' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('a stale update is a Conflict before it is validated', () => {
    const c = testClient();
    const created = c.call('POST', CMS, { ...cm('frozen'), immutable: true }).body;
    c.call(
      'PATCH',
      `${CMS}/frozen`,
      { metadata: { labels: { a: 'b' } } },
      { 'content-type': 'application/merge-patch+json' },
    );
    // Changing data of an immutable ConfigMap is invalid, but the copy is stale: 409 first.
    const stale = c.call('PUT', `${CMS}/frozen`, { ...created, data: { a: 'changed' } });
    expect(stale.status).toBe(409);
    const fresh = c.call('GET', `${CMS}/frozen`).body;
    expect(c.call('PUT', `${CMS}/frozen`, { ...fresh, data: { a: 'changed' } }).status).toBe(422);
  });

  it('finalizers hold a deletion until the last one is removed', () => {
    const c = testClient();
    c.call('POST', CMS, cm('held', { finalizers: ['example.com/cleanup'] }));
    const del = c.call('DELETE', `${CMS}/held`);
    expect(del.status).toBe(202);
    expect(del.body.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(c.call('GET', `${CMS}/held`).status).toBe(200);
    const patched = c.call(
      'PATCH',
      `${CMS}/held`,
      { metadata: { finalizers: null } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(patched.status).toBe(200);
    expect(c.call('GET', `${CMS}/held`).status).toBe(404);
  });

  it.each([
    ['Foreground', 'foregroundDeletion'],
    ['Orphan', 'orphan'],
  ])('propagationPolicy=%s adds the %s finalizer for the garbage collector', (policy, finalizer) => {
    const c = testClient();
    c.call('POST', CMS, cm('owner'));
    const del = c.call('DELETE', `${CMS}/owner`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: policy,
    });
    expect(del.status).toBe(202);
    expect(del.body.metadata.finalizers).toEqual([finalizer]);
  });

  it('a scheduled pod is deleted gracefully; binding twice is a conflict', () => {
    const c = testClient();
    const PODS = '/api/v1/namespaces/default/pods';
    c.call('POST', PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    const bound = c.call('POST', `${PODS}/p/binding`, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p' },
      target: { kind: 'Node', name: 'node-1' },
    });
    expect(bound.status).toBe(201);
    const again = c.call('POST', `${PODS}/p/binding`, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p' },
      target: { kind: 'Node', name: 'node-2' },
    });
    expect(again.body).toMatchObject({
      code: 409,
      message:
        'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"',
    });
    const del = c.call('DELETE', `${PODS}/p`);
    expect(del.status).toBe(202);
    expect(del.body.metadata).toMatchObject({
      deletionGracePeriodSeconds: 30,
      deletionTimestamp: '2025-01-01T00:00:30Z',
    });
  });

  it('eviction is refused with 429 while a PodDisruptionBudget allows no disruption', () => {
    const c = testClient();
    const PODS = '/api/v1/namespaces/default/pods';
    c.call('POST', PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'db' } },
      spec: { containers: [{ name: 'c', image: 'postgres' }] },
    });
    const pod = c.call('GET', `${PODS}/p`).body;
    c.call('PUT', `${PODS}/p/status`, { ...pod, status: { ...pod.status, phase: 'Running' } });
    const pdb = c.call('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'db' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } },
    });
    expect(pdb.status).toBe(201);
    const evicted = c.call('POST', `${PODS}/p/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'p' },
    });
    expect(evicted.status).toBe(429);
    expect(evicted.body).toMatchObject({
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
    });
    expect(c.call('GET', `${PODS}/p`).status).toBe(200);
  });

  it('kubectl get asks for a Table and gets the real columns', () => {
    const c = testClient();
    c.call('POST', CMS, cm('t'));
    const r = c.call('GET', CMS, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(r.body.kind).toBe('Table');
    expect(r.body.columnDefinitions.map((col: { name: string }) => col.name)).toEqual([
      'Name',
      'Data',
      'Age',
    ]);
    expect(r.body.rows[0].cells).toEqual(['t', 1, '0s']);
  });

  it('a malformed YAML body is a 400 and creates nothing', () => {
    const c = testClient();
    const r = c.call('POST', CMS, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n', {
      'content-type': 'application/yaml',
    });
    expect(r.status).toBe(400);
    expect(r.body.reason).toBe('BadRequest');
    expect(r.body.message).toMatch(/^error converting YAML to JSON: /);
    expect(c.call('GET', CMS).body.items).toEqual([]);
  });

  it('a namespace name that is not a DNS label is Invalid', () => {
    const c = testClient();
    const r = c.call('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'Team.A' },
    });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      `Namespace "Team.A" is invalid: metadata.name: Invalid value: "Team.A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('an unknown resource path is 404 with the generic message', () => {
    const c = testClient();
    expect(c.call('GET', '/api/v1/widgets').body).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
  });

  it('verbs a resource does not serve are 405', () => {
    const c = testClient();
    const r = c.call('DELETE', '/api/v1/componentstatuses/etcd-0');
    expect(r.status).toBe(405);
    expect(r.body.reason).toBe('MethodNotAllowed');
  });
});

describe('watch', () => {
  it('starts with the current objects, then streams changes in order', () => {
    const c = testClient();
    c.call('POST', CMS, cm('old'));
    const w = c.watch(`${CMS}?watch=true`);
    c.call('POST', CMS, cm('new'));
    c.call('DELETE', `${CMS}/old`);
    c.cluster.kernel.runUntil(1000);
    expect(w.events.map((e) => `${e.type} ${(e.object.metadata as { name?: string }).name}`)).toEqual([
      'ADDED old',
      'ADDED new',
      'DELETED old',
    ]);
  });

  it('with a label selector, objects leaving the selection are DELETED for the watcher', () => {
    const c = testClient();
    const w = c.watch(`${CMS}?watch=true&labelSelector=tier%3Dfront`);
    const created = c.call('POST', CMS, cm('x', { labels: { tier: 'front' } })).body;
    c.call('PUT', `${CMS}/x`, { ...created, metadata: { ...created.metadata, labels: { tier: 'back' } } });
    c.cluster.kernel.runUntil(1000);
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('gives every watcher its own copy of a changed object, whatever the others do with theirs', () => {
    const c = testClient();
    const all = c.watch(`${CMS}?watch=true`);
    const front = c.watch(`${CMS}?watch=true&labelSelector=tier%3Dfront`);
    const back = c.watch(`${CMS}?watch=true&labelSelector=tier%3Dback`);
    c.call('POST', CMS, cm('x', { labels: { tier: 'front' } }));
    c.cluster.kernel.runUntil(1000);
    const [mine, theirs] = [all.events[0]?.object, front.events[0]?.object];
    expect(mine).toEqual(theirs);
    expect(mine).not.toBe(theirs);
    (mine?.metadata as { labels: Record<string, string> }).labels.tier = 'back';
    expect((theirs?.metadata as { labels: Record<string, string> }).labels.tier).toBe('front');
    expect(back.events).toEqual([]);
  });

  it('a watch from a compacted revision gets 410 Expired', () => {
    const c = testClient();
    const first = c.call('POST', CMS, cm('a')).body.metadata.resourceVersion as string;
    c.call('POST', CMS, cm('b'));
    c.call('POST', CMS, cm('c'));
    c.cluster.etcd.compact(c.cluster.etcd.revision, { client: 'test' });
    const w = c.watch(`${CMS}?watch=true&resourceVersion=${first}`);
    c.cluster.kernel.runUntil(1000);
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({
      type: 'ERROR',
      object: {
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: `too old resource version: ${first} (${c.cluster.etcd.compactRevision})`,
      },
    });
    expect(w.ended()).toBe(true);
  });

  it('sends bookmarks when asked and ends at timeoutSeconds', () => {
    const c = testClient();
    const w = c.watch(`${CMS}?watch=true&allowWatchBookmarks=true&timeoutSeconds=150`);
    c.cluster.kernel.runUntil(140_000);
    expect(w.events.filter((e) => e.type === 'BOOKMARK')).toHaveLength(2);
    expect(w.ended()).toBe(false);
    c.cluster.kernel.runUntil(151_000);
    expect(w.ended()).toBe(true);
  });
});
