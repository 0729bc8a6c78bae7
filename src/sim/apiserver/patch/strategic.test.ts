import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from './index';
import type { PatchSchema } from './index';
import { DEPLOYMENT, POD, SERVICE } from './testdata';

interface Case {
  readonly name: string;
  readonly schema?: PatchSchema;
  readonly original: unknown;
  readonly patch: unknown;
  readonly want: unknown;
}

const apply = (c: Case): unknown =>
  applyStrategicMergePatch(c.original, JSON.stringify(c.patch), 'schema' in c ? c.schema : POD);

const pod = (spec: object, metadata: object = { name: 'web' }) => ({ metadata, spec });
const containers = (...list: object[]) => pod({ containers: list });

const run = (cases: readonly Case[]) =>
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => expect(apply(c)).toEqual(c.want));

describe('strategic merge: lists merged by key', () => {
  run([
    {
      name: 'changes a field of the container with the same name',
      original: containers({ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }),
      patch: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      want: containers({ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }),
    },
    {
      name: 'puts a new container before the existing ones (no $setElementOrder)',
      original: containers({ name: 'web', image: 'nginx' }),
      patch: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } },
      want: containers({ name: 'sidecar', image: 'busybox' }, { name: 'web', image: 'nginx' }),
    },
    {
      name: 'merges env by name, keeping server-only entries in place',
      original: containers({
        name: 'web',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      }),
      patch: {
        spec: {
          containers: [
            {
              name: 'web',
              env: [
                { name: 'B', value: '3' },
                { name: 'C', value: '4' },
              ],
            },
          ],
        },
      },
      want: containers({
        name: 'web',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '3' },
          { name: 'C', value: '4' },
        ],
      }),
    },
    {
      name: 'merges container ports by containerPort',
      original: containers({ name: 'web', ports: [{ containerPort: 80, name: 'http' }] }),
      patch: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
      want: containers({ name: 'web', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }),
    },
    {
      name: 'merges Service ports by port',
      schema: SERVICE,
      original: { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } },
      patch: { spec: { ports: [{ port: 443, targetPort: 8443 }] } },
      want: {
        spec: {
          ports: [
            { port: 80, targetPort: 8080 },
            { port: 443, targetPort: 8443 },
          ],
        },
      },
    },
    {
      name: 'follows the order in the patch for the elements it lists',
      original: containers({ name: 'a' }, { name: 'b', image: 'x' }, { name: 'c' }),
      patch: {
        spec: {
          containers: [
            { name: 'c', image: 'z' },
            { name: 'a', image: 'y' },
          ],
        },
      },
      want: containers({ name: 'b', image: 'x' }, { name: 'c', image: 'z' }, { name: 'a', image: 'y' }),
    },
    {
      name: 'adds the list when the original has none, without nulls and directives',
      original: pod({}),
      patch: {
        spec: {
          containers: [
            { name: 'a', image: null },
            { name: 'b', $patch: 'delete' },
          ],
        },
      },
      want: containers({ name: 'a' }),
    },
  ]);
});

describe('strategic merge: $setElementOrder', () => {
  run([
    {
      name: 'reorders a list without changing its elements',
      original: containers({ name: 'a' }, { name: 'b' }, { name: 'c' }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } },
      want: containers({ name: 'c' }, { name: 'a' }, { name: 'b' }),
    },
    {
      name: 'places a new element where the order says',
      original: containers({ name: 'a' }, { name: 'b' }),
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'a' }, { name: 'x' }, { name: 'b' }],
          containers: [{ name: 'x', image: 'busybox' }],
        },
      },
      want: containers({ name: 'a' }, { name: 'x', image: 'busybox' }, { name: 'b' }),
    },
    {
      name: 'orders a primitive list',
      original: pod({}, { finalizers: ['a', 'b', 'c'] }),
      patch: { metadata: { '$setElementOrder/finalizers': ['c', 'b', 'a'] } },
      want: pod({}, { finalizers: ['c', 'b', 'a'] }),
    },
    {
      name: 'slots server-only elements in by the live order (kubectl apply)',
      original: containers({ name: 'a' }, { name: 'server' }, { name: 'b' }),
      patch: {
        spec: {
          '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
          containers: [{ name: 'b', image: 'x' }],
        },
      },
      // "server" was before "b" in the live list, so it stays before it.
      want: containers({ name: 'server' }, { name: 'b', image: 'x' }, { name: 'a' }),
    },
  ]);
});

describe('strategic merge: deleting and replacing list elements', () => {
  run([
    {
      name: '$patch: delete removes the element with that key',
      original: containers({ name: 'a' }, { name: 'b' }, { name: 'c' }),
      patch: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } },
      want: containers({ name: 'a' }, { name: 'c' }),
    },
    {
      name: '$patch: delete removes every duplicate',
      original: containers({ name: 'a', env: [{ name: 'X' }, { name: 'Y' }, { name: 'X' }] }),
      patch: { spec: { containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }] }] } },
      want: containers({ name: 'a', env: [{ name: 'Y' }] }),
    },
    {
      name: '$patch: replace in a list replaces the whole list',
      original: containers({ name: 'a', image: 'x' }, { name: 'b' }),
      patch: { spec: { containers: [{ name: 'c', image: 'y' }, { $patch: 'replace' }] } },
      want: containers({ name: 'c', image: 'y' }),
    },
    {
      name: 'a list without merge strategy is replaced (args)',
      original: containers({ name: 'a', args: ['--x', '--y'] }),
      patch: { spec: { containers: [{ name: 'a', args: ['--z'] }] } },
      want: containers({ name: 'a', args: ['--z'] }),
    },
    {
      name: 'a list of objects without merge strategy is replaced (tolerations)',
      original: pod({ tolerations: [{ key: 'a' }, { key: 'b' }] }),
      patch: { spec: { tolerations: [{ key: 'c' }] } },
      want: pod({ tolerations: [{ key: 'c' }] }),
    },
  ]);
});

describe('strategic merge: primitive lists', () => {
  run([
    {
      name: 'a merge list of strings is a set: union, without duplicates',
      original: pod({}, { finalizers: ['a', 'b'] }),
      patch: { metadata: { finalizers: ['b', 'c'] } },
      want: pod({}, { finalizers: ['a', 'b', 'c'] }),
    },
    {
      name: '$deleteFromPrimitiveList removes values',
      original: pod({}, { finalizers: ['a', 'b', 'c'] }),
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'zzz'] } },
      want: pod({}, { finalizers: ['a', 'c'] }),
    },
    {
      name: '$deleteFromPrimitiveList on a missing list adds nothing',
      original: pod({}, { name: 'x' }),
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
      want: pod({}, { name: 'x' }),
    },
    {
      name: '$deleteFromPrimitiveList also works on a list that is not merged',
      original: containers({ name: 'a', args: ['x', 'y', 'z'] }),
      patch: { spec: { containers: [{ name: 'a', '$deleteFromPrimitiveList/args': ['y'] }] } },
      want: containers({ name: 'a', args: ['x', 'z'] }),
    },
  ]);
});

describe('strategic merge: maps and nulls', () => {
  run([
    {
      name: 'merges nested maps and deletes keys set to null',
      original: pod({ nodeSelector: { disk: 'ssd' } }, { labels: { app: 'web', tier: 'front' } }),
      patch: { metadata: { labels: { tier: null, version: 'v2' } }, spec: { nodeSelector: { zone: 'a' } } },
      want: pod({ nodeSelector: { disk: 'ssd', zone: 'a' } }, { labels: { app: 'web', version: 'v2' } }),
    },
    {
      name: 'null deletes a whole field',
      original: pod({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' }),
      patch: { spec: { dnsPolicy: null, hostname: null } },
      want: pod({ restartPolicy: 'Always' }),
    },
    {
      name: 'nulls inside a new map are dropped',
      original: pod({}),
      patch: { metadata: { annotations: { a: '1', b: null } } },
      want: pod({}, { name: 'web', annotations: { a: '1' } }),
    },
    {
      name: '$patch: replace on a map replaces it',
      original: pod({}, { labels: { a: '1', b: '2' } }),
      patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
      want: pod({}, { labels: { c: '3' } }),
    },
    {
      name: '$patch: delete on a map empties it',
      original: pod({}, { labels: { a: '1' }, name: 'x' }),
      patch: { metadata: { labels: { $patch: 'delete' } } },
      want: pod({}, { labels: {}, name: 'x' }),
    },
    {
      name: 'a value of another type replaces the old one',
      original: pod({ containers: 'oops' }),
      patch: { spec: { containers: [{ name: 'a' }] } },
      want: containers({ name: 'a' }),
    },
  ]);
});

describe('strategic merge: retainKeys', () => {
  run([
    {
      name: 'switching a Deployment to Recreate clears rollingUpdate',
      schema: DEPLOYMENT,
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    {
      name: 'a volume keeps only the retained keys (kubectl apply changing its source)',
      original: pod({
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'other', emptyDir: {} },
        ],
      }),
      patch: {
        spec: { volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' } }] },
      },
      want: pod({
        volumes: [
          { name: 'data', configMap: { name: 'cfg' } },
          { name: 'other', emptyDir: {} },
        ],
      }),
    },
    {
      name: 'without the directive a retainKeys field merges as usual',
      schema: DEPLOYMENT,
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      patch: { spec: { strategy: { rollingUpdate: { maxUnavailable: 0 } } } },
      want: {
        spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
      },
    },
  ]);
});

describe('strategic merge: without a schema', () => {
  run([
    {
      name: 'behaves as a JSON merge patch: lists replaced, nulls delete, directives are data',
      schema: undefined,
      original: { spec: { items: [{ name: 'a', v: 1 }], drop: 1, keep: { x: 1 } } },
      patch: { spec: { items: [{ name: 'b' }], drop: null, keep: { y: 2 }, $patch: 'merge' } },
      want: { spec: { items: [{ name: 'b' }], keep: { x: 1, y: 2 }, $patch: 'merge' } },
    },
    {
      name: 'a field the schema does not know merges like a merge patch too',
      original: pod({ unknownList: [{ name: 'a', v: 1 }] }),
      patch: { spec: { unknownList: [{ name: 'a', w: 2 }] } },
      want: pod({ unknownList: [{ name: 'a', w: 2 }] }),
    },
  ]);
});

describe('strategic merge: inputs', () => {
  it('never mutates the original and returns a new object', () => {
    const original = containers({ name: 'a', env: [{ name: 'X', value: '1' }] });
    const snapshot = structuredClone(original);
    const patch = { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '2' }] }] } };
    const result = applyStrategicMergePatch(original, JSON.stringify(patch), POD);
    expect(original).toEqual(snapshot);
    expect(result).not.toBe(original);
    expect(result).toEqual(containers({ name: 'a', env: [{ name: 'X', value: '2' }] }));
  });

  it('treats a null body as an empty patch, as the apiserver does', () => {
    expect(applyStrategicMergePatch({ a: 1 }, 'null', POD)).toEqual({ a: 1 });
  });

  it('keeps a __proto__ key as plain data', () => {
    const result = applyStrategicMergePatch({}, '{"metadata":{"labels":{"__proto__":"x"}}}', POD);
    expect(Object.keys((result as { metadata: { labels: object } }).metadata.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
