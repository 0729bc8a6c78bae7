import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaulted, POD_SPEC_DEFAULTS, TERMINATION } from './testing';

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

describe('Pod defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'kubectl run nginx --image=nginx',
      {
        containers: [{ name: 'nginx', image: 'nginx', resources: {} }],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
      },
      {
        containers: [
          { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {}, ...TERMINATION },
        ],
        enableServiceLinks: true,
        ...POD_SPEC_DEFAULTS,
      },
    ],
    [
      'explicit values are kept, including zero and false pointers',
      {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            imagePullPolicy: 'Never',
            terminationMessagePath: '/tmp/msg',
            terminationMessagePolicy: 'FallbackToLogsOnError',
          },
        ],
        dnsPolicy: 'Default',
        restartPolicy: 'Never',
        schedulerName: 'my-scheduler',
        securityContext: { runAsUser: 1000 },
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
      },
      {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            imagePullPolicy: 'Never',
            terminationMessagePath: '/tmp/msg',
            terminationMessagePolicy: 'FallbackToLogsOnError',
          },
        ],
        dnsPolicy: 'Default',
        restartPolicy: 'Never',
        schedulerName: 'my-scheduler',
        securityContext: { runAsUser: 1000 },
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
      },
    ],
    [
      'empty strings and nulls count as unset',
      {
        containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: '' }],
        dnsPolicy: '',
        securityContext: null,
      },
      {
        containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ...TERMINATION }],
        enableServiceLinks: true,
        ...POD_SPEC_DEFAULTS,
      },
    ],
    [
      'requests default to limits on containers and init containers, not ephemeral ones',
      {
        initContainers: [{ name: 'init', image: 'busybox:1.36', resources: { limits: { cpu: '100m' } } }],
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
          },
          { name: 'd', image: 'nginx:1.27', resources: { limits: {} } },
        ],
        ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36', resources: { limits: { cpu: '1' } } }],
      },
      {
        initContainers: [
          {
            name: 'init',
            image: 'busybox:1.36',
            imagePullPolicy: 'IfNotPresent',
            resources: { limits: { cpu: '100m' }, requests: { cpu: '100m' } },
            ...TERMINATION,
          },
        ],
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            resources: {
              limits: { cpu: '500m', memory: '128Mi' },
              requests: { cpu: '250m', memory: '128Mi' },
            },
            ...TERMINATION,
          },
          {
            name: 'd',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            resources: { limits: {} },
            ...TERMINATION,
          },
        ],
        ephemeralContainers: [
          {
            name: 'debug',
            image: 'busybox:1.36',
            imagePullPolicy: 'IfNotPresent',
            resources: { limits: { cpu: '1' } },
            ...TERMINATION,
          },
        ],
        enableServiceLinks: true,
        ...POD_SPEC_DEFAULTS,
      },
    ],
    [
      'host network: host ports mirror container ports; protocols default to TCP',
      {
        hostNetwork: true,
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }, { containerPort: 53, hostPort: 5353, protocol: 'UDP' }],
          },
        ],
      },
      {
        hostNetwork: true,
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            ports: [
              { containerPort: 80, hostPort: 80, protocol: 'TCP' },
              { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
            ],
            ...TERMINATION,
          },
        ],
        enableServiceLinks: true,
        ...POD_SPEC_DEFAULTS,
      },
    ],
    [
      'a pod without a spec still gets the pod spec defaults',
      undefined as unknown as Record<string, unknown>,
      { enableServiceLinks: true, ...POD_SPEC_DEFAULTS },
    ],
  ])('%s', (_name, spec, expected) => {
    const input = spec === undefined ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } : pod(spec);
    expect(defaulted(input).spec).toEqual(expected);
  });

  it('skips malformed parts instead of throwing', () => {
    const out = defaulted(
      pod({ containers: ['nope', null, { name: 'c', image: 'x:1', ports: 'bad' }], volumes: 7 }),
    );
    expect(out.spec).toMatchObject({
      containers: ['nope', null, { name: 'c', image: 'x:1', imagePullPolicy: 'IfNotPresent', ports: 'bad' }],
      volumes: 7,
    });
  });
});

describe('PodTemplate defaults', () => {
  it('defaults the template spec without the pod-only defaults', () => {
    const out = defaulted({
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 't' },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '1' } } }] },
      },
    });
    expect(out.template).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            imagePullPolicy: 'Always',
            resources: { limits: { cpu: '1' } },
            ...TERMINATION,
          },
        ],
        ...POD_SPEC_DEFAULTS,
      },
    });
  });
});
