import { describe, expect, it } from 'vitest';
import type { PatchSchema } from '../../sim/apiserver/patch';
import { createMergePatch, threeWayMergePatch } from './mergepatch';
import { threeWayStrategicPatch } from './strategic';

/** A schema node: fields by name, list items, and patch metadata. */
function node(
  fields: Record<string, PatchSchema> = {},
  meta: { patchStrategy?: string; patchMergeKey?: string; items?: PatchSchema } = {},
): PatchSchema {
  return {
    property: (name) => fields[name],
    items: () => meta.items,
    ...(meta.patchStrategy === undefined ? {} : { patchStrategy: meta.patchStrategy }),
    ...(meta.patchMergeKey === undefined ? {} : { patchMergeKey: meta.patchMergeKey }),
  };
}

/** A Deployment-like schema: containers merge by name, finalizers as a set of scalars. */
const container = node({ env: node({}, { patchStrategy: 'merge', patchMergeKey: 'name', items: node() }) });
const SCHEMA = node({
  metadata: node({ finalizers: node({}, { patchStrategy: 'merge' }) }),
  spec: node({
    containers: node({}, { patchStrategy: 'merge', patchMergeKey: 'name', items: container }),
    strategy: node({}, { patchStrategy: 'retainKeys' }),
  }),
});

describe('threeWayStrategicPatch', () => {
  it('is empty when the configuration matches the live object', () => {
    const applied = { spec: { replicas: 1, containers: [{ name: 'a', image: 'x' }] } };
    const live = {
      spec: { replicas: 1, containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Always' }] },
      status: {},
    };
    expect(threeWayStrategicPatch(applied, applied, live, SCHEMA)).toEqual({});
  });

  it('changes scalars and merges list items by key, with the order directive', () => {
    const original = { spec: { replicas: 1, containers: [{ name: 'a', image: 'x' }] } };
    const modified = { spec: { replicas: 2, containers: [{ name: 'a', image: 'y' }] } };
    expect(threeWayStrategicPatch(original, modified, original, SCHEMA)).toEqual({
      spec: {
        replicas: 2,
        containers: [{ name: 'a', image: 'y' }],
        '$setElementOrder/containers': [{ name: 'a' }],
      },
    });
  });

  it('deletes what the last applied configuration had and the new one drops', () => {
    const original = { spec: { paused: true, containers: [{ name: 'a' }, { name: 'b' }] } };
    const modified = { spec: { containers: [{ name: 'a' }] } };
    const live = { spec: { paused: true, containers: [{ name: 'a' }, { name: 'b' }], replicas: 3 } };
    expect(threeWayStrategicPatch(original, modified, live, SCHEMA)).toEqual({
      spec: {
        paused: null,
        containers: [{ $patch: 'delete', name: 'b' }],
        '$setElementOrder/containers': [{ name: 'a' }],
      },
    });
  });

  it('leaves fields other managers set (not in the last applied configuration)', () => {
    const applied = { metadata: { name: 'web' } };
    const live = { metadata: { name: 'web', labels: { team: 'a' } } };
    expect(threeWayStrategicPatch(applied, applied, live, SCHEMA)).toEqual({});
  });

  it('uses a parallel list to delete scalars from merging lists', () => {
    const original = { metadata: { finalizers: ['a', 'b'] } };
    const modified = { metadata: { finalizers: ['a'] } };
    expect(threeWayStrategicPatch(original, modified, original, SCHEMA)).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] },
    });
  });

  it('lists the kept keys of retainKeys fields', () => {
    const original = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const modified = { spec: { strategy: { type: 'Recreate' } } };
    expect(threeWayStrategicPatch(original, modified, original, SCHEMA)).toEqual({
      spec: { strategy: { type: 'Recreate', rollingUpdate: null, $retainKeys: ['type'] } },
    });
  });

  it('replaces lists without a merge strategy', () => {
    const original = { spec: { args: ['a', 'b'] } };
    const modified = { spec: { args: ['b'] } };
    expect(threeWayStrategicPatch(original, modified, original, SCHEMA)).toEqual({ spec: { args: ['b'] } });
  });
});

describe('JSON merge patches', () => {
  it('changes from the live object and deletes from the last applied configuration', () => {
    const original = { spec: { a: 1, b: 2 } };
    const modified = { spec: { a: 3 } };
    const live = { spec: { a: 1, b: 2, c: 4 } };
    expect(threeWayMergePatch(original, modified, live)).toEqual({ spec: { a: 3, b: null } });
    expect(threeWayMergePatch(modified, modified, live)).toEqual({ spec: { a: 3 } });
  });

  it('creates two-way patches', () => {
    expect(createMergePatch({ metadata: { labels: { a: 'b' } } }, { metadata: { labels: {} } })).toEqual({
      metadata: { labels: { a: null } },
    });
  });
});
