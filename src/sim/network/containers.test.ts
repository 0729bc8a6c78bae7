import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types';
import {
  chainOf,
  clientPod,
  DEPLOYMENTS,
  NETWORK_POLICIES,
  PODS,
  readyPods,
  SERVICES,
  setupNetwork,
  webDeployment,
  webService,
  type NetworkSetup,
} from './testing';

type Env = ReturnType<typeof setupNetwork>;

/** web (2 nginx pods) behind a Service, a Service without endpoints, and a busybox client on node-1. */
function cluster(setup: NetworkSetup = {}): Env {
  const env = setupNetwork(setup);
  env.create(DEPLOYMENTS, webDeployment('web', 2));
  env.create(SERVICES, webService('web'));
  env.create(SERVICES, webService('empty'));
  env.create(PODS, clientPod('client', 'node-1'));
  env.run(60_000);
  return env;
}

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName: string }).nodeName;

/** `kubectl exec <pod> -- argv` through the pod's kubelet: its output, exit code and first step. */
function exec(env: Env, pod: string, argv: string[], container = 'c') {
  const node = nodeOf(env.kubectl.get(PODS, 'default', pod));
  const cause = env.cluster.kernel.trace.emit({
    from: 'kubectl',
    to: 'control-plane/kube-apiserver',
    kind: 'request',
    summary: `exec ${pod} -- ${argv.join(' ')}`,
  }).id;
  const started = env.cluster.kubelets.kubelet(node)?.exec('default', pod, container, argv, false, cause);
  if (started?.ok !== true) throw new Error(`cannot exec in ${pod}`);
  let stdout = '';
  let stderr = '';
  let result: { exitCode: number } | { error: string } | null = null;
  const from = env.cluster.kernel.clock.now();
  let took = 0;
  started.value.start(
    (stream, data) => (stream === 'stdout' ? (stdout += data) : (stderr += data)),
    (done) => {
      result = done;
      took = env.cluster.kernel.clock.now() - from;
    },
  );
  env.run(200_000);
  return { stdout, stderr, result, took, cause };
}

function logsOf(env: Env, pod: KubeObject, container = 'nginx'): string {
  const kubelet = env.cluster.kubelets.kubelet(nodeOf(pod));
  const name = pod.metadata.name ?? '';
  const logs = kubelet?.containerLogs(
    'default',
    name,
    container,
    { timestamps: false, follow: false, previous: false },
    0,
  );
  return logs?.ok === true && typeof logs.value === 'string' ? logs.value : '';
}

describe('containers on the cluster network', () => {
  it("kubectl exec client -- wget -qO- http://web returns nginx's page, logged by the pod that served it", () => {
    const env = cluster();
    const client = env.kubectl.get(PODS, 'default', 'client');
    const clientIP = (client.status as { podIP: string }).podIP;
    const run = exec(env, 'client', ['wget', '-qO-', 'http://web']);
    expect(run.result).toEqual({ exitCode: 0 });
    expect(run.stdout).toContain('<title>Welcome to nginx!</title>');
    const access = readyPods(env.kubectl, 'web').flatMap((p) =>
      logsOf(env, p)
        .split('\n')
        .filter((l) => l.includes('"GET / HTTP/1.1"')),
    );
    expect(access).toHaveLength(1);
    expect(access[0]).toMatch(
      new RegExp(
        `^${clientIP.replace(/\./g, '\\.')} - - \\[01/Jan/2025:00:01:00 \\+0000\\] "GET / HTTP/1\\.1" 200 615 "-" "Wget" "-"$`,
      ),
    );
  });

  it('traces the request as one causal chain from the exec to the HTTP response', () => {
    const env = cluster();
    const run = exec(env, 'client', ['wget', '-qO-', 'http://web']);
    const last = env.steps.find((s) => s.summary === 'HTTP/1.1 200 OK (615 bytes)');
    const chain = chainOf(env.steps, last?.id ?? null);
    expect(chain[0]?.id).toBe(run.cause);
    const path = chain.map((s) => `${s.from} -> ${s.to}: ${s.summary.replace(/[0-9a-f]{13}/, '<id>')}`);
    expect(path[0]).toBe('kubectl -> control-plane/kube-apiserver: exec client -- wget -qO- http://web');
    expect(path[1]).toMatch(/^node-1\/kubelet -> node-1\/container-runtime: Exec <id> \(c\)/);
    expect(chain.map((s) => s.to)).toEqual(
      expect.arrayContaining(['control-plane/coredns', 'node-1/kube-proxy', 'node-1/pod/default/client']),
    );
    const web = chain.at(-1)?.from ?? '';
    expect(web).toMatch(/^node-\d\/pod\/default\/web-/);
    expect(path.slice(-2)).toEqual([
      `node-1/pod/default/client -> ${web}: GET / HTTP/1.1`,
      `${web} -> node-1/pod/default/client: HTTP/1.1 200 OK (615 bytes)`,
    ]);
  });

  it.each<[string, string[], string, number]>([
    ['an unknown name', ['wget', '-qO-', 'http://nope'], "wget: bad address 'nope'\n", 1],
    [
      'a Service without endpoints',
      ['wget', '-qO-', 'http://empty'],
      "wget: can't connect to remote host (<empty>): Connection refused\n",
      1,
    ],
    [
      'a missing page',
      ['wget', '-qO-', 'http://web/nope'],
      'wget: server returned error: HTTP/1.1 404 Not Found\n',
      1,
    ],
  ])('wget to %s fails as busybox does', (_what, argv, stderr, code) => {
    const env = cluster();
    const emptyIP = (env.kubectl.get(SERVICES, 'default', 'empty').spec as { clusterIP: string }).clusterIP;
    const run = exec(env, 'client', argv);
    expect(run.stderr).toBe(stderr.replace('<empty>', emptyIP));
    expect(run.result).toEqual({ exitCode: code });
  });

  it('nslookup answers for the Service and NXDOMAIN for an unknown name', () => {
    const env = cluster();
    const webIP = (env.kubectl.get(SERVICES, 'default', 'web').spec as { clusterIP: string }).clusterIP;
    const found = exec(env, 'client', ['nslookup', 'web.default.svc.cluster.local']);
    expect(found.stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${webIP}\n\n\n`,
    );
    const missing = exec(env, 'client', ['nslookup', 'nope.default.svc.cluster.local']);
    expect(missing.stdout).toContain("** server can't find nope.default.svc.cluster.local: NXDOMAIN\n");
    expect(missing.result).toEqual({ exitCode: 1 });
  });

  it.each<[NetworkSetup['cni'], boolean]>([
    ['calico', false],
    ['flannel', true],
  ])('a deny-all ingress NetworkPolicy on %s: wget gets through: %s', (cni, through) => {
    const env = cluster({ cni });
    env.create(NETWORK_POLICIES, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-web' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
    });
    env.run(5_000);
    const run = exec(env, 'client', ['wget', '-qO-', '-T', '3', 'http://web']);
    if (through) expect(run.result).toEqual({ exitCode: 0 });
    else {
      expect(run).toMatchObject({ stderr: 'wget: download timed out\n', result: { exitCode: 1 } });
      expect(run.took).toBeGreaterThanOrEqual(3000);
      expect(run.took).toBeLessThan(3100);
    }
  });

  it.each<[NetworkSetup['proxyMode'], string]>([
    ['iptables', '3 packets transmitted, 0 packets received, 100% packet loss'],
    ['ipvs', '3 packets transmitted, 3 packets received, 0% packet loss'],
  ])('ping to a ClusterIP in %s mode: %s', (proxyMode, stats) => {
    const env = cluster({ proxyMode });
    const run = exec(env, 'client', ['ping', '-c', '3', 'web']);
    expect(run.stdout).toContain(stats);
    const [pod] = readyPods(env.kubectl, 'web');
    const podIP = (pod?.status as { podIP: string }).podIP;
    const direct = exec(env, 'client', ['ping', '-c', '1', podIP]);
    expect(direct.stdout).toMatch(
      new RegExp(`64 bytes from ${podIP.replace(/\./g, '\\.')}: seq=0 ttl=6[23] time=`),
    );
  });

  it('a main process that fetches at start reaches the Service before its pod IP is reported', () => {
    const env = cluster();
    env.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fetch' },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'curlimages/curl', args: ['-s', 'http://web'] }],
      },
    });
    env.run(30_000);
    const pod = env.kubectl.get(PODS, 'default', 'fetch');
    expect((pod.status as { phase: string }).phase).toBe('Succeeded');
    expect(logsOf(env, pod, 'c')).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('postgres without POSTGRES_PASSWORD goes into CrashLoopBackOff with its error in the log', () => {
    const env = cluster();
    env.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db' },
      spec: { containers: [{ name: 'postgres', image: 'postgres:17' }] },
    });
    type Status = { containerStatuses?: { state: { waiting?: { reason: string } }; restartCount: number }[] };
    const state = () => (env.kubectl.get(PODS, 'default', 'db').status as Status).containerStatuses?.[0];
    for (let s = 0; s < 300 && state()?.state.waiting?.reason !== 'CrashLoopBackOff'; s++) env.run(1000);
    expect(state()?.state.waiting?.reason).toBe('CrashLoopBackOff');
    const pod = env.kubectl.get(PODS, 'default', 'db');
    expect(state()?.restartCount).toBeGreaterThanOrEqual(1);
    const kubelet = env.cluster.kubelets.kubelet(nodeOf(pod));
    const logs = kubelet?.containerLogs(
      'default',
      'db',
      'postgres',
      { timestamps: false, follow: false, previous: true },
      0,
    );
    expect(logs?.ok === true ? logs.value : '').toBe(
      [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
        '',
      ].join('\n'),
    );
  });
});
