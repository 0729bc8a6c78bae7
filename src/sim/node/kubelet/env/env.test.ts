import type { Container, EnvVar, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { PodObject } from '../context';
import { ObjectNotFound, type ObjectSource } from '../objects';
import { expand, mappingFor } from './expansion';
import { formatMap, resourceFieldValue } from './field-ref';
import { ContainerConfigError, makeEnvironment } from '.';
import { fromServices, serviceEnv } from './services';

const service = (namespace: string, name: string, ports: Service['spec']): Service => ({
  metadata: { namespace, name },
  spec: ports,
});
const KUBERNETES = service('default', 'kubernetes', {
  clusterIP: '10.96.0.1',
  ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
});
const WEB = service('default', 'web-svc', {
  clusterIP: '10.96.12.34',
  ports: [
    { port: 80, protocol: 'TCP' },
    { name: 'dns', port: 53, protocol: 'UDP' },
  ],
});
const HEADLESS = service('default', 'db', { clusterIP: 'None', ports: [{ port: 5432 }] });

const objects: ObjectSource = {
  configMap(_ns, name) {
    if (name !== 'cfg') throw new ObjectNotFound(`configmap "${name}" not found`);
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
      data: { mode: 'debug', 'log.level': 'info', 'bad=key': 'x' },
    };
  },
  secret(_ns, name) {
    if (name !== 'creds') throw new ObjectNotFound(`secret "${name}" not found`);
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      data: { password: 'czNjcjN0', note: '4pyTIMOg' },
    };
  },
};

const pod: PodObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', labels: { app: 'web', tier: 'front' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'default', containers: [] },
};

function env(container: Partial<Container>, services: Service[] = [], links = true) {
  const warnings: string[] = [];
  const result = makeEnvironment(
    { ...pod, spec: { ...pod.spec, containers: [], enableServiceLinks: links } },
    { name: 'c', ...container },
    {
      objects,
      services,
      placement: {
        podIPs: ['10.244.1.5'],
        hostIP: '172.18.0.3',
        allocatable: { cpu: '2', memory: '8039232Ki' },
      },
      warn: (reason, message) => warnings.push(`${reason}: ${message}`),
    },
    null,
  );
  return { env: Object.fromEntries(result), names: result.map(([k]) => k), warnings };
}

const one = (v: EnvVar) => env({ env: [v] }).env[v.name];

describe('$(VAR) expansion', () => {
  const mapping = mappingFor(new Map([['A', 'x']]), new Map([['B', 'y']]));
  it.each([
    ['$(A)-$(B)', 'x-y'],
    ['$(MISSING)', '$(MISSING)'],
    ['$$(A)', '$(A)'],
    ['cost: $5', 'cost: $5'],
    ['$(A', '$(A'],
    ['$()', '$()'],
  ])('%s -> %s', (input, output) => expect(expand(input, mapping)).toBe(output));
});

describe('env values', () => {
  it.each<[string, EnvVar, string | undefined]>([
    ['a literal', { name: 'X', value: 'hello' }, 'hello'],
    ['a field', { name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, 'web-1'],
    ['a label', { name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }, 'web'],
    ['the node', { name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, 'node-1'],
    ['the pod IP', { name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }, '10.244.1.5'],
    ['the host IP', { name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }, '172.18.0.3'],
    ['a configMap key', { name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }, 'debug'],
    [
      'a secret key',
      { name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
      's3cr3t',
    ],
    ['UTF-8 secret data', { name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'note' } } }, '✓ à'],
    [
      'an optional missing configMap',
      { name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
      undefined,
    ],
    [
      'an optional missing key',
      { name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'k', optional: true } } },
      undefined,
    ],
  ])('%s', (_what, v, value) => expect(one(v)).toBe(value));

  it.each<[string, EnvVar, string]>([
    [
      'a missing configMap',
      { name: 'X', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } },
      'configmap "x" not found',
    ],
    [
      'a missing secret',
      { name: 'X', valueFrom: { secretKeyRef: { name: 'x', key: 'k' } } },
      'secret "x" not found',
    ],
    [
      'a missing configMap key',
      { name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
      "couldn't find key k in ConfigMap default/cfg",
    ],
    [
      'a missing secret key',
      { name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'k' } } },
      "couldn't find key k in Secret default/creds",
    ],
  ])('fails on %s', (_what, v, message) => {
    expect(() => one(v)).toThrow(new ContainerConfigError(message));
  });

  it('expands references to earlier variables and Service variables', () => {
    const result = env(
      {
        env: [
          { name: 'HOST', value: 'db' },
          { name: 'URL', value: 'http://$(HOST):$(WEB_SVC_SERVICE_PORT)/$(LATER)' },
          { name: 'LATER', value: 'x' },
        ],
      },
      [WEB],
    );
    expect(result.env['URL']).toBe('http://db:80/$(LATER)');
  });
});

describe('envFrom', () => {
  it('adds every valid key with the prefix, skips invalid ones with an event, and env wins', () => {
    const result = env({
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }, { secretRef: { name: 'creds' } }],
      env: [{ name: 'password', value: 'override' }],
    });
    expect(result.env).toMatchObject({ CFG_mode: 'debug', 'CFG_log.level': 'info', password: 'override' });
    expect(result.warnings).toEqual([
      'InvalidEnvironmentVariableNames: Keys [CFG_bad=key] from the EnvFrom configMap default/cfg were skipped since they are considered invalid environment variable names.',
    ]);
    expect(() => env({ envFrom: [{ secretRef: { name: 'gone' } }] })).toThrow('secret "gone" not found');
    expect(env({ envFrom: [{ secretRef: { name: 'gone', optional: true } }] }).names).toEqual([]);
  });
});

describe('Service variables', () => {
  it('names every port the Docker-link way', () => {
    expect(fromServices([WEB])).toEqual([
      ['WEB_SVC_SERVICE_HOST', '10.96.12.34'],
      ['WEB_SVC_SERVICE_PORT', '80'],
      ['WEB_SVC_SERVICE_PORT_DNS', '53'],
      ['WEB_SVC_PORT', 'tcp://10.96.12.34:80'],
      ['WEB_SVC_PORT_80_TCP', 'tcp://10.96.12.34:80'],
      ['WEB_SVC_PORT_80_TCP_PROTO', 'tcp'],
      ['WEB_SVC_PORT_80_TCP_PORT', '80'],
      ['WEB_SVC_PORT_80_TCP_ADDR', '10.96.12.34'],
      ['WEB_SVC_PORT_53_UDP', 'udp://10.96.12.34:53'],
      ['WEB_SVC_PORT_53_UDP_PROTO', 'udp'],
      ['WEB_SVC_PORT_53_UDP_PORT', '53'],
      ['WEB_SVC_PORT_53_UDP_ADDR', '10.96.12.34'],
    ]);
  });

  it.each([
    ['default', true, ['KUBERNETES_SERVICE_HOST', 'WEB_SVC_SERVICE_HOST']],
    ['default', false, ['KUBERNETES_SERVICE_HOST']],
    ['other', true, ['KUBERNETES_SERVICE_HOST']],
  ])('in %s with enableServiceLinks %s: %j', (ns, links, hosts) => {
    const vars = serviceEnv([WEB, HEADLESS, KUBERNETES], ns, links);
    expect([...vars.keys()].filter((k) => k.endsWith('_SERVICE_HOST'))).toEqual(hosts);
  });

  it('come after the container variables, which win', () => {
    const result = env({ env: [{ name: 'KUBERNETES_SERVICE_HOST', value: 'mine' }] }, [KUBERNETES]);
    expect(result.names[0]).toBe('KUBERNETES_SERVICE_HOST');
    expect(result.env['KUBERNETES_SERVICE_HOST']).toBe('mine');
    expect(result.env['KUBERNETES_PORT_443_TCP']).toBe('tcp://10.96.0.1:443');
  });
});

describe('the downward API', () => {
  it('formats label maps as key="value" lines', () => {
    expect(formatMap({ tier: 'front', app: 'web "1"' })).toBe('app="web \\"1\\""\ntier="front"');
  });

  it.each([
    ['limits.cpu', undefined, { limits: { cpu: '250m' } }, '1'],
    ['limits.cpu', '1m', { limits: { cpu: '250m' } }, '250'],
    ['requests.memory', '1Mi', { requests: { memory: '64Mi' } }, '64'],
    ['limits.memory', undefined, {}, String(8039232 * 1024)],
    ['limits.cpu', undefined, {}, '2'],
    ['requests.cpu', undefined, {}, '0'],
  ])('%s with divisor %s of %j is %s', (resource, divisor, resources, value) => {
    expect(
      resourceFieldValue(
        { resource, ...(divisor === undefined ? {} : { divisor }) },
        { name: 'c', resources },
        { cpu: '2', memory: '8039232Ki' },
      ),
    ).toBe(value);
  });
});
