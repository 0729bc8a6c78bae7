import { describe, expect, it } from 'vitest';
import { InProcessTransport } from '../client/in-process';
import { Kubectl } from '../kubectl';
import { testKubectl } from '../testing';

describe('kubectl edit', () => {
  it('opens the object under the header and patches what was saved', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=mode=a');
    const opened: string[] = [];
    k.setEditor({
      edit: (text) => {
        opened.push(text);
        return Promise.resolve(text.replace('mode: a', 'mode: b'));
      },
    });
    expect(await k.run('kubectl edit cm/web')).toEqual({
      stdout: 'configmap/web edited\n',
      stderr: '',
      code: 0,
    });
    expect(
      opened[0]?.startsWith(
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
          '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
          '# reopened with the relevant failures.\n#\napiVersion: v1\ndata:\n  mode: a\nkind: ConfigMap\n',
      ),
    ).toBe(true);
    expect(opened[0]).not.toContain('managedFields');
    expect((await k.run('kubectl get cm web -o jsonpath={.data.mode}')).stdout).toBe('b');
  });

  it('cancels when nothing changed, or when closed without saving', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=mode=a');
    k.setEditor({ edit: (text) => Promise.resolve(`${text}\n# a comment\n`) });
    expect((await k.run('kubectl edit cm web')).stderr).toBe('Edit cancelled, no changes made.\n');
    k.setEditor({ edit: () => Promise.resolve(null) });
    expect((await k.run('kubectl edit cm web')).stderr).toBe('Edit cancelled, no changes made.\n');
  });

  it('reopens an invalid change with the reasons, until it is saved unchanged', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    const opened: string[] = [];
    k.setEditor({
      edit: (text) => {
        opened.push(text);
        return Promise.resolve(text.replace('replicas: 1', 'replicas: -1'));
      },
    });
    const result = await k.run('kubectl edit deployment web');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
    );
    expect(opened[1]).toContain(
      '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1:',
    );
  });

  it('refuses without an editor', async () => {
    const k = await testKubectl();
    await k.run('kubectl create cm web --from-literal=mode=a');
    const bare = new Kubectl({
      transport: new InProcessTransport(k.cluster.apiserver),
      now: () => Date.now(),
    });
    expect((await bare.collect('kubectl edit cm web')).stderr).toBe(
      'error: no editor available in this terminal\n',
    );
  });
});
