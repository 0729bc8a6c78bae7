import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImageReference } from './image';

describe('defaultPullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['library/nginx', 'Always'],
    ['docker.io/library/nginx:latest', 'Always'],
    ['registry.k8s.io/pause', 'Always'],
    ['localhost:5000/app', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx:Latest', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
    [`nginx:1.27@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    // References that do not parse fall back to IfNotPresent (validation rejects them).
    ['', 'IfNotPresent'],
    ['NGINX', 'IfNotPresent'],
    ['nginx:', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['a'.repeat(64), 'IfNotPresent'],
    [undefined, 'IfNotPresent'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('parseImageReference', () => {
  it.each([
    ['nginx', { name: 'docker.io/library/nginx', tag: 'latest', digest: '' }],
    ['bitnami/redis:7', { name: 'docker.io/bitnami/redis', tag: '7', digest: '' }],
    ['index.docker.io/nginx:1', { name: 'docker.io/library/nginx', tag: '1', digest: '' }],
    ['Example.com/team/app:v1', { name: 'Example.com/team/app', tag: 'v1', digest: '' }],
    ['[::1]:5000/app', { name: '[::1]:5000/app', tag: 'latest', digest: '' }],
    [
      `app@sha256:${'0'.repeat(64)}`,
      { name: 'docker.io/library/app', tag: '', digest: `sha256:${'0'.repeat(64)}` },
    ],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it('rejects names longer than 255 characters', () => {
    expect(parseImageReference(`example.com/${'a'.repeat(250)}`)).toBeUndefined();
  });
});
