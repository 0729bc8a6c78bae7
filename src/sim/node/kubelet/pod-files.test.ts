import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { renderResolvConf } from '../../network/dns/resolv';
import type { PodObject } from './context';
import { hostsFile, podDns, podHostname } from './pod-files';

const pod = (spec: Partial<PodSpec>, namespace = 'default'): PodObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace },
  spec: { containers: [], ...spec },
});

const HEADER =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
  'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('the pod hosts file', () => {
  it.each<[string, Partial<PodSpec>, string]>([
    ['a plain pod', {}, `${HEADER}10.244.1.5\tweb-0\n`],
    [
      'a StatefulSet pod with a subdomain',
      { hostname: 'db-0', subdomain: 'db' },
      `${HEADER}10.244.1.5\tdb-0.db.default.svc.cluster.local\tdb-0\n`,
    ],
    [
      'hostAliases',
      { hostAliases: [{ ip: '10.0.0.9', hostnames: ['foo.local', 'bar.local'] }] },
      `${HEADER}10.244.1.5\tweb-0\n\n# Entries added by HostAliases.\n10.0.0.9\tfoo.local\tbar.local\n`,
    ],
    ['a host-network pod', { hostNetwork: true }, '127.0.0.1\tlocalhost\n'],
  ])('for %s', (_what, spec, content) => {
    expect(hostsFile(pod(spec), ['10.244.1.5'], '127.0.0.1\tlocalhost\n')).toBe(content);
  });

  it('uses the pod name as hostname unless spec.hostname is set', () => {
    expect(podHostname(pod({}))).toEqual({ hostname: 'web-0', domain: '' });
    expect(podHostname(pod({ hostname: 'h', subdomain: 's' }, 'ns'))).toEqual({
      hostname: 'h',
      domain: 's.ns.svc.cluster.local',
    });
  });
});

describe('the pod DNS settings', () => {
  it.each<[string, Partial<PodSpec>, string]>([
    [
      'ClusterFirst',
      {},
      'search team.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    ['ClusterFirst on the host network', { hostNetwork: true }, 'nameserver 172.18.0.1\noptions ndots:0\n'],
    [
      'None with a dnsConfig',
      { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } },
      'nameserver 1.1.1.1\n',
    ],
  ])('%s', (_what, spec, text) => expect(renderResolvConf(podDns(pod(spec, 'team')))).toBe(text));
});
