import { describe, expect, it } from 'vitest';
import {
  chainOf,
  clientPod,
  DEPLOYMENTS,
  NETWORK_POLICIES,
  NGINX,
  PODS,
  readyPods,
  SERVICES,
  setupNetwork,
  webDeployment,
  webService,
  type NetworkSetup,
} from './testing';

const CLIENT = { kind: 'pod', namespace: 'default', name: 'client' } as const;

/** web (2 nginx pods) behind a Service, and a client pod on node-1. */
function webAndClient(setup: NetworkSetup = {}, service: object = {}) {
  const env = setupNetwork(setup);
  env.create(DEPLOYMENTS, webDeployment('web', 2));
  env.create(SERVICES, webService('web', service));
  env.create(PODS, clientPod('client', 'node-1'));
  env.run(60_000);
  return env;
}

const denyIngress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-web-ingress' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
};

describe('the packet path', () => {
  it('resolves a Service by name and DNATs the connection to a ready backend', () => {
    const { network, kubectl, steps } = webAndClient();
    const result = network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX);
    expect(result).toMatchObject({
      ok: true,
      service: 'default/web:http',
      response: 'HTTP/1.1 200 OK',
      clientIP: expect.stringMatching(/^10\.244\.1\./),
    });
    expect(result.resolution?.name).toBe('web.default.svc.cluster.local');
    const backends = readyPods(kubectl, 'web').map((p) => (p.status as { podIP: string }).podIP);
    expect(backends).toHaveLength(2);
    expect(backends).toContain(result.endpoint?.ip);
    const svc = kubectl.get(SERVICES, 'default', 'web');
    expect(result.address).toBe((svc.spec as { clusterIP: string }).clusterIP);

    const chain = chainOf(steps, result.lastStep);
    expect(chain[0]?.summary).toMatch(
      /^calico: egress default\/client -> kube-system\/coredns:53\/UDP: allow/,
    );
    expect(chain.map((s) => s.to)).toEqual(
      expect.arrayContaining([
        'control-plane/coredns',
        'node-1/kube-proxy',
        'node-1/cni',
        `${result.endpoint?.node}/pod/default/${result.endpoint?.pod?.name}`,
      ]),
    );
    expect(chain.at(-1)).toMatchObject({
      from: `${result.endpoint?.node}/pod/default/${result.endpoint?.pod?.name}`,
      to: 'node-1/pod/default/client',
      kind: 'response',
    });
  });

  it.each<[NetworkSetup['cni'], boolean]>([
    ['calico', false],
    ['cilium', false],
    ['flannel', true],
  ])('a deny-ingress NetworkPolicy on %s lets the connection through: %s', (cni, connects) => {
    const { network, create, run } = webAndClient({ cni });
    create(NETWORK_POLICIES, denyIngress);
    run(5_000);
    const result = network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX);
    expect(result.ok).toBe(connects);
    if (!connects) {
      expect(result).toMatchObject({
        error: 'timeout',
        reason: 'dropped by ingress NetworkPolicy (default/deny-web-ingress)',
      });
    }
  });

  it('reaches a NodePort through a node IP from outside the cluster, and from a pod on another node', () => {
    const { network, kubectl } = webAndClient({}, { type: 'NodePort' });
    const nodePort =
      (kubectl.get(SERVICES, 'default', 'web').spec as { ports: { nodePort: number }[] }).ports[0]
        ?.nodePort ?? 0;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    const fromOutside = network.connect(
      { from: { kind: 'external' }, host: '172.18.0.4', port: nodePort },
      NGINX,
    );
    expect(fromOutside).toMatchObject({ ok: true, service: 'default/web:http', clientIP: '172.18.0.4' });
    const fromPod = network.connect({ from: CLIENT, host: '172.18.0.4', port: nodePort }, NGINX);
    expect(fromPod).toMatchObject({ ok: true, service: 'default/web:http' });
  });

  it('preserves the client address with externalTrafficPolicy Local, and drops it on nodes without a backend', () => {
    const env = setupNetwork();
    env.create(DEPLOYMENTS, webDeployment('web', 1));
    env.create(SERVICES, webService('web', { type: 'NodePort', externalTrafficPolicy: 'Local' }));
    env.run(60_000);
    const [pod] = readyPods(env.kubectl, 'web');
    const home = (pod?.spec as { nodeName: string }).nodeName;
    const ipOf = (node: string) => (node === 'node-1' ? '172.18.0.3' : '172.18.0.4');
    const other = home === 'node-1' ? 'node-2' : 'node-1';
    const port = nodePortOf(env.network);
    const local = env.network.connect({ from: { kind: 'external' }, host: ipOf(home), port }, NGINX);
    expect(local).toMatchObject({ ok: true, clientIP: '172.18.0.1', endpoint: { node: home } });
    const remote = env.network.connect({ from: { kind: 'external' }, host: ipOf(other), port }, NGINX);
    expect(remote).toMatchObject({
      ok: false,
      error: 'timeout',
      reason: '"default/web:http has no local endpoints"',
    });
  });

  it('refuses connections to a Service without endpoints, as kube-proxy rejects them', () => {
    const { network, create, run } = webAndClient();
    create(SERVICES, webService('nobody'));
    run(5_000);
    const result = network.connect({ from: CLIENT, host: 'nobody', port: 80 }, NGINX);
    expect(result).toMatchObject({
      ok: false,
      error: 'refused',
      reason: '"default/nobody:http has no endpoints"',
    });
  });

  it('reports an unknown name as a bad address after trying the whole search list', () => {
    const { network } = webAndClient();
    const result = network.connect({ from: CLIENT, host: 'nosuch', port: 80 }, NGINX);
    expect(result).toMatchObject({ ok: false, error: 'bad-address' });
    expect(result.resolution?.tried.map((q) => `${q.type} ${q.name}`)).toEqual([
      'A nosuch.default.svc.cluster.local',
      'AAAA nosuch.default.svc.cluster.local',
      'A nosuch.svc.cluster.local',
      'AAAA nosuch.svc.cluster.local',
      'A nosuch.cluster.local',
      'AAAA nosuch.cluster.local',
      'A nosuch',
      'AAAA nosuch',
    ]);
  });

  it('reaches names outside the cluster through CoreDNS forwarding and the node SNAT', () => {
    const { network, steps } = webAndClient();
    const result = network.connect({ from: CLIENT, host: 'example.com', port: 80 }, NGINX);
    expect(result).toMatchObject({
      ok: true,
      address: '192.0.2.10',
      clientIP: '172.18.0.3',
      response: 'HTTP/1.1 200 OK from 192.0.2.10',
    });
    expect(
      steps.some(
        (s) =>
          s.from === 'control-plane/coredns' &&
          s.to === 'upstream-dns' &&
          s.summary === 'forward A example.com.: NOERROR 192.0.2.10',
      ),
    ).toBe(true);
  });

  it('breaks DNS with a deny-all egress policy, unless DNS to kube-dns is allowed', () => {
    const { network, create, run } = webAndClient();
    create(NETWORK_POLICIES, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-egress' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    run(2_000);
    expect(network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX)).toMatchObject({
      error: 'bad-address',
      reason: 'no DNS server answered',
    });
    expect(network.nslookup(CLIENT, 'web', null).output).toBe(
      ';; connection timed out; no servers could be reached\n\n',
    );
    create(NETWORK_POLICIES, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [{ port: 53, protocol: 'UDP' }],
          },
        ],
      },
    });
    run(2_000);
    expect(network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX)).toMatchObject({
      error: 'timeout',
      reason: 'dropped by egress NetworkPolicy (default/allow-dns, default/deny-egress)',
    });
  });

  it('shows a pod its resolv.conf and nslookup answers', () => {
    const { network } = webAndClient();
    expect(network.resolvConf(CLIENT)).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(network.nslookup(CLIENT, 'kubernetes', null).output).toContain(
      'Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n',
    );
    // busybox >= 1.29 applies the search list only to names without a dot (a known surprise).
    expect(network.nslookup(CLIENT, 'kubernetes.default', null).output).toContain(
      "** server can't find kubernetes.default: NXDOMAIN",
    );
  });

  it('runs the same script to the same trace', () => {
    const trace = () => {
      const { network, steps } = webAndClient({ seed: 3 });
      for (let i = 0; i < 5; i++) network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX);
      return JSON.stringify(steps);
    };
    expect(trace()).toBe(trace());
  });
});

function nodePortOf(network: ReturnType<typeof setupNetwork>['network']): number {
  return (
    network.proxies
      .get('node-1')
      ?.plans()
      .find((p) => p.svc.name === 'web')?.svc.nodePort ?? 0
  );
}
