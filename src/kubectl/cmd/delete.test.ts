import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl delete', () => {
  it('deletes by name and waits until a pod is gone', async () => {
    const k = await testKubectl();
    await k.run('kubectl run web --image=nginx');
    await k.advance(30_000);
    const running = k.start('kubectl delete pod web');
    await k.advance(1_000);
    expect(running.output.out).toBe('pod "web" deleted\n');
    let code: number | undefined;
    void running.exit.then((c) => (code = c));
    await k.advance(1_000);
    for (let i = 0; i < 60 && code === undefined; i++) await k.advance(1_000);
    expect(code).toBe(0);
    expect((await k.run('kubectl get pod web')).code).toBe(1);
  });

  it('deletes by selector, reports what is missing, and says when nothing matched', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm a --from-literal=x=1');
    await k.run('kubectl create cm b --from-literal=x=1');
    await k.run('kubectl label cm a b group=g');
    expect((await k.run('kubectl delete cm -l group=g')).stdout).toBe(
      'configmap "a" deleted\nconfigmap "b" deleted\n',
    );
    expect((await k.run('kubectl delete cm -l group=g')).stdout).toBe('No resources found\n');
    expect(await k.run('kubectl delete cm nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
      code: 1,
    });
    expect((await k.run('kubectl delete cm nope --ignore-not-found')).code).toBe(0);
  });

  it('checks its flags as kubectl does', async () => {
    const k = await testKubectl();
    expect((await k.run('kubectl delete pods')).stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect((await k.run('kubectl delete pod x --now --grace-period=5')).stderr).toBe(
      'error: --now and --grace-period cannot be specified together\n',
    );
    expect((await k.run('kubectl delete pod x -o yaml')).stderr).toBe(
      "error: unexpected -o output mode: yaml. We only support '-o name'\n",
    );
    const forced = await k.run('kubectl delete pod nope --force');
    expect(forced.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n' +
        'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it('deletes the objects of a file, in dry run too', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=x=1');
    k.files.set('web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
    expect((await k.run('kubectl delete -f web.yaml --dry-run=server')).stdout).toBe(
      'configmap "web" deleted (server dry run)\n',
    );
    expect((await k.run('kubectl delete -f web.yaml -o name')).stdout).toBe('configmap/web\n');
  });
});
