import { beforeAll, describe, expect, it } from 'vitest';
import { testKubectl, type TestKubectl } from '../testing';

describe('kubectl describe', () => {
  let t: TestKubectl;
  beforeAll(async () => {
    t = await testKubectl();
    for (const name of ['web-1', 'web-2', 'api'])
      t.post('/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { tier: name.startsWith('web') ? 'web' : 'api' } },
        data: { key: name },
      });
    await t.advance(1_000);
  });

  it('describes one object by TYPE NAME or TYPE/NAME', async () => {
    const one = await t.run('kubectl describe configmap api');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Name:\s+api\nNamespace:\s+default\nLabels:\s+tier=api\n/);
    expect(one.stdout).toContain('\nkey:\n----\napi\n');
    expect((await t.run('kubectl describe cm/api')).stdout).toBe(one.stdout);
  });

  it('describes every object whose name starts with NAME when none is called that', async () => {
    const r = await t.run('kubectl describe cm web');
    expect(r.stdout.match(/^Name: +web-\d$/gm)).toEqual(['Name:         web-1', 'Name:         web-2']);
    expect(r.stdout.endsWith('\n\n')).toBe(true);
  });

  it('describes all of a type or of a selector, separated by blank lines', async () => {
    const r = await t.run('kubectl describe cm -l tier=web');
    expect(r.stdout.match(/^Name: .*$/gm)).toEqual(['Name:         web-1', 'Name:         web-2']);
    expect(r.stdout).toContain('\n\n\nName:         web-2');
    expect((await t.run('kubectl describe cm -A')).stdout).toContain('Namespace:    kube-system');
  });

  it('leaves the events out with --show-events=false', async () => {
    expect((await t.run('kubectl describe cm api')).stdout).toContain('Events:  <none>');
    expect((await t.run('kubectl describe cm api --show-events=false')).stdout).not.toContain('Events:');
  });

  it('fails as kubectl does', async () => {
    expect(await t.run('kubectl describe')).toEqual({
      stdout: '',
      stderr:
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
    expect((await t.run('kubectl describe cm nosuch')).stderr).toBe(
      'Error from server (NotFound): configmaps "nosuch" not found\n',
    );
    expect((await t.run('kubectl describe cm -l tier=none')).stderr).toBe(
      'No resources found in default namespace.\n',
    );
    expect((await t.run('kubectl describe nosuch')).stderr).toBe(
      'error: the server doesn\'t have a resource type "nosuch"\n',
    );
  });
});
