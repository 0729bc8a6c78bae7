/**
 * Built-in patch metadata without OpenAPI schemas: the table's lookups, and strategic merge
 * patches through an apiserver that was given no schemas (the browser worker's and unit
 * tests' setup), which must merge lists by key as kube-apiserver does.
 */
import { describe, expect, it } from 'vitest';
import { testClient } from '../testing';
import { builtinPatchSchema, type PatchMetaTable } from './builtin';

const SMP = { 'content-type': 'application/strategic-merge-patch+json' };
const PODS = '/api/v1/namespaces/default/pods';

describe('the built-in patch metadata table', () => {
  it('walks from a kind to its lists and their merge keys', () => {
    const pod = builtinPatchSchema('', 'v1', 'Pod');
    const containers = pod?.property('spec')?.property('containers');
    expect([containers?.patchStrategy, containers?.patchMergeKey]).toEqual(['merge', 'name']);
    const env = containers?.items()?.property('env');
    expect([env?.patchStrategy, env?.patchMergeKey]).toEqual(['merge', 'name']);
    const volumes = pod?.property('spec')?.property('volumes');
    expect([volumes?.patchStrategy, volumes?.patchMergeKey]).toEqual(['merge,retainKeys', 'name']);
    const node = builtinPatchSchema('', 'v1', 'Node')?.property('status')?.property('conditions');
    expect([node?.patchStrategy, node?.patchMergeKey]).toEqual(['merge', 'type']);
    const strategy = builtinPatchSchema('apps', 'v1', 'Deployment')?.property('spec')?.property('strategy');
    expect(strategy?.patchStrategy).toBe('retainKeys');
    expect(builtinPatchSchema('', 'v1', 'Pod')).toBe(pod);
  });

  it('knows a built-in kind with no patch tags of its own, but no custom or aggregated kinds', () => {
    const configMap = builtinPatchSchema('', 'v1', 'ConfigMap');
    expect(configMap).toBeDefined();
    expect(configMap?.property('data')).toBeUndefined();
    expect(configMap?.property('metadata')?.property('ownerReferences')?.patchMergeKey).toBe('uid');
    expect(builtinPatchSchema('stable.example.com', 'v1', 'CronTab')).toBeUndefined();
    // Their Go types are not among the fetched sources: JSON merge, as before.
    expect(builtinPatchSchema('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition')).toBeUndefined();
    expect(builtinPatchSchema('apiregistration.k8s.io', 'v1', 'APIService')).toBeUndefined();
  });

  it('reads list and map types from a given table', () => {
    const table: PatchMetaTable = {
      kinds: { 'x/v1/K': 'K' },
      types: { K: { byName: ['{}V'], items: ['[]V', 'merge', 'id'] }, V: { tags: ['', 'merge'] } },
    };
    const kind = builtinPatchSchema('x', 'v1', 'K', table);
    expect(kind?.property('byName')?.property('anything')?.property('tags')?.patchStrategy).toBe('merge');
    expect(kind?.property('items')?.items()?.property('tags')?.patchStrategy).toBe('merge');
    expect(kind?.property('items')?.property('tags')).toBeUndefined();
    expect(kind?.property('byName')?.items()).toBeUndefined();
    expect(kind?.property('missing')).toBeUndefined();
  });
});

describe('strategic merge patch through an apiserver without OpenAPI schemas', () => {
  it('merges pod spec.containers by name', () => {
    const c = testClient();
    const created = c.call('POST', PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', finalizers: ['a/one'] },
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1.27' },
          { name: 'sidecar', image: 'busybox:1.36' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const patch = {
      metadata: { finalizers: ['a/two'] },
      spec: { containers: [{ name: 'sidecar', image: 'busybox:1.37' }] },
    };
    const patched = c.call('PATCH', `${PODS}/p`, patch, SMP);
    expect(patched.status).toBe(200);
    expect(patched.body.spec.containers).toMatchObject([
      { name: 'app', image: 'nginx:1.27' },
      { name: 'sidecar', image: 'busybox:1.37' },
    ]);
    expect([...patched.body.metadata.finalizers].sort()).toEqual(['a/one', 'a/two']);
    // A JSON merge patch replaces the list, dropping a container: pod updates may not do that.
    const merge = c.call('PATCH', `${PODS}/p`, patch, { 'content-type': 'application/merge-patch+json' });
    expect(merge.body).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('merges node status.conditions by type', () => {
    const c = testClient();
    const condition = (type: string, status: string) => ({
      type,
      status,
      lastHeartbeatTime: '2025-01-01T00:00:00Z',
      lastTransitionTime: '2025-01-01T00:00:00Z',
      reason: type,
    });
    c.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    const status = {
      status: { conditions: [condition('Ready', 'True'), condition('MemoryPressure', 'False')] },
    };
    expect(c.call('PATCH', '/api/v1/nodes/n1/status', status, SMP).status).toBe(200);
    const patched = c.call(
      'PATCH',
      '/api/v1/nodes/n1/status',
      { status: { conditions: [condition('NetworkUnavailable', 'False'), condition('Ready', 'False')] } },
      SMP,
    );
    expect(patched.status).toBe(200);
    // Patched entries in the patch's order, then the rest where they were (upstream's order).
    expect(patched.body.status.conditions).toMatchObject([
      { type: 'NetworkUnavailable', status: 'False' },
      { type: 'Ready', status: 'False' },
      { type: 'MemoryPressure', status: 'False' },
    ]);
  });
});
