import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaulted, POD_SPEC_DEFAULTS, TERMINATION } from './testing';

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

describe('container defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'probes, lifecycle hooks and env field references',
      {
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            env: [
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'PLAIN', value: 'x' },
            ],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 5, periodSeconds: 0 },
            startupProbe: { grpc: { port: 2379 }, failureThreshold: 30 },
            lifecycle: {
              preStop: { httpGet: { port: 8080, path: '/quit' } },
              postStart: { exec: { command: ['true'] } },
            },
          },
        ],
      },
      {
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            env: [
              { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
              { name: 'PLAIN', value: 'x' },
            ],
            livenessProbe: {
              httpGet: { port: 80, path: '/', scheme: 'HTTP' },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            readinessProbe: {
              tcpSocket: { port: 80 },
              timeoutSeconds: 5,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            startupProbe: {
              grpc: { port: 2379, service: '' },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 30,
            },
            lifecycle: {
              preStop: { httpGet: { port: 8080, path: '/quit', scheme: 'HTTP' } },
              postStart: { exec: { command: ['true'] } },
            },
            ...TERMINATION,
          },
        ],
        enableServiceLinks: true,
        ...POD_SPEC_DEFAULTS,
      },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(defaulted(pod(spec)).spec).toEqual(expected);
  });
});

describe('container defaults by container list', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'each kind of container, with its own pull policy',
      { name: 'c', image: 'registry.k8s.io/pause:3.10', ports: [{ containerPort: 9000, protocol: 'SCTP' }] },
      {
        name: 'c',
        image: 'registry.k8s.io/pause:3.10',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 9000, protocol: 'SCTP' }],
        ...TERMINATION,
      },
    ],
    [
      'explicit probe settings are kept',
      {
        name: 'c',
        image: 'busybox',
        livenessProbe: {
          exec: { command: ['true'] },
          timeoutSeconds: 2,
          periodSeconds: 3,
          successThreshold: 1,
          failureThreshold: 9,
        },
        readinessProbe: { httpGet: { port: 'http', path: '/ready', scheme: 'HTTPS' } },
      },
      {
        name: 'c',
        image: 'busybox',
        imagePullPolicy: 'Always',
        livenessProbe: {
          exec: { command: ['true'] },
          timeoutSeconds: 2,
          periodSeconds: 3,
          successThreshold: 1,
          failureThreshold: 9,
        },
        readinessProbe: {
          httpGet: { port: 'http', path: '/ready', scheme: 'HTTPS' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        ...TERMINATION,
      },
    ],
    [
      'a gRPC probe naming a service keeps it',
      { name: 'c', image: 'etcd:3.5', readinessProbe: { grpc: { port: 2379, service: 'etcd' } } },
      {
        name: 'c',
        image: 'etcd:3.5',
        imagePullPolicy: 'IfNotPresent',
        readinessProbe: {
          grpc: { port: 2379, service: 'etcd' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        ...TERMINATION,
      },
    ],
  ])('%s', (_name, container, expected) => {
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      const out = defaulted(pod({ [list]: [container] }));
      expect((out.spec as Record<string, unknown>)[list]).toEqual([expected]);
    }
  });
});
