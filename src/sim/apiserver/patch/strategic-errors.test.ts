import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, PatchError } from './index';
import { DEPLOYMENT, POD } from './testdata';

const pod = {
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a'] },
  spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
};

/** Runs a patch that must fail and returns what it failed with. */
function failure(patch: string | object, original: unknown = pod, schema = POD) {
  const body = typeof patch === 'string' ? patch : JSON.stringify(patch);
  try {
    applyStrategicMergePatch(original, body, schema);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    return { status: e.status, message: e.message, ...(e.detail !== undefined && { detail: e.detail }) };
  }
  throw new Error('the patch applied');
}

const GENERIC_422 = 'the server rejected our request due to an error in our request';

describe('strategic merge errors (status and message as kube-apiserver answers)', () => {
  it.each([
    ['a truncated body', '{"spec":', 400, 'unexpected end of JSON input'],
    [
      'a trailing comma',
      '{"spec":{"replicas":3,}}',
      400,
      "invalid character '}' looking for beginning of object key string",
    ],
    [
      'a JSON patch sent as strategic',
      '[{"op":"add"}]',
      400,
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      'a list element without its merge key',
      { spec: { containers: [{ image: 'x' }] } },
      500,
      'map: map[image:x] does not contain declared merge key: name',
    ],
    [
      'a patch list out of $setElementOrder order',
      {
        spec: {
          '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
          containers: [{ name: 'c' }, { name: 'a' }],
        },
      },
      500,
      "The order in patch list:\n[map[name:c] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b] map[name:c]]\n",
    ],
    [
      '$deleteFromPrimitiveList without a field',
      { metadata: { $deleteFromPrimitiveList: ['a'] } },
      400,
      'invalid patch format of primitive list',
    ],
    [
      '$setElementOrder without a field',
      { metadata: { $setElementOrder: ['a'] } },
      400,
      'invalid patch format of setElementOrder list',
    ],
    [
      '$setElementOrder that is not a list',
      { spec: { '$setElementOrder/containers': 'a' } },
      500,
      'expected a []interface {}, but received a string',
    ],
    [
      '$patch: merge on a list element',
      { spec: { containers: [{ name: 'a', $patch: 'merge' }] } },
      500,
      'merging lists cannot yet be specified in the patch',
    ],
    [
      '$patch: merge on a map',
      { metadata: { labels: { $patch: 'merge', a: 'b' } } },
      500,
      'unknown patch type: merge in map: map[$patch:merge a:b]',
    ],
    [
      'an unknown $patch on a list element',
      { spec: { containers: [{ name: 'a', $patch: 'bogus' }] } },
      500,
      'unknown patch type: bogus in map: map[$patch:bogus name:a]',
    ],
    [
      'a $patch that is not a string',
      { metadata: { labels: { $patch: 1 } } },
      500,
      'unknown patch type: %!s(int64=1) in map: map[$patch:1]',
    ],
    [
      'list elements of different types',
      { metadata: { finalizers: [1] } },
      500,
      'list element types are not identical: [[a] [1]]',
    ],
  ] as const)('%s', (_, patch, status, message) => {
    expect(failure(patch)).toEqual({ status, message });
  });

  it.each([
    ['$retainKeys that is not a list', { spec: { strategy: { $retainKeys: 'type' } } }],
    [
      'a patched key missing from $retainKeys',
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } },
    ],
  ])('%s', (_, patch) => {
    const deployment = { spec: { strategy: { type: 'RollingUpdate' } } };
    expect(failure(patch, deployment, DEPLOYMENT)).toEqual({
      status: 400,
      message: 'invalid patch format of retainKeys',
    });
  });

  it('answers a list of lists with a generic 422 and keeps the cause in detail', () => {
    const original = { metadata: { finalizers: [] } };
    expect(failure({ metadata: { finalizers: [['a']] } }, original)).toEqual({
      status: 422,
      message: GENERIC_422,
      detail: 'lists of lists are not supported',
    });
  });

  it('builds the Status object the apiserver sends', () => {
    expect(PatchError.invalid('lists of lists are not supported').toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: GENERIC_422,
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(PatchError.badRequest('invalid patch format of retainKeys').toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'invalid patch format of retainKeys',
      reason: 'BadRequest',
      code: 400,
    });
    expect(PatchError.internal('map: map[] does not contain declared merge key: name').toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'map: map[] does not contain declared merge key: name',
      code: 500,
    });
  });
});
