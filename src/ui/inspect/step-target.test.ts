import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { objectLabel, objectOfPath, stepTargets } from './step-target';

const step = (kind: TraceStep['kind'], detail: TraceStep['detail']): TraceStep => ({
  id: 1,
  time: 0,
  from: 'a',
  to: 'b',
  kind,
  summary: '',
  detail,
  causedBy: null,
});

describe('what a step names', () => {
  it('finds the object in an API path, with its group, namespace and name', () => {
    expect(objectOfPath('/apis/apps/v1/namespaces/default/deployments/web/status')).toEqual({
      kind: 'object',
      resource: 'deployments.apps',
      namespace: 'default',
      name: 'web',
    });
    expect(objectOfPath('/api/v1/namespaces/default/pods/web-1?timeout=5s')).toMatchObject({
      resource: 'pods',
      name: 'web-1',
    });
    expect(objectOfPath('/api/v1/nodes/node-1/status')).toEqual({
      kind: 'object',
      resource: 'nodes',
      namespace: null,
      name: 'node-1',
    });
    expect(objectOfPath('/api/v1/namespaces/kube-system')).toMatchObject({
      resource: 'namespaces',
      name: 'kube-system',
    });
  });

  it('finds none in a collection or discovery path', () => {
    for (const path of [
      '/api/v1/namespaces/default/pods',
      '/api/v1/namespaces',
      '/apis/apps/v1',
      '/api',
      '/openapi/v3',
    ])
      expect(objectOfPath(path)).toBeNull();
  });

  it('offers the object of a request and the etcd key of a storage call or etcd watch event', () => {
    const request = stepTargets(
      step('request', { method: 'GET', path: '/api/v1/namespaces/default/pods/web' }),
    );
    expect(request.object && objectLabel(request.object)).toBe('pods/web');
    expect(request.etcd).toBeNull();
    expect(stepTargets(step('storage', { op: 'PUT', key: '/registry/pods/default/web' }))).toEqual({
      object: null,
      etcd: { kind: 'etcd', key: '/registry/pods/default/web' },
    });
    expect(stepTargets(step('storage', { op: 'RANGE', prefix: '/registry/pods/' }))).toEqual({
      object: null,
      etcd: null,
    });
    expect(stepTargets(step('decision', null))).toEqual({ object: null, etcd: null });
  });
});
