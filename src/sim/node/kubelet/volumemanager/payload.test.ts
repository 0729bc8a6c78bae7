import type { Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../kernel/kernel';
import { Filesystem, dirNode } from '../../cri/fs';
import type { PodObject } from '../context';
import { ObjectNotFound, type ObjectSource } from '../objects';
import { writePayload, type Payload } from './atomic-writer';
import { makePayload, type PayloadSources } from './payload';

const objects: ObjectSource = {
  configMap(_ns, name) {
    if (name !== 'cfg') throw new ObjectNotFound(`configmap "${name}" not found`);
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1', b: '2' } };
  },
  secret(_ns, name) {
    if (name !== 'creds') throw new ObjectNotFound(`secret "${name}" not found`);
    return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, data: { user: 'YWRtaW4=' } };
  },
};

const sources: PayloadSources = {
  objects,
  placement: { podIPs: [], hostIP: '172.18.0.3', allocatable: { cpu: '2', memory: '8Gi' } },
  token: (audience, seconds) => `token(${audience ?? 'default'},${seconds})`,
};

const pod: PodObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', resources: { limits: { memory: '64Mi' } } }] },
};

const files = (volume: Omit<Volume, 'name'>) =>
  Object.fromEntries(
    [...makePayload(pod, { name: 'v', ...volume }, sources, null)].map(([k, f]) => [
      k,
      [f.content, f.mode.toString(8)],
    ]),
  );

describe('volume payloads', () => {
  it.each<[string, Omit<Volume, 'name'>, Record<string, [string, string]>]>([
    ['all configMap keys', { configMap: { name: 'cfg' } }, { a: ['1', '644'], b: ['2', '644'] }],
    [
      'configMap items with their own paths and modes',
      {
        configMap: {
          name: 'cfg',
          defaultMode: 0o600,
          items: [
            { key: 'a', path: 'dir/a.txt', mode: 0o400 },
            { key: 'b', path: 'b' },
          ],
        },
      },
      { 'dir/a.txt': ['1', '400'], b: ['2', '600'] },
    ],
    ['an optional missing configMap', { configMap: { name: 'nope', optional: true } }, {}],
    ['secret data decoded', { secret: { secretName: 'creds' } }, { user: ['admin', '644'] }],
    [
      'downwardAPI labels and limits',
      {
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            {
              path: 'mem',
              resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' },
            },
          ],
        },
      },
      { labels: ['app="web"', '644'], mem: ['64', '644'] },
    ],
    [
      'projected sources together',
      {
        projected: {
          defaultMode: 0o440,
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'cfg', items: [{ key: 'a', path: 'a' }] } },
            { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
      { token: ['token(default,3607)', '440'], a: ['1', '440'], ns: ['default', '440'] },
    ],
  ])('%s', (_what, volume, expected) => expect(files(volume)).toEqual(expected));

  it.each<[string, Omit<Volume, 'name'>, string]>([
    ['a missing configMap', { configMap: { name: 'x' } }, 'configmap "x" not found'],
    ['a missing secret', { secret: { secretName: 'x' } }, 'secret "x" not found'],
    [
      'a missing configMap key',
      { configMap: { name: 'cfg', items: [{ key: 'z', path: 'z' }] } },
      'configmap references non-existent config key: z',
    ],
    [
      'a missing secret key',
      { secret: { secretName: 'creds', items: [{ key: 'z', path: 'z' }] } },
      'references non-existent secret key: z',
    ],
    [
      'two missing projected sources',
      { projected: { sources: [{ configMap: { name: 'x' } }, { secret: { name: 'y' } }] } },
      '[configmap "x" not found, secret "y" not found]',
    ],
  ])('fails on %s', (_what, volume, message) => expect(() => files(volume)).toThrow(new Error(message)));
});

describe('the atomic writer', () => {
  const setup = () => {
    const kernel = new Kernel({ seed: 1, epoch: Date.UTC(2025, 0, 1) });
    const fs = new Filesystem(dirNode(0o755, 0), () => kernel.clock.epoch + kernel.clock.now());
    fs.mkdirAll('/vol');
    const write = (entries: Record<string, string>) =>
      writePayload(
        fs,
        kernel,
        '/vol',
        new Map(Object.entries(entries).map(([k, v]) => [k, { content: v, mode: 0o644 }])) as Payload,
      );
    const names = () =>
      fs.readDir('/vol').map(([n, node]) => (node.type === 'link' ? `${n} -> ${node.target}` : n));
    return { kernel, fs, write, names };
  };

  it('lays files out behind ..data, links top-level paths, and swaps on change only', () => {
    const { kernel, fs, write, names } = setup();
    expect(write({ a: '1', 'dir/b': '2' })).toBe(true);
    const [first = ''] = names();
    expect(first).toMatch(/^\.\.2025_01_01_00_00_00\.\d+$/);
    expect(names()).toEqual([first, `..data -> ${first}`, 'a -> ..data/a', 'dir -> ..data/dir']);
    expect(fs.readFile('/vol/dir/b')).toBe('2');
    expect(write({ a: '1', 'dir/b': '2' })).toBe(false);
    kernel.runUntil(61_000);
    expect(write({ a: 'changed' })).toBe(true);
    const [second = ''] = names();
    expect(second).toMatch(/^\.\.2025_01_01_00_01_01\.\d+$/);
    expect(names()).toEqual([second, `..data -> ${second}`, 'a -> ..data/a']);
    expect(fs.readFile('/vol/a')).toBe('changed');
  });
});
