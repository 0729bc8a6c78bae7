import { describe, expect, it } from 'vitest';
import { parsePath } from './route';

const describeRoute = (path: string) => {
  const r = parsePath(path);
  return r.type === 'resource'
    ? {
        plural: r.resource.plural,
        group: r.resource.group,
        namespace: r.namespace,
        name: r.name,
        sub: r.subresource,
        watch: r.watchPath,
      }
    : r;
};

describe('parsePath', () => {
  it.each([
    ['/version', { type: 'version' }],
    ['/api', { type: 'api' }],
    ['/apis', { type: 'apis' }],
    ['/apis/apps', { type: 'group', group: 'apps' }],
    ['/api/v1', { type: 'resourceList', group: '', version: 'v1' }],
    ['/apis/apps/v1', { type: 'resourceList', group: 'apps', version: 'v1' }],
    ['/openapi/v3/apis/apps/v1', { type: 'openapi', path: '/openapi/v3/apis/apps/v1' }],
    ['/api/v1/pods', { plural: 'pods', group: '', namespace: null, name: null, sub: null, watch: false }],
    [
      '/api/v1/namespaces/default/pods',
      { plural: 'pods', group: '', namespace: 'default', name: null, sub: null, watch: false },
    ],
    [
      '/api/v1/namespaces/default/pods/web/log',
      { plural: 'pods', group: '', namespace: 'default', name: 'web', sub: 'log', watch: false },
    ],
    [
      '/api/v1/namespaces/default/pods/a%20b',
      { plural: 'pods', group: '', namespace: 'default', name: 'a b', sub: null, watch: false },
    ],
    [
      '/api/v1/namespaces/default/pods/100%',
      { plural: 'pods', group: '', namespace: 'default', name: '100%', sub: null, watch: false },
    ],
    [
      '/api/v1/namespaces',
      { plural: 'namespaces', group: '', namespace: null, name: null, sub: null, watch: false },
    ],
    [
      '/api/v1/namespaces/dev',
      { plural: 'namespaces', group: '', namespace: null, name: 'dev', sub: null, watch: false },
    ],
    [
      '/api/v1/namespaces/dev/finalize',
      { plural: 'namespaces', group: '', namespace: null, name: 'dev', sub: 'finalize', watch: false },
    ],
    [
      '/api/v1/nodes/node-1/status',
      { plural: 'nodes', group: '', namespace: null, name: 'node-1', sub: 'status', watch: false },
    ],
    [
      '/apis/apps/v1/namespaces/default/deployments/web/scale',
      { plural: 'deployments', group: 'apps', namespace: 'default', name: 'web', sub: 'scale', watch: false },
    ],
    [
      '/api/v1/watch/namespaces/default/pods',
      { plural: 'pods', group: '', namespace: 'default', name: null, sub: null, watch: true },
    ],
  ])('%s', (path, expected) => {
    expect(describeRoute(path)).toEqual(expected);
  });

  it.each([
    ['/healthz', false],
    ['/apis/nope', true],
    ['/apis/apps/v2', true],
    ['/api/v1/widgets', true],
    ['/api/v1/namespaces/default/pods/web/bogus', true],
    ['/api/v1/pods/web', true],
    ['/api/v1/namespaces/default/pods/web/log/extra', true],
  ])('%s is not found', (path, apiPath) => {
    expect(parsePath(path)).toEqual({ type: 'notFound', apiPath });
  });
});
