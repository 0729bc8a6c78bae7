import { describe, expect, it } from 'vitest';
import { parseCommand } from '../protocol';

describe('inspect commands across the worker boundary', () => {
  it('accept every kind of target', () => {
    const targets = [
      { kind: 'object', resource: 'deployments.apps', namespace: 'default', name: 'web' },
      { kind: 'object', resource: 'nodes', namespace: null, name: 'node-1' },
      { kind: 'objects', resource: 'pods', namespace: 'kube-system' },
      { kind: 'etcd', key: null },
      { kind: 'etcd', key: '/registry/pods/default/web', revision: 42 },
      { kind: 'node', name: 'node-2' },
      { kind: 'scheduler' },
    ];
    for (const target of targets)
      expect(parseCommand({ type: 'inspect', id: 3, target })).toEqual({ type: 'inspect', id: 3, target });
    expect(parseCommand({ type: 'uninspect', id: 3 })).toEqual({ type: 'uninspect', id: 3 });
  });

  it('drop fields a target does not have', () => {
    expect(
      parseCommand({ type: 'inspect', id: 1, target: { kind: 'scheduler', name: 'x', extra: 1 } }),
    ).toEqual({
      type: 'inspect',
      id: 1,
      target: { kind: 'scheduler' },
    });
  });

  it('refuse bad ids and bad targets, saying what is wrong', () => {
    const error = (message: unknown) => {
      const parsed = parseCommand(message);
      return 'error' in parsed ? parsed.error : null;
    };
    expect(error({ type: 'inspect', id: -1, target: { kind: 'scheduler' } })).toBe(
      'inspect needs a whole-number id',
    );
    expect(error({ type: 'uninspect', id: 'a' })).toBe('uninspect needs a whole-number id');
    expect(error({ type: 'inspect', id: 1 })).toMatch(/^inspect needs a target with a kind/);
    expect(error({ type: 'inspect', id: 1, target: { kind: 'pod' } })).toBe('unknown inspect target "pod"');
    expect(error({ type: 'inspect', id: 1, target: { kind: 'object', resource: 'pods', name: 'web' } })).toBe(
      'an object target needs a resource, a namespace (or null) and a name',
    );
    expect(
      error({
        type: 'inspect',
        id: 1,
        target: { kind: 'object', resource: 'pods', namespace: null, name: '' },
      }),
    ).toMatch(/^an object target needs/);
    expect(
      error({ type: 'inspect', id: 1, target: { kind: 'objects', resource: 7, namespace: null } }),
    ).toMatch(/^an objects target needs/);
    expect(error({ type: 'inspect', id: 1, target: { kind: 'etcd', key: 'registry/pods' } })).toMatch(
      /^an etcd target needs a key starting with '\/'/,
    );
    expect(error({ type: 'inspect', id: 1, target: { kind: 'etcd', key: `/${'k'.repeat(2000)}` } })).toMatch(
      /^an etcd target needs a key/,
    );
    expect(error({ type: 'inspect', id: 1, target: { kind: 'etcd', key: null, revision: 0 } })).toBe(
      "an etcd target's revision must be a whole number above 0; got 0",
    );
    expect(error({ type: 'inspect', id: 1, target: { kind: 'node' } })).toBe(
      'a node target needs the name of a node',
    );
  });
});
