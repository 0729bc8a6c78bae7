import { describe, expect, it } from 'vitest';
import { nodeView, type NodeView } from './node';
import {
  DEPLOYMENTS,
  PODS,
  SERVICES,
  deployment,
  podsOf,
  service,
  testCluster,
  type PodObject,
  type ServiceObject,
} from './testing';

/** A cluster running `web` (3 nginx pods) behind the Service `web`. */
function runningWeb(options: Parameters<typeof testCluster>[0] = {}) {
  const t = testCluster(options);
  t.cluster.kernel.runUntil(30_000);
  t.kubectl.create(DEPLOYMENTS, 'default', deployment('web', 3));
  t.kubectl.create(SERVICES, 'default', service('web'));
  t.cluster.kernel.runUntil(90_000);
  const pods = podsOf(t.kubectl, 'web');
  const svc = t.kubectl.get<ServiceObject>(SERVICES, 'default', 'web');
  return { ...t, pods, clusterIP: svc.spec?.clusterIP ?? '' };
}

const viewOf = (cluster: Parameters<typeof nodeView>[0], name: string): NodeView => {
  const view = nodeView(cluster, name);
  if (view === null) throw new Error(`no node view of ${name}`);
  return view;
};

describe('the node view', () => {
  it('shows each running pod as a Ready sandbox with its pod IP, netns, veth and RUNNING containers', () => {
    const { cluster, pods } = runningWeb();
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Running');
      const view = viewOf(cluster, pod.spec?.nodeName ?? '');
      const sandbox = view.sandboxes.find((s) => s.name === pod.metadata.name);
      expect(sandbox).toMatchObject({
        state: 'Ready',
        namespace: 'default',
        uid: pod.metadata.uid,
        hostNetwork: false,
        ip: pod.status?.podIP,
        veth: { pod: 'eth0' },
      });
      expect(sandbox?.id).toMatch(/^[0-9a-f]{13}$/);
      expect(sandbox?.netns).toMatch(/^\/var\/run\/netns\/cni-[0-9a-f-]{36}$/);
      expect(sandbox?.containers).toEqual([
        expect.objectContaining({
          name: 'nginx',
          state: 'RUNNING',
          attempt: 0,
          exitCode: null,
          restartCount: 0,
        }),
      ]);
      // The container id is the one the pod's status reports, shortened as crictl does.
      const containerID = pod.status?.containerStatuses?.[0]?.containerID ?? '';
      expect(containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
      expect(containerID.slice('containerd://'.length, 'containerd://'.length + 13)).toBe(
        sandbox?.containers[0]?.id,
      );
      // The host end of its veth is an interface of the node, routed to the pod IP (kindnet's ptp).
      const veth = sandbox?.veth?.host ?? '';
      expect(veth).toMatch(/^veth[0-9a-f]{8}$/);
      expect(view.network.interfaces).toContainEqual(
        expect.objectContaining({ name: veth, kind: 'veth', peer: `default/${pod.metadata.name}` }),
      );
      expect(view.network.routes).toContain(`${pod.status?.podIP} dev ${veth} scope host`);
      expect(view.network.allocations.map((a) => a.ip)).toContain(pod.status?.podIP);
      // The service account token is mounted from the pod's volume directory.
      expect(sandbox?.volumes).toContainEqual(
        expect.objectContaining({
          plugin: 'kubernetes.io~projected',
          hostPath: expect.stringMatching(
            new RegExp(
              `^/var/lib/kubelet/pods/${pod.metadata.uid}/volumes/kubernetes.io~projected/kube-api-access-`,
            ),
          ),
        }),
      );
    }
  });

  it('describes the node: address, pod CIDR, runtime, kubelet and the routes to the other nodes', () => {
    const { cluster } = runningWeb();
    const view = viewOf(cluster, 'node-1');
    expect(view).toMatchObject({
      kind: 'node',
      name: 'node-1',
      internalIP: '172.18.0.3',
      podCIDR: '10.244.1.0/24',
      runtime: { name: 'containerd', version: 'v1.7.24' },
      kubelet: { version: 'v1.32.4', state: 'running' },
    });
    expect(view.runtime.conditions.map((c) => [c.type, c.status])).toEqual([
      ['RuntimeReady', true],
      ['NetworkReady', true],
    ]);
    expect(view.network).toMatchObject({
      plugin: 'kindnet',
      binary: 'ptp',
      config: '/etc/cni/net.d/10-kindnet.conflist',
      gateway: '10.244.1.1',
    });
    expect(view.network.routes).toContain('10.244.2.0/24 via 172.18.0.4 dev eth0');
    expect(nodeView(cluster, 'node-9')).toBeNull();
  });

  it("summarises kube-proxy's iptables chains: the ClusterIP DNATs to every pod IP with statistic probabilities", () => {
    const { cluster, pods, clusterIP } = runningWeb();
    const podIPs = pods.map((p) => `${p.status?.podIP}:80`).sort();
    for (const node of ['node-1', 'node-2', 'node-3']) {
      const rules = viewOf(cluster, node).proxy;
      expect(rules?.mode).toBe('iptables');
      const web = rules?.services.find((s) => s.frontend === `${clusterIP}:80/TCP`);
      expect(web).toMatchObject({ service: 'default/web:http', via: 'cluster IP', verdict: 'dnat' });
      expect(web?.chain).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
      expect(web?.endpoints.map((e) => e.destination).sort()).toEqual(podIPs);
      expect(web?.endpoints.map((e) => e.probability)).toEqual(['0.33333333349', '0.50000000000', null]);
      for (const e of web?.endpoints ?? []) expect(e.chain).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
      // The same chains as iptables-save prints.
      const save = cluster.network?.proxies.get(node)?.iptablesSave('nat') ?? '';
      expect(save).toContain(
        `-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j ${web?.chain}`,
      );
      for (const e of web?.endpoints ?? [])
        expect(save).toContain(
          `-A ${e.chain} -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination ${e.destination}`,
        );
    }
  });

  it('lists IPVS virtual servers in ipvs mode', () => {
    const { cluster, pods, clusterIP } = runningWeb({ kubeProxyMode: 'ipvs', workerNodes: 1 });
    const rules = viewOf(cluster, 'node-1').proxy;
    expect(rules?.mode).toBe('ipvs');
    const web = rules?.services.find((s) => s.frontend === `${clusterIP}:80/TCP`);
    expect(web).toMatchObject({ service: 'default/web:http', chain: null, verdict: 'dnat', spread: 'rr' });
    expect(web?.endpoints.map((e) => e.destination).sort()).toEqual(
      pods.map((p) => `${p.status?.podIP}:80`).sort(),
    );
  });

  it('follows the node setup: CRI-O netns, flannel cni0 bridge, nftables chains', () => {
    const { cluster, pods, clusterIP } = runningWeb({
      kubeProxyMode: 'nftables',
      containerRuntime: 'cri-o',
      cni: 'flannel',
      workerNodes: 1,
    });
    const view = viewOf(cluster, 'node-1');
    expect(view.runtime).toMatchObject({ name: 'cri-o', version: '1.32.4' });
    const sandbox = view.sandboxes.find((s) => s.name === pods[0]?.metadata.name);
    expect(sandbox?.netns).toMatch(/^\/var\/run\/netns\/[0-9a-f]{8}-[0-9a-f-]{27}$/);
    expect(view.network).toMatchObject({ plugin: 'flannel', binary: 'bridge' });
    expect(view.network.interfaces).toContainEqual({
      name: 'cni0',
      kind: 'bridge',
      addresses: ['10.244.1.1/24'],
    });
    expect(view.network.routes).toContain('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1');
    expect(view.network.routes).toContain('10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink');
    const web = view.proxy?.services.find((s) => s.frontend === `${clusterIP}:80/TCP`);
    expect(web).toMatchObject({
      service: 'default/web:http',
      verdict: 'dnat',
      spread: 'numgen random mod 3',
    });
    const listed = cluster.network?.proxies.get('node-1')?.nftList() ?? '';
    expect(listed).toContain(`chain ${web?.chain} {`);
    for (const e of web?.endpoints ?? []) expect(listed).toContain(`chain ${e.chain} {`);
    expect(web?.endpoints.map((e) => e.destination).sort()).toEqual(
      pods.map((p) => `${p.status?.podIP}:80`).sort(),
    );
  });

  it("shows a crashing container's exited attempts with their exit code, and the pod's restart count", () => {
    const t = testCluster({ workerNodes: 1 });
    t.cluster.kernel.runUntil(30_000);
    t.kubectl.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crash' },
      spec: { containers: [{ name: 'sh', image: 'busybox', command: ['sh', '-c', 'exit 3'] }] },
    });
    t.cluster.kernel.runUntil(90_000);
    const pod = t.kubectl.get<PodObject>(PODS, 'default', 'crash');
    const restarts = pod.status?.containerStatuses?.[0]?.restartCount ?? 0;
    expect(restarts).toBeGreaterThan(0);
    const sandbox = viewOf(t.cluster, 'node-1').sandboxes.find((s) => s.name === 'crash');
    const exited = sandbox?.containers.filter((c) => c.state === 'EXITED') ?? [];
    expect(exited.length).toBeGreaterThan(0);
    for (const c of exited) expect(c).toMatchObject({ name: 'sh', exitCode: 3, reason: 'Error' });
    expect(Math.max(...(sandbox?.containers.map((c) => c.attempt) ?? []))).toBe(restarts);
    for (const c of sandbox?.containers ?? []) expect(c.restartCount).toBe(restarts);
  });

  it('shows a Service without endpoints as rejected', () => {
    const t = testCluster({ workerNodes: 1 });
    t.cluster.kernel.runUntil(30_000);
    t.kubectl.create(SERVICES, 'default', service('nothing'));
    t.cluster.kernel.runUntil(40_000);
    const clusterIP = t.kubectl.get<ServiceObject>(SERVICES, 'default', 'nothing').spec?.clusterIP;
    const row = viewOf(t.cluster, 'node-1').proxy?.services.find((s) => s.frontend === `${clusterIP}:80/TCP`);
    expect(row).toMatchObject({
      service: 'default/nothing:http',
      verdict: 'reject',
      chain: null,
      endpoints: [],
    });
  });
});
