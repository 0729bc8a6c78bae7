import { describe, expect, it } from 'vitest';
import { service, slice } from '../../node/kube-proxy/testing';
import { answerKubernetes, type KubernetesDnsView } from './kubernetes';
import { nslookup, nslookupQueries } from './nslookup';
import { KIND_NODE_RESOLV, podResolvConf } from './resolv';
import type { DnsTransport } from './resolver';
import { fqdn, type RecordType } from './types';
import { answerExternal, DEFAULT_EXTERNAL_ZONE } from './upstream';

const services = [
  service('default', 'web', {
    clusterIP: '10.96.12.34',
    clusterIPs: ['10.96.12.34'],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  }),
];
const view: KubernetesDnsView = {
  zone: 'cluster.local.',
  ttl: 30,
  namespaceExists: (ns) => ns === 'default',
  service: (ns, name) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
  services: () => services,
  slicesOf: () => [slice('default', 'web', { name: 'http', port: 80 }, [{ ip: '10.244.1.2' }])],
  slices: () => [],
};
let step = 0;
/** CoreDNS with the default Corefile, without the trace. */
const coredns: DnsTransport = (_server, name, type: RecordType) => {
  const q = fqdn(name);
  const external = (n: string, t: RecordType) => answerExternal(DEFAULT_EXTERNAL_ZONE, n, t);
  const inCluster = q.endsWith('.cluster.local.') || q.endsWith('.in-addr.arpa.');
  const answer = (inCluster ? answerKubernetes(view, q, type, external) : null) ?? external(q, type);
  return { ...answer, step: ++step };
};
const conf = podResolvConf(
  { namespace: 'default' },
  { clusterDNS: '10.96.0.10', clusterDomain: 'cluster.local', node: KIND_NODE_RESOLV },
);

describe('busybox nslookup', () => {
  it('sends A then AAAA for each search domain of a short name', () => {
    expect(nslookupQueries('web', conf).map((q) => `${q.type} ${q.name}`)).toEqual([
      'A web.default.svc.cluster.local',
      'A web.svc.cluster.local',
      'A web.cluster.local',
      'AAAA web.default.svc.cluster.local',
      'AAAA web.svc.cluster.local',
      'AAAA web.cluster.local',
    ]);
  });

  it('prints every reply, failures included, and exits 1 when one failed', () => {
    const result = nslookup('web', conf, coredns, null);
    expect(result.output).toBe(
      [
        'Server:\t\t10.96.0.10',
        'Address:\t10.96.0.10:53',
        '',
        'Name:\tweb.default.svc.cluster.local',
        'Address: 10.96.12.34',
        '',
        "** server can't find web.svc.cluster.local: NXDOMAIN",
        '',
        "** server can't find web.cluster.local: NXDOMAIN",
        '',
        '',
        "** server can't find web.svc.cluster.local: NXDOMAIN",
        '',
        "** server can't find web.cluster.local: NXDOMAIN",
        '',
        '',
      ].join('\n'),
    );
    expect(result.exitCode).toBe(1);
  });

  it('sends a fully qualified service name as given', () => {
    const result = nslookup('web.default.svc.cluster.local', conf, coredns, null);
    expect(result.output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n\n',
    );
    expect(result.exitCode).toBe(0);
  });

  it('marks forwarded answers non-authoritative', () => {
    expect(nslookup('example.com', conf, coredns, null).output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 192.0.2.10\n\n' +
        'Non-authoritative answer:\nName:\texample.com\nAddress: 2001:db8::10\n\n',
    );
  });

  it('looks an address up by PTR', () => {
    expect(nslookup('10.96.12.34', conf, coredns, null).output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n34.12.96.10.in-addr.arpa\tname = web.default.svc.cluster.local\n\n',
    );
  });

  it('reports an unknown name on every search domain', () => {
    const result = nslookup('nosuch.example', conf, coredns, null);
    expect(result.output).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nosuch.example: NXDOMAIN\n\n** server can't find nosuch.example: NXDOMAIN\n\n",
    );
  });

  it('says so when no server answers', () => {
    expect(nslookup('web', conf, () => null, null)).toMatchObject({
      output: ';; connection timed out; no servers could be reached\n\n',
      exitCode: 1,
    });
  });
});
