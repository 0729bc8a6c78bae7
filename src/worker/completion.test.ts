import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../sim/cluster';
import { ClusterLookups } from './cluster-lookups';
import { Completer } from './completion';

/**
 * The expectations are what the real kubectl v1.32 (`kubectl __complete ...`) answers
 * against the simulated apiserver served over HTTP with the same objects.
 */
let cluster: Cluster;
let completer: Completer;

function post(path: string, body: object) {
  const r = cluster.apiserver.handle({
    method: 'POST',
    path,
    query: {},
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    client: 'kubectl',
  });
  expect(r.status).toBe(201);
}

const pod = (name: string, containers: string[], initContainers: string[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    containers: containers.map((c) => ({ name: c, image: 'nginx' })),
    initContainers: initContainers.map((c) => ({ name: c, image: 'busybox' })),
  },
});

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx' }] } },
  },
});

beforeAll(() => {
  cluster = createCluster({ seed: 1, controllers: [], kubelets: false, scheduler: false });
  post('/api/v1/namespaces/default/pods', pod('web-1', ['nginx']));
  post('/api/v1/namespaces/default/pods', pod('web-2', ['nginx', 'sidecar'], ['setup']));
  post('/api/v1/namespaces/default/pods', pod('api-1', ['api']));
  post('/api/v1/namespaces/kube-system/pods', pod('coredns-a', ['coredns']));
  for (const node of ['control-plane', 'node-1', 'node-2', 'node-3'])
    post('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
  post('/apis/apps/v1/namespaces/default/deployments', deployment('web'));
  post('/apis/apps/v1/namespaces/default/deployments', deployment('api'));
  completer = new Completer(new ClusterLookups(cluster.apiserver));
});

/** The candidates' values (descriptions dropped), as a set. */
const values = (line: string, cursor = line.length) =>
  completer
    .complete(line, cursor)
    .candidates.map((c) => c.split('\t')[0])
    .sort();

describe('Completer', () => {
  it('completes commands with their descriptions', () => {
    const { candidates, replaceFrom } = completer.complete('kubectl ro', 10);
    expect(candidates).toEqual(['rollout\tManage the rollout of a resource']);
    expect(replaceFrom).toBe(8);
    expect(values('kubectl ')).toContain('get');
    expect(values('kubectl ')).toHaveLength(44);
    expect(values('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
  });

  it('completes resource types from discovery, as api-resources names them', () => {
    const types = values('kubectl get ');
    expect(types).toContain('pods');
    expect(types).toContain('deployments.apps');
    expect(types).toContain('ingresses.networking.k8s.io');
    expect(types).not.toContain('bindings');
    expect(values('kubectl get po')).toEqual(['poddisruptionbudgets.policy', 'pods', 'podtemplates']);
    expect(values('kubectl describe no')).toEqual(['nodes']);
  });

  it('completes the names of the typed resource, leaving out names already given', () => {
    expect(values('kubectl get pods ')).toEqual(['api-1', 'web-1', 'web-2']);
    expect(values('kubectl get po w')).toEqual(['web-1', 'web-2']);
    expect(values('kubectl get deploy web ')).toEqual(['api']);
    expect(values('kubectl get Deployment ')).toEqual(['api', 'web']);
    expect(values('kubectl get deployments.v1.apps ')).toEqual(['api', 'web']);
    expect(values('kubectl get pods,deploy ')).toEqual(['api', 'api-1', 'web', 'web-1', 'web-2']);
    expect(values('kubectl get nodes.v1 ')).toEqual([]);
    expect(values('kubectl get xyz ')).toEqual([]);
  });

  it('completes type/name, and offers type/ after a type/name', () => {
    expect(values('kubectl get deploy/')).toEqual(['deploy/api', 'deploy/web']);
    expect(values('kubectl get deployment/web deployment/')).toEqual(['deployment/api']);
    expect(values('kubectl get deployment/web ')).toContain('deployments.apps/');
  });

  it('reads the namespace from -n, --namespace and --namespace=', () => {
    for (const line of [
      'kubectl -n kube-system get pods ',
      'kubectl get pods -n kube-system ',
      'kubectl get pods --namespace kube-system ',
      'kubectl get pods --namespace=kube-system ',
      'kubectl get pods -nkube-system ',
    ])
      expect(values(line)).toEqual(['coredns-a']);
  });

  it('completes flag values: namespaces, -o formats, containers', () => {
    expect(values('kubectl get -n kube-')).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    const eq = completer.complete('kubectl get --namespace=kube-s', 30);
    expect(eq).toEqual({ candidates: ['kube-system'], replaceFrom: 24 });
    expect(values('kubectl get -o j')).toEqual(['json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    expect(values('kubectl get -o=y')).toEqual(['yaml']);
    expect(values('kubectl logs web-2 -c ')).toEqual(['nginx', 'setup', 'sidecar']);
    expect(values('kubectl logs -c ')).toEqual([]);
    expect(values('kubectl get -l ')).toEqual([]);
  });

  it('completes flags: long and short after -, long only after --', () => {
    const flags = values('kubectl get -');
    expect(flags).toContain('-A');
    expect(flags).toContain('--all-namespaces');
    expect(flags).toContain('--namespace');
    expect(flags).toContain('-h');
    expect(values('kubectl get --o')).toEqual(['--output', '--output-watch-events']);
    expect(values('kubectl get --')).not.toContain('-A');
    expect(values('kubectl get -n default -')).not.toContain('--namespace');
    expect(values('kubectl get -f a.yaml --fi')).toEqual(['--field-selector', '--filename']);
    expect(values('kubectl autoscale -')).toEqual(['--max']);
    expect(values('kubectl autoscale --c')).toContain('--cpu-percent');
    expect(values('kubectl autoscale --max=3 --m')).toEqual(['--match-server-version', '--min']);
  });

  it('offers a command’s required flags before its arguments', () => {
    expect(values('kubectl scale ')).toEqual([
      '--replicas',
      'deployment',
      'replicaset',
      'replicationcontroller',
      'statefulset',
    ]);
    expect(values('kubectl scale deployment web ')).toEqual(['--replicas', 'api']);
    expect(values('kubectl scale --replicas=3 deployment ')).toEqual(['api', 'web']);
    expect(values('kubectl create deployment x ')).toEqual(['--image']);
  });

  it('follows each command’s own argument completion', () => {
    expect(values('kubectl logs ')).toEqual([
      'api-1',
      'daemonsets/',
      'deployments/',
      'jobs/',
      'pods/',
      'replicasets/',
      'replicationcontrollers/',
      'services/',
      'statefulsets/',
      'web-1',
      'web-2',
    ]);
    expect(values('kubectl logs deploy/a')).toEqual(['deploy/api']);
    expect(values('kubectl exec web-1 ')).toEqual([]);
    expect(values('kubectl logs web-2 ')).toEqual(['nginx', 'setup', 'sidecar']);
    expect(values('kubectl cordon ')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(values('kubectl cordon node-1 ')).toEqual([]);
    expect(values('kubectl top pod ')).toEqual(['api-1', 'web-1', 'web-2']);
    expect(values('kubectl rollout status ')).toEqual(['daemonset', 'deployment', 'statefulset']);
    expect(values('kubectl rollout status deployment ')).toEqual(['api', 'web']);
    expect(values('kubectl rollout status deployment web ')).toEqual([]);
    expect(values('kubectl taint node node-1 ')).toEqual(['control-plane', 'node-2', 'node-3']);
    expect(values('kubectl completion ')).toEqual(['bash', 'fish', 'powershell', 'zsh']);
    expect(values('kubectl help ro')).toEqual(['rollout']);
    expect(values('kubectl explain ')).toEqual([]);
    expect(values('kubectl get all ')).toEqual(['api', 'api-1', 'kubernetes', 'web', 'web-1', 'web-2']);
  });

  it('completes the word at the cursor, not the end of the line', () => {
    expect(completer.complete('kubectl ge pods', 10)).toEqual({
      candidates: ['get\tDisplay one or many resources'],
      replaceFrom: 8,
    });
  });

  it('offers nothing for lines that do not run kubectl', () => {
    expect(completer.complete('echo ', 5)).toEqual({ candidates: [], replaceFrom: 5 });
  });
});
