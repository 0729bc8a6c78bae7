import { describe, expect, it } from 'vitest';
import { parseApiRequest } from './api-path';

describe('parseApiRequest', () => {
  it.each([
    ['GET /api/v1/namespaces', { verb: 'list', resource: 'namespaces', namespace: null, name: null }],
    [
      'DELETE /api/v1/namespaces/temp',
      { verb: 'delete', resource: 'namespaces', namespace: null, name: 'temp' },
    ],
    [
      'PUT /api/v1/namespaces/temp/finalize',
      { verb: 'update', resource: 'namespaces', name: 'temp', subresource: 'finalize' },
    ],
    [
      'PATCH /api/v1/nodes/node-2/status?fieldManager=kubelet',
      {
        verb: 'patch',
        resource: 'nodes',
        name: 'node-2',
        subresource: 'status',
        query: 'fieldManager=kubelet',
      },
    ],
    [
      'DELETE /api/v1/namespaces/default/pods',
      { verb: 'deletecollection', resource: 'pods', namespace: 'default' },
    ],
    ['GET /apis/apps/v1', { verb: 'discover', groupVersion: 'apps/v1' }],
  ])('%s', (line, expected) => {
    expect(parseApiRequest(line)).toMatchObject(expected);
  });
});
