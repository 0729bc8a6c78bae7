import { describe, expect, it } from 'vitest';
import { chainOf, clientPod, NGINX, PODS, setupNetwork, type NetworkSetup } from './testing';

const CLIENT = { kind: 'pod', namespace: 'default', name: 'client' } as const;
const NODE_2 = '172.18.0.4';

/** An nginx pod on node-2 mapping hostPort 8080 to its port 80, and a client pod on node-1. */
function hostPortPod(setup: NetworkSetup = {}, port: object = {}) {
  const env = setupNetwork(setup);
  env.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'mapped', labels: { app: 'mapped' } },
    spec: {
      nodeName: 'node-2',
      containers: [
        { name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080, ...port }] },
      ],
    },
  });
  env.create(PODS, clientPod('client', 'node-1'));
  env.run(60_000);
  const ip = (env.kubectl.get(PODS, 'default', 'mapped').status as { podIP: string }).podIP;
  return { ...env, ip };
}

describe('hostPort', () => {
  it("DNATs a connection to the node's port to the pod that maps it, as the portmap plugin does", () => {
    const { network, steps, ip } = hostPortPod({ cni: 'kindnet' });
    const result = network.connect({ from: CLIENT, host: NODE_2, port: 8080 }, NGINX);
    expect(result).toMatchObject({
      ok: true,
      service: null,
      address: NODE_2,
      endpoint: { node: 'node-2', ip, port: 80, pod: { namespace: 'default', name: 'mapped' } },
      // The client pod's packet left node-1 masqueraded to node-1's address.
      clientIP: '172.18.0.3',
      response: 'HTTP/1.1 200 OK',
    });
    const chain = chainOf(steps, result.lastStep);
    expect(chain.find((s) => s.to === 'node-2/cni' && s.kind === 'request')?.summary).toMatch(
      /^eth0: MASQUERADE 10\.244\.1\.\d+ to 172\.18\.0\.3 -> 172\.18\.0\.4:8080 \(node node-2\)$/,
    );
    const dnat = chain.find((s) => s.kind === 'decision' && s.to === 'node-2/cni');
    expect(dnat?.summary).toBe(
      `portmap CNI-HOSTPORT-DNAT: ${NODE_2}:8080/TCP -> ${ip}:80 (hostPort of default/mapped)`,
    );
    const hops = chain.map((s) => `${s.from} -> ${s.to}`);
    expect(hops.slice(-3)).toEqual([
      'node-2/cni -> node-2/cni',
      'node-2/cni -> node-2/pod/default/mapped',
      'node-2/pod/default/mapped -> node-1/pod/default/client',
    ]);
    expect(chain.at(-2)?.summary).toMatch(
      new RegExp(`^ptp veth: host route ${ip.replace(/\./g, '\\.')} dev veth`),
    );
  });

  it('is reachable from outside the cluster and from the node itself', () => {
    const { network, ip } = hostPortPod({ cni: 'flannel' });
    const outside = network.connect({ from: { kind: 'external' }, host: NODE_2, port: 8080 }, NGINX);
    expect(outside).toMatchObject({ ok: true, endpoint: { ip, port: 80 }, clientIP: '172.18.0.1' });
    const node = network.connect({ from: { kind: 'node', node: 'node-2' }, host: NODE_2, port: 8080 }, NGINX);
    expect(node).toMatchObject({ ok: true, endpoint: { ip, port: 80 } });
  });

  it("is Cilium's eBPF host-port map with cilium", () => {
    const { network, steps, ip } = hostPortPod({ cni: 'cilium' });
    const result = network.connect({ from: CLIENT, host: NODE_2, port: 8080 }, NGINX);
    expect(result.ok).toBe(true);
    expect(chainOf(steps, result.lastStep).map((s) => s.summary)).toContain(
      `eBPF hostPort: ${NODE_2}:8080/TCP -> ${ip}:80 (hostPort of default/mapped)`,
    );
  });

  it('maps only its own node, port, protocol and hostIP', () => {
    const { network } = hostPortPod({}, { hostIP: '172.18.0.99' });
    const other = network.connect({ from: CLIENT, host: NODE_2, port: 8080 }, NGINX);
    expect(other).toMatchObject({ ok: false, error: 'refused', reason: `nothing listens on ${NODE_2}:8080` });
    const { network: plain } = hostPortPod();
    expect(plain.connect({ from: CLIENT, host: '172.18.0.3', port: 8080 }, NGINX)).toMatchObject({
      ok: false,
      error: 'refused',
    });
    expect(plain.connect({ from: CLIENT, host: NODE_2, port: 8081 }, NGINX).ok).toBe(false);
    expect(plain.connect({ from: CLIENT, host: NODE_2, port: 8080, protocol: 'UDP' }, NGINX).ok).toBe(false);
  });

  it('stops mapping once the pod is gone', () => {
    const env = hostPortPod();
    env.kubectl.delete(PODS, 'default', 'mapped');
    env.run(60_000);
    const result = env.network.connect({ from: CLIENT, host: NODE_2, port: 8080 }, NGINX);
    expect(result).toMatchObject({ ok: false, error: 'refused' });
  });
});
