import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaultedPodSpec, defaulted, POD_SPEC_DEFAULTS, podSpec } from './testing';

const BARE_TEMPLATE = { spec: POD_SPEC_DEFAULTS };

const TEMPLATE_META = { creationTimestamp: null, labels: { app: 'web' } };

describe('Deployment defaults', () => {
  it('kubectl create deployment web --image=nginx stores what a real cluster shows', () => {
    const sent: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { creationTimestamp: null as unknown as string, labels: { app: 'web' }, name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        strategy: {},
        template: { metadata: TEMPLATE_META, spec: podSpec() },
      },
      status: {},
    };
    expect(defaulted(sent)).toEqual({
      ...sent,
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: { metadata: TEMPLATE_META, spec: defaultedPodSpec() },
      },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'no spec at all',
      {},
      {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: BARE_TEMPLATE,
      },
    ],
    [
      'explicit values kept',
      {
        replicas: 0,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
        revisionHistoryLimit: 0,
        progressDeadlineSeconds: 60,
      },
      {
        replicas: 0,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
        revisionHistoryLimit: 0,
        progressDeadlineSeconds: 60,
        template: BARE_TEMPLATE,
      },
    ],
    [
      'Recreate gets no rolling update parameters',
      { strategy: { type: 'Recreate' } },
      {
        replicas: 1,
        strategy: { type: 'Recreate' },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: BARE_TEMPLATE,
      },
    ],
    [
      'partial rolling update is completed',
      { strategy: { rollingUpdate: { maxSurge: 2 } } },
      {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: BARE_TEMPLATE,
      },
    ],
  ])('%s', (_name, spec, expected) => {
    const out = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
    expect(out.spec).toEqual(expected);
  });
});

describe('ReplicaSet defaults', () => {
  it('defaults replicas and the template only', () => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: podSpec('nginx:1.27') },
      },
    });
    expect(out.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: defaultedPodSpec('nginx:1.27', 'IfNotPresent'),
      },
    });
  });
});

describe('StatefulSet defaults', () => {
  it('fills strategy, retention policy, history and claim templates', () => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: podSpec() },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    });
    expect(out.spec).toEqual({
      serviceName: 'db',
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: defaultedPodSpec() },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
            volumeMode: 'Filesystem',
          },
          status: { phase: 'Pending' },
        },
      ],
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'explicit RollingUpdate without parameters stays bare',
      { type: 'RollingUpdate' },
      { type: 'RollingUpdate' },
    ],
    [
      'explicit partition kept',
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    ],
    [
      'missing partition defaulted',
      { rollingUpdate: {} },
      { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ],
    ['OnDelete untouched', { type: 'OnDelete' }, { type: 'OnDelete' }],
  ])('update strategy: %s', (_name, updateStrategy, expected) => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { updateStrategy },
    });
    expect((out.spec as Record<string, unknown>).updateStrategy).toEqual(expected);
  });

  it('completes a partial retention policy and keeps explicit values', () => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: {
        replicas: 3,
        podManagementPolicy: 'Parallel',
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
      },
    });
    expect(out.spec).toMatchObject({
      replicas: 3,
      podManagementPolicy: 'Parallel',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
    });
  });
});

describe('DaemonSet defaults', () => {
  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown>]>([
    ['no strategy', undefined, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }],
    [
      'partial',
      { rollingUpdate: { maxSurge: '10%' } },
      { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } },
    ],
    ['OnDelete', { type: 'OnDelete' }, { type: 'OnDelete' }],
  ])('%s', (_name, updateStrategy, expected) => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds' },
      spec: { ...(updateStrategy ? { updateStrategy } : {}), template: { spec: podSpec('fluentd:v1') } },
    });
    expect(out.spec).toEqual({
      updateStrategy: expected,
      revisionHistoryLimit: 10,
      template: { spec: defaultedPodSpec('fluentd:v1', 'IfNotPresent') },
    });
  });
});
