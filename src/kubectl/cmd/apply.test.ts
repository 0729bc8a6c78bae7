import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

const CONFIG = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  mode: ${data}
`;

describe('kubectl apply', () => {
  it('creates, configures and leaves unchanged, keeping the last applied configuration', async () => {
    const k = await testKubectl();
    expect(await k.run('kubectl apply -f -', { stdin: CONFIG('a') })).toEqual({
      stdout: 'configmap/web created\n',
      stderr: '',
      code: 0,
    });
    expect((await k.run('kubectl apply -f -', { stdin: CONFIG('a') })).stdout).toBe(
      'configmap/web unchanged\n',
    );
    expect((await k.run('kubectl apply -f -', { stdin: CONFIG('b') })).stdout).toBe(
      'configmap/web configured\n',
    );
    const annotation = await k.run(
      "kubectl get cm web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
    );
    expect(annotation.stdout).toBe(
      '{"apiVersion":"v1","data":{"mode":"b"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"web","namespace":"default"}}\n',
    );
  });

  it('reads files from the workspace, and reports missing ones', async () => {
    const k = await testKubectl();
    k.files.set('web.yaml', CONFIG('a'));
    expect((await k.run('kubectl apply -f web.yaml --dry-run=client')).stdout).toBe(
      'configmap/web created (dry run)\n',
    );
    expect(await k.run('kubectl apply -f nope.yaml')).toEqual({
      stdout: '',
      stderr: 'error: the path "nope.yaml" does not exist\n',
      code: 1,
    });
  });

  it('applies what it can and reports bad documents and unknown kinds', async () => {
    const k = await testKubectl();
    const stdin = `${CONFIG('a')}---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n---\nkind: ConfigMap\n`;
    expect(await k.run('kubectl apply -f -', { stdin })).toEqual({
      stdout: 'configmap/web created\n',
      stderr:
        'resource mapping not found for name: "f" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\n' +
        'ensure CRDs are installed first\n' +
        'error validating "STDIN": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      code: 1,
    });
    expect((await k.run('kubectl apply -f -', { stdin: 'a: b: c\n' })).stderr).toBe(
      'error: error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n',
    );
    expect((await k.run('kubectl apply -f -', { stdin: '' })).stderr).toBe(
      'error: no objects passed to apply\n',
    );
    expect((await k.run('kubectl apply')).stderr).toBe('error: must specify one of -f and -k\n');
  });

  it('warns when the object was not created by apply', async () => {
    const k = await testKubectl();
    await k.run('kubectl create configmap web --from-literal=mode=a');
    const result = await k.run('kubectl apply -f -', { stdin: CONFIG('b') });
    expect(result.stdout).toBe('configmap/web configured\n');
    expect(result.stderr).toMatch(
      /^Warning: resource configmaps\/web is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/,
    );
  });

  it('applies on the server with --server-side, reporting conflicts', async () => {
    const k = await testKubectl();
    expect((await k.run('kubectl apply -f - --server-side', { stdin: CONFIG('a') })).stdout).toBe(
      'configmap/web serverside-applied\n',
    );
    const conflict = await k.run('kubectl apply -f - --server-side --field-manager=other', {
      stdin: CONFIG('b'),
    });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl"/);
    expect(conflict.stderr).toContain('command with the `--force-conflicts` flag.');
    const forced = await k.run('kubectl apply -f - --server-side --field-manager=other --force-conflicts', {
      stdin: CONFIG('b'),
    });
    expect(forced.stdout).toBe('configmap/web serverside-applied\n');
  });

  it('prints the applied objects with -o, as one object or a List', async () => {
    const k = await testKubectl();
    const one = await k.run('kubectl apply -f - -o name', { stdin: CONFIG('a') });
    expect(one.stdout).toBe('configmap/web\n');
    const two = await k.run('kubectl apply -f - -o jsonpath={.kind}', {
      stdin: `${CONFIG('a')}---\n${CONFIG('a').replace('name: web', 'name: api')}`,
    });
    expect(two.stdout).toBe('List');
  });
});
