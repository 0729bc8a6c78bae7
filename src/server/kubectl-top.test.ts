import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

/** The Kubernetes docs' CPU example: two CPUs' worth of work under a one-CPU limit. */
const CPU_DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources:
      limits:
        cpu: "1"
      requests:
        cpu: "0.5"
    args:
    - -cpus
    - "2"
`;

/** The docs' memory example that does not fit: 250M under a 100Mi limit. */
const MEMORY_DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;

/** The APIService metrics-server's manifest registers, applied without metrics-server running. */
const APISERVICE = `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
spec:
  service:
    name: metrics-server
    namespace: kube-system
  group: metrics.k8s.io
  version: v1beta1
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
`;

describe.skipIf(kubectl === null)('real kubectl: top, through metrics-server', { timeout: 120_000 }, () => {
  let api: RunningApiserver;
  let web = '';
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '20']);
    await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
    await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27']);
    await api.kubectl(['apply', '-f', api.file('cpu-demo.yaml', CPU_DEMO)]);
    await api.kubectl(['apply', '-f', api.file('memory-demo-2.yaml', MEMORY_DEMO)]);
    await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    web = (await api.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']))
      .stdout;
    await eventually(api, ['top', 'pod'], (out) => out.includes('cpu-demo') && out.includes(web));
  }, 90_000);
  afterAll(() => api?.stop());

  it('kubectl top node: each node with its share of allocatable', async () => {
    // The stress pod's node shows its full CPU from the second scrape after it started.
    const busyNode = (out: string) => rows(out).some((row) => Number.parseInt(row[1] ?? '', 10) >= 1000);
    const r = await eventually(api, ['top', 'node'], busyNode);
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(table.slice(1).map((row) => row[0])).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    for (const row of table.slice(1)) {
      expect(row.slice(1)).toEqual([
        expect.stringMatching(/^\d+m$/),
        expect.stringMatching(/^\d+%$/),
        expect.stringMatching(/^\d+Mi$/),
        expect.stringMatching(/^\d+%$/),
      ]);
    }
    const busy = table.slice(1).filter((row) => Number.parseInt(row[1] ?? '', 10) >= 1000);
    expect(busy).toHaveLength(1);
    expect(busy[0]?.[2]).toMatch(/^5\d%$/);
  });

  it('kubectl top pod: the stress pod held at its CPU limit, nginx idle', async () => {
    const r = await api.kubectl(['top', 'pod']);
    expect(r.code).toBe(0);
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const row = (name: string) => table.find((cells) => cells[0] === name);
    expect(row('cpu-demo')).toEqual(['cpu-demo', expect.stringMatching(/^9[6-9]\dm$/), '1Mi']);
    expect(row(web)).toEqual([web, expect.stringMatching(/^[01]m$/), '3Mi']);
  });

  it('kubectl top pod --containers and -A', async () => {
    const containers = rows((await api.kubectl(['top', 'pod', 'cpu-demo', '--containers'])).stdout);
    expect(containers[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(containers[1]).toEqual(['cpu-demo', 'cpu-demo-ctr', expect.stringMatching(/^9[6-9]\dm$/), '1Mi']);
    const all = rows(
      (await eventually(api, ['top', 'pod', '-A'], (out) => out.includes('etcd-control-plane'))).stdout,
    );
    expect(all[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    // Every namespace in order: the cluster's own ingress-nginx and kube-system pods are measured too.
    expect([...new Set(all.slice(1).map((cells) => cells[0]))]).toEqual([
      'default',
      'ingress-nginx',
      'kube-system',
    ]);
    expect(all.map((cells) => cells[1])).toContain('etcd-control-plane');
    expect(all.map((cells) => cells[1])).toContain('cpu-demo');
  });

  it('kubectl top pod of a pod that is not measured yet, or that does not exist', async () => {
    await api.kubectl(['run', 'fresh', '--image=nginx']);
    await api.kubectl(['wait', '--for=condition=Ready', 'pod/fresh', '--timeout=60s']);
    const fresh = await api.kubectl(['top', 'pod', 'fresh']);
    if (fresh.code !== 0) {
      expect(fresh.stderr).toBe(
        'Error from server (NotFound): podmetrics.metrics.k8s.io "default/fresh" not found\n',
      );
    }
    const nope = await api.kubectl(['top', 'pod', 'nope']);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('kubectl get apiservice shows metrics-server Available; a container over its limit is OOMKilled', async () => {
    const apiservices = rows((await api.kubectl(['get', 'apiservices'])).stdout);
    expect(apiservices[0]).toEqual(['NAME', 'SERVICE', 'AVAILABLE', 'AGE']);
    expect(apiservices[1]?.slice(0, 3)).toEqual([
      'v1beta1.metrics.k8s.io',
      'kube-system/metrics-server',
      'True',
    ]);
    const reason = await eventually(
      api,
      [
        'get',
        'pod',
        'memory-demo-2',
        '-o',
        'jsonpath={.status.containerStatuses[0].lastState.terminated.reason}',
      ],
      (out) => out !== '',
    );
    expect(reason.stdout).toBe('OOMKilled');
    const exit = await api.kubectl([
      'get',
      'pod',
      'memory-demo-2',
      '-o',
      'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}',
    ]);
    expect(exit.stdout).toBe('137');
  });
});

describe.skipIf(kubectl === null)('real kubectl: top without metrics-server', { timeout: 120_000 }, () => {
  let api: RunningApiserver;
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '20', '--metrics-server', 'false']);
    await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
  }, 90_000);
  afterAll(() => api?.stop());

  it('says the Metrics API is not available, then that the server cannot handle it', async () => {
    for (const what of ['node', 'pod']) {
      const r = await api.kubectl(['top', what]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: Metrics API not available\n');
    }
    expect((await api.kubectl(['apply', '-f', api.file('apiservice.yaml', APISERVICE)])).stdout).toBe(
      'apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io created\n',
    );
    const apiservices = await eventually(api, ['get', 'apiservices'], (out) => out.includes('False'));
    expect(rows(apiservices.stdout)[1]?.slice(0, 3)).toEqual([
      'v1beta1.metrics.k8s.io',
      'kube-system/metrics-server',
      'False (ServiceNotFound)',
    ]);
    const node = await api.kubectl(['top', 'node']);
    expect(node.code).toBe(1);
    expect(node.stderr).toBe(
      'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n',
    );
  });
});
