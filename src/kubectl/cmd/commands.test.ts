import { beforeAll, describe, expect, it } from 'vitest';
import { testKubectl, type TestKubectl } from '../testing';

describe('version, api-versions, api-resources, cluster-info', () => {
  let t: TestKubectl;
  beforeAll(async () => {
    t = await testKubectl();
  });

  it('kubectl version', async () => {
    expect(await t.run('kubectl version')).toEqual({
      stdout: 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n',
      stderr: '',
      code: 0,
    });
    const json = JSON.parse((await t.run('kubectl version -o json')).stdout) as Record<
      string,
      { gitVersion?: string }
    >;
    expect(json.clientVersion?.gitVersion).toBe('v1.32.4');
    expect(json.serverVersion?.gitVersion).toBe('v1.32.4');
    expect((await t.run('kubectl version -o yaml --client')).stdout).toBe(
      'clientVersion:\n  buildDate: "2025-04-22T16:03:34Z"\n  compiler: gc\n  gitCommit: 59526cd4867447956156ae3a602fcbac10a2c335\n' +
        '  gitTreeState: clean\n  gitVersion: v1.32.4\n  goVersion: go1.23.6\n  major: "1"\n  minor: "32"\n' +
        '  platform: linux/amd64\nkustomizeVersion: v5.5.0\n\n',
    );
  });

  it('kubectl api-versions lists group/versions, sorted', async () => {
    const versions = (await t.run('kubectl api-versions')).stdout.split('\n');
    expect(versions.slice(0, 3)).toEqual([
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
    ]);
    expect(versions).toContain('autoscaling/v1');
    expect(versions.at(-2)).toBe('v1');
  });

  it('kubectl api-resources filters and sorts', async () => {
    expect((await t.run('kubectl api-resources --api-group=apps -o name')).stdout).toBe(
      'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n',
    );
    const table = (await t.run('kubectl api-resources --categories=all --sort-by=kind')).stdout;
    expect(table).toBe(
      'NAME                       SHORTNAMES   APIVERSION       NAMESPACED   KIND\n' +
        'cronjobs                   cj           batch/v1         true         CronJob\n' +
        'daemonsets                 ds           apps/v1          true         DaemonSet\n' +
        'deployments                deploy       apps/v1          true         Deployment\n' +
        'horizontalpodautoscalers   hpa          autoscaling/v2   true         HorizontalPodAutoscaler\n' +
        'jobs                                    batch/v1         true         Job\n' +
        'pods                       po           v1               true         Pod\n' +
        'replicasets                rs           apps/v1          true         ReplicaSet\n' +
        'replicationcontrollers     rc           v1               true         ReplicationController\n' +
        'services                   svc          v1               true         Service\n' +
        'statefulsets               sts          apps/v1          true         StatefulSet\n',
    );
  });

  it('kubectl cluster-info names the server and the cluster services', async () => {
    t.post('/api/v1/namespaces/kube-system/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    });
    expect((await t.run('kubectl cluster-info')).stdout).toBe(
      'Kubernetes control plane is running at https://127.0.0.1:6443\n' +
        'CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });
});

describe('kubectl config', () => {
  it('set-context --current --namespace changes the namespace of later commands', async () => {
    const t = await testKubectl();
    expect(await t.run('kubectl config set-context --current --namespace=kube-system')).toEqual({
      stdout: 'Context "kubernetes-admin@kubelab" modified.\n',
      stderr: '',
      code: 0,
    });
    expect((await t.run('kubectl get pods')).stderr).toBe('No resources found in kube-system namespace.\n');
    expect((await t.run('kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME                       CLUSTER   AUTHINFO           NAMESPACE\n' +
        '*         kubernetes-admin@kubelab   kubelab   kubernetes-admin   kube-system\n',
    );
    expect(
      (await t.run('kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}')).stdout,
    ).toBe('kube-system');
  });

  it('set-context NAME creates a context; use-context switches to it', async () => {
    const t = await testKubectl();
    expect(
      (
        await t.run(
          'kubectl config set-context dev --cluster=kubelab --user=kubernetes-admin --namespace=dev',
        )
      ).stdout,
    ).toBe('Context "dev" created.\n');
    expect((await t.run('kubectl config use-context dev')).stdout).toBe('Switched to context "dev".\n');
    expect((await t.run('kubectl config current-context')).stdout).toBe('dev\n');
    expect((await t.run('kubectl get pods')).stderr).toBe('No resources found in dev namespace.\n');
    expect((await t.run('kubectl get pods --context kubernetes-admin@kubelab')).stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('config view prints the kubeconfig as YAML, contexts sorted by name', async () => {
    const t = await testKubectl();
    await t.run('kubectl config set-context a-first --namespace=x');
    expect((await t.run('kubectl config view')).stdout).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        '    server: https://127.0.0.1:6443',
        '  name: kubelab',
        'contexts:',
        '- context:',
        '    cluster: ""',
        '    namespace: x',
        '    user: ""',
        '  name: a-first',
        '- context:',
        '    cluster: kubelab',
        '    namespace: default',
        '    user: kubernetes-admin',
        '  name: kubernetes-admin@kubelab',
        'current-context: kubernetes-admin@kubelab',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: kubernetes-admin',
        '  user: {}',
        '',
      ].join('\n'),
    );
    expect((await t.run('kubectl get pods --context a-first')).stderr).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
  });
});
