import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl label and annotate', () => {
  it('adds, refuses to overwrite, overwrites and removes labels', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=x=1');
    expect((await k.run('kubectl label cm web app=web')).stdout).toBe('configmap/web labeled\n');
    expect(await k.run('kubectl label cm web app=db')).toEqual({
      stdout: '',
      stderr: "error: 'app' already has a value (web), and --overwrite is false\n",
      code: 1,
    });
    expect((await k.run('kubectl label cm web app=web')).stdout).toBe('configmap/web not labeled\n');
    expect((await k.run('kubectl label cm web app=db --overwrite')).stdout).toBe('configmap/web labeled\n');
    expect((await k.run('kubectl label cm web --list')).stdout).toBe('app=db\n');
    expect((await k.run('kubectl label cm web app-')).stdout).toBe('configmap/web unlabeled\n');
    // An object without labels gets an empty map: kubectl reports it labeled.
    await k.run('kubectl create cm other --from-literal=x=1');
    expect((await k.run('kubectl label cm other nope-')).stdout).toBe(
      'label "nope" not found.\nconfigmap/other labeled\n',
    );
  });

  it('rejects malformed label arguments', async () => {
    const k = await testKubectl();
    expect((await k.run('kubectl label cm web a=b c')).stderr).toBe(
      'error: all resources must be specified before label changes: c\n',
    );
    expect((await k.run('kubectl label cm web a=b a-')).stderr).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
    expect((await k.run('kubectl label cm web')).stderr).toBe(
      'error: at least one label update is required\n',
    );
  });

  it('annotates, with its own overwrite error, and prints the server object', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=x=1');
    expect((await k.run('kubectl annotate cm web owner=a')).stdout).toBe('configmap/web annotated\n');
    expect((await k.run('kubectl annotate cm web owner=b')).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (a)\n",
    );
    expect(
      (await k.run('kubectl annotate cm web owner=b --overwrite -o jsonpath={.metadata.annotations.owner}'))
        .stdout,
    ).toBe('b');
    expect((await k.run('kubectl annotate cm web owner- --list')).stdout).toBe('');
  });
});
