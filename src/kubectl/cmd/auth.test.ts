import { beforeAll, describe, expect, it } from 'vitest';
import { testKubectl, type TestKubectl } from '../testing';

describe('kubectl auth', () => {
  let t: TestKubectl;
  beforeAll(async () => {
    t = await testKubectl();
  });

  it('can-i answers yes with exit code 0 (the authorizer allows everything for now)', async () => {
    expect(await t.run('kubectl auth can-i get pods')).toEqual({ stdout: 'yes\n', stderr: '', code: 0 });
    expect(await t.run('kubectl auth can-i get pods -q')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(
      (await t.run('kubectl auth can-i get pods --subresource=log --as=jane -n kube-system')).stdout,
    ).toBe('yes\n');
    expect((await t.run('kubectl auth can-i get /healthz')).stdout).toBe('yes\n');
  });

  it('can-i warns about unknown types and verbs, and cluster-scoped resources', async () => {
    expect(await t.run('kubectl auth can-i get nodes')).toEqual({
      stdout: 'yes\n',
      stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
      code: 0,
    });
    expect((await t.run('kubectl auth can-i frob pods')).stderr).toBe(
      "Warning: verb 'frob' is not a known verb\n\n",
    );
    expect((await t.run('kubectl auth can-i get widgets')).stderr).toBe(
      "Warning: the server doesn't have a resource type 'widgets'\n\n",
    );
  });

  it('can-i --list tabulates the rules', async () => {
    expect((await t.run('kubectl auth can-i --list')).stdout).toBe(
      'Resources   Non-Resource URLs   Resource Names   Verbs\n' +
        '*.*         []                  []               [*]\n' +
        '            [*]                 []               [*]\n',
    );
    expect((await t.run('kubectl auth can-i --list pods')).stderr).toBe(
      'error: list option must be specified with no arguments\n',
    );
    expect((await t.run('kubectl auth can-i get')).stderr).toBe(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    );
  });

  it('whoami names the user, as a table or as the review', async () => {
    expect((await t.run('kubectl auth whoami')).stdout).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    );
    const json = await t.run('kubectl auth whoami -o json');
    expect(json.stdout).toMatch(
      /^\{\n {4}"kind": "SelfSubjectReview",\n {4}"apiVersion": "authentication.k8s.io\/v1",/,
    );
    expect((await t.run("kubectl auth whoami -o jsonpath='{.status.userInfo.username}'")).stdout).toBe(
      'kubernetes-admin',
    );
  });
});
