import { describe, expect, it } from 'vitest';
import { createErrors, updateErrors } from './testing';

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });
const cm = (data: Record<string, string>, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta('cfg', 'default'),
  data,
  ...extra,
});
const secret = (extra: object) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: meta('s', 'default'),
  ...extra,
});
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  it.each<[string, object, string[]]>([
    ['valid', cm({ 'app.properties': 'a=b' }), []],
    ['bad key', cm({ 'a/b': 'x' }), [`data[a/b]: Invalid value: "a/b": ${KEY_MSG}`]],
    [
      'key in both bags',
      cm({ k: 'x' }, { binaryData: { k: 'eA==' } }),
      ['data[k]: Invalid value: "k": duplicate of key present in binaryData'],
    ],
    [
      'over 1 MiB',
      cm({ big: 'x'.repeat(1024 * 1024 + 1) }),
      [': Too long: may not be more than 1048576 bytes'],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('keeps an immutable config map immutable', () => {
    const before = cm({ a: '1' }, { immutable: true });
    expect(updateErrors(before, cm({ a: '2' }, { immutable: true }))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(updateErrors(before, cm({ a: '1' }, { immutable: false }))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('Secret', () => {
  it.each<[string, object, string[]]>([
    ['opaque', secret({ data: { password: 'cGFzcw==' }, stringData: { user: 'me' } }), []],
    [
      'bad key in stringData',
      secret({ stringData: { 'a b': 'x' } }),
      [`data[a b]: Invalid value: "a b": ${KEY_MSG}`],
    ],
    [
      'tls without keys',
      secret({ type: 'kubernetes.io/tls', data: {} }),
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    [
      'basic auth without username or password',
      secret({ type: 'kubernetes.io/basic-auth' }),
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    [
      'docker config that is not JSON',
      secret({ type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'nope' } }),
      [
        "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'o' in literal null (expecting 'u')",
      ],
    ],
    [
      'service account token without the account',
      secret({ type: 'kubernetes.io/service-account-token' }),
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('makes the type immutable', () => {
    expect(updateErrors(secret({ type: 'Opaque' }), secret({ type: 'example.com/custom' }))).toEqual([
      'type: Invalid value: "example.com/custom": field is immutable',
    ]);
  });
});

describe('Namespace, ServiceAccount, Node', () => {
  it.each<[string, object, string[]]>([
    ['namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: meta('team-a') }, []],
    [
      'namespace with dots',
      { apiVersion: 'v1', kind: 'Namespace', metadata: meta('team.a') },
      ['metadata.name: Invalid value: "team.a": must not contain dots'],
    ],
    [
      'namespace finalizer',
      { apiVersion: 'v1', kind: 'Namespace', metadata: meta('a'), spec: { finalizers: ['custom'] } },
      [
        'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
      ],
    ],
    [
      'service account',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('builder', 'default') },
      [],
    ],
    [
      'node',
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: meta('node-1'),
        status: { capacity: { cpu: '4', pods: '110' } },
      },
      [],
    ],
    [
      'node taints',
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: meta('node-1'),
        spec: {
          taints: [
            { key: 'a', effect: 'NoSchedule' },
            { key: 'a', effect: 'NoSchedule' },
            { key: 'b', effect: 'Sometimes' },
          ],
        },
      },
      [
        'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
        'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [
      'node pod CIDR',
      { apiVersion: 'v1', kind: 'Node', metadata: meta('n'), spec: { podCIDRs: ['10.244.0.0/33'] } },
      [
        'spec.podCIDRs[0]: Invalid value: "10.244.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('fixes a node podCIDR once set', () => {
    const node = (cidr: string) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta('n'),
      spec: { podCIDR: cidr, podCIDRs: [cidr] },
    });
    expect(updateErrors(node('10.244.0.0/24'), node('10.244.1.0/24'))).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});

describe('Endpoints and ReplicationController', () => {
  it('checks endpoint subsets', () => {
    const ep = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta('web', 'default'),
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }, { port: 0, name: 'b' }] }, {}],
    };
    expect(createErrors(ep)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[0].ports[0].name: Required value',
      'subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });

  it('checks a replication controller selector against its template', () => {
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: meta('web', 'default'),
      spec: {
        replicas: 1,
        selector: { app: 'x' },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
    };
    expect(createErrors(rc)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });
});
