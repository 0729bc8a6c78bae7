import { describe, expect, it } from 'vitest';
import {
  clientPod,
  DEPLOYMENTS,
  NGINX,
  PODS,
  readyPods,
  SERVICES,
  setupNetwork,
  webDeployment,
  webService,
} from '../testing';

const CLIENT = { kind: 'pod', namespace: 'default', name: 'client' } as const;

function cluster() {
  const env = setupNetwork();
  env.create(DEPLOYMENTS, webDeployment('web', 2));
  env.create(SERVICES, webService('web'));
  env.create(SERVICES, webService('web-headless', { clusterIP: 'None', selector: { app: 'web' } }));
  env.create(SERVICES, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'docs' },
    spec: { type: 'ExternalName', externalName: 'example.com' },
  });
  env.create(PODS, clientPod('client', 'node-1'));
  env.create(PODS, clientPod('outsider', 'node-2', { dnsPolicy: 'Default' }));
  env.run(60_000);
  return env;
}

describe('CoreDNS in a cluster', () => {
  it('answers a headless Service with the ready pods, and the client connects to a pod directly', () => {
    const { network, kubectl } = cluster();
    const podIPs = readyPods(kubectl, 'web')
      .map((p) => (p.status as { podIP: string }).podIP)
      .sort();
    const resolved = network.resolve(CLIENT, 'web-headless', null);
    expect([...resolved.addresses].sort()).toEqual(podIPs);
    const result = network.connect({ from: CLIENT, host: 'web-headless', port: 80 }, NGINX);
    expect(result).toMatchObject({ ok: true, service: null });
    expect(podIPs).toContain(result.endpoint?.ip);
  });

  it('follows an ExternalName Service to the outside name', () => {
    const { network } = cluster();
    const out = network.nslookup(CLIENT, 'docs', null).output;
    expect(out).toContain(
      'docs.default.svc.cluster.local\tcanonical name = example.com\nName:\texample.com\nAddress: 192.0.2.10\n',
    );
  });

  it('gives dnsPolicy Default pods the node resolver, which knows no cluster names', () => {
    const { network, steps } = cluster();
    const outsider = { kind: 'pod', namespace: 'default', name: 'outsider' } as const;
    expect(network.resolvConf(outsider)).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(network.resolve(outsider, 'example.com', null).addresses).toEqual(['192.0.2.10']);
    expect(network.resolve(outsider, 'web', null)).toMatchObject({
      error: 'NXDOMAIN',
      tried: [
        { name: 'web', type: 'A', rcode: 'NXDOMAIN' },
        { name: 'web', type: 'AAAA', rcode: 'NXDOMAIN' },
      ],
    });
    expect(steps.some((s) => s.from === 'node-2/pod/default/outsider' && s.to === 'upstream-dns')).toBe(true);
  });

  it('traces each query as a question and an answer, chained', () => {
    const { network, steps } = cluster();
    const result = network.resolve(CLIENT, 'web', null);
    const last = steps.find((s) => s.id === result.lastStep);
    expect(last).toMatchObject({
      from: 'control-plane/coredns',
      to: 'node-1/pod/default/client',
      kind: 'response',
      summary: 'DNS NOERROR AAAA web.default.svc.cluster.local.',
    });
    expect(steps.find((s) => s.id === last?.causedBy)).toMatchObject({
      kind: 'request',
      summary: 'DNS query AAAA web.default.svc.cluster.local.',
    });
  });
});

describe('other kube-proxy modes on the path', () => {
  it.each(['ipvs', 'nftables'] as const)('%s DNATs a Service connection too', (proxyMode) => {
    const env = setupNetwork({ proxyMode });
    env.create(DEPLOYMENTS, webDeployment('web', 2));
    env.create(SERVICES, webService('web'));
    env.create(PODS, clientPod('client', 'node-1'));
    env.run(60_000);
    const result = env.network.connect({ from: CLIENT, host: 'web', port: 80 }, NGINX);
    expect(result).toMatchObject({ ok: true, service: 'default/web:http' });
    expect(
      env.steps.some((s) => s.to === 'node-1/kube-proxy' && s.summary.startsWith(`${proxyMode}: DNAT `)),
    ).toBe(true);
  });
});
