import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl create', () => {
  it('creates the objects of a file, and fails on ones that exist', async () => {
    const k = await testKubectl();
    const stdin = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n';
    expect((await k.run('kubectl create -f -', { stdin })).stdout).toBe('namespace/team-a created\n');
    expect(await k.run('kubectl create -f -', { stdin })).toEqual({
      stdout: '',
      stderr:
        'Error from server (AlreadyExists): error when creating "STDIN": namespaces "team-a" already exists\n',
      code: 1,
    });
  });

  it('prints a generated deployment as kubectl does, without creating it', async () => {
    const k = await testKubectl();
    const result = await k.run(
      'kubectl create deployment web --image=nginx:1.27 --replicas=2 --dry-run=client -o yaml',
    );
    expect(result.stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`);
    expect((await k.run('kubectl get deploy web')).code).toBe(1);
  });

  it('creates config maps and secrets from literals and workspace files', async () => {
    const k = await testKubectl();
    k.files.set('app.conf', 'debug=true\n');
    expect(
      (await k.run('kubectl create configmap web --from-literal=mode=a --from-file=app.conf')).stdout,
    ).toBe('configmap/web created\n');
    expect((await k.run("kubectl get cm web -o jsonpath='{.data}'")).stdout).toBe(
      '{"app.conf":"debug=true\\n","mode":"a"}',
    );
    expect(
      (
        await k.run(
          'kubectl create secret generic db --from-literal=password=s3cret -o jsonpath={.data.password}',
        )
      ).stdout,
    ).toBe('czNjcmV0');
    expect((await k.run('kubectl create configmap x --from-file=missing.conf')).stderr).toBe(
      'error: error reading missing.conf: no such file or directory\n',
    );
  });

  it('refuses bad generator arguments with kubectl errors', async () => {
    const k = await testKubectl();
    expect((await k.run('kubectl create deployment --image=nginx')).stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect((await k.run('kubectl create deployment web')).stderr).toMatch(
      /^E\d{4} .* run.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/,
    );
    expect((await k.run('kubectl create service clusterip web')).stderr).toBe(
      'error: at least one tcp port specifier must be provided\n',
    );
    expect((await k.run('kubectl create ns default')).stderr).toBe(
      'Error from server (AlreadyExists): namespaces "default" already exists\n',
    );
  });

  it('builds RBAC objects, resolving resource names through discovery', async () => {
    const k = await testKubectl();
    const role = await k.run(
      'kubectl create role reader --verb=get,list --resource=pods,deploy --dry-run=client -o yaml',
    );
    expect(role.stdout).toContain('- apiGroups:\n  - apps\n  resources:\n  - deployments\n');
    expect((await k.run('kubectl create role r --verb=get --resource=nope')).stderr).toBe(
      'the server doesn\'t have a resource type "nope"\n',
    );
    expect((await k.run('kubectl create rolebinding b --role=reader --serviceaccount=bad')).stderr).toBe(
      'error: serviceaccount must be <namespace>:<name>\n',
    );
  });
});
