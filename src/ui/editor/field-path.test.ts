import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath } from './field-path';

describe('parseFieldPath', () => {
  it('reads fields, list indexes and map keys as the apiserver writes them', () => {
    expect(parseFieldPath('spec.replicas')).toEqual([
      { type: 'field', name: 'spec' },
      { type: 'field', name: 'replicas' },
    ]);
    expect(parseFieldPath('spec.template.spec.containers[0].ports[1].containerPort')).toEqual([
      { type: 'field', name: 'spec' },
      { type: 'field', name: 'template' },
      { type: 'field', name: 'spec' },
      { type: 'field', name: 'containers' },
      { type: 'index', index: 0 },
      { type: 'field', name: 'ports' },
      { type: 'index', index: 1 },
      { type: 'field', name: 'containerPort' },
    ]);
  });

  it('keeps dots and slashes inside a key', () => {
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      { type: 'field', name: 'metadata' },
      { type: 'field', name: 'labels' },
      { type: 'key', key: 'app.kubernetes.io/name' },
    ]);
    expect(parseFieldPath('spec.containers[0].resources.requests[cpu]')?.at(-1)).toEqual({
      type: 'key',
      key: 'cpu',
    });
  });

  it('refuses text that is not a path', () => {
    expect(parseFieldPath('')).toBeNull();
    expect(parseFieldPath('error when creating "STDIN"')).toBeNull();
    expect(parseFieldPath('[0]')).toBeNull();
    expect(parseFieldPath('spec.containers[0')).toBeNull();
    expect(parseFieldPath('.spec')).toBeNull();
  });

  it('round-trips through formatFieldPath', () => {
    for (const path of ['spec.replicas', 'spec.containers[2].env[0].name', 'metadata.annotations[a.b/c]']) {
      const parsed = parseFieldPath(path);
      expect(parsed).not.toBeNull();
      expect(formatFieldPath(parsed ?? [])).toBe(path);
    }
  });
});
