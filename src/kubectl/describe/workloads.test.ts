import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { describeDeployment, describeReplicaSet } from './workloads';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image, resources: {} }] },
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd-1', creationTimestamp: '2025-03-01T10:00:00Z' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
    template: template('web:2'),
  },
  status: { replicas: 3, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 1 },
} as unknown as KubeObject;

const replicaSet = (name: string, image: string, created: string, replicas: number, owner = 'd-1') => ({
  metadata: {
    name,
    creationTimestamp: created,
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner, controller: true },
    ],
  },
  spec: { replicas, template: template(image, name.slice(4)) },
  status: { replicas },
});

describe('describeDeployment', () => {
  it('finds its new and old ReplicaSets by template, ignoring the hash label and other owners', async () => {
    const calls: string[] = [];
    const ctx: DescribeContext = {
      now: 0,
      showEvents: false,
      get: async () => null,
      list: async (path, query) => {
        calls.push(`${path}?${new URLSearchParams(query).toString()}`);
        return [
          replicaSet('web-bbb', 'web:2', '2025-03-01T10:05:00Z', 1),
          replicaSet('web-aaa', 'web:1', '2025-03-01T10:00:00Z', 2),
          replicaSet('web-zzz', 'web:0', '2025-03-01T09:00:00Z', 0),
          replicaSet('web-ccc', 'web:2', '2025-03-01T09:00:00Z', 5, 'other'),
        ] as unknown as KubeObject[];
      },
    };
    const text = await describeDeployment(deployment, ctx);
    expect(calls).toEqual(['/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb']);
    expect(text).toContain(
      'Replicas:               2 desired | 1 updated | 3 total | 2 available | 1 unavailable\n',
    );
    expect(text).toContain('RollingUpdateStrategy:  25% max unavailable, 1 max surge\n');
    expect(text.slice(text.indexOf('OldReplicaSets'))).toBe(
      // Without conditions in between, these two align with the pod template's last lines.
      'OldReplicaSets:    web-zzz (0/0 replicas created), web-aaa (2/2 replicas created)\n' +
        'NewReplicaSet:     web-bbb (1/1 replicas created)\n',
    );
  });
});

describe('describeReplicaSet', () => {
  it('shows why it could not count pods', async () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-aaa', namespace: 'default', uid: 'r-1' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('web:1') },
      status: { replicas: 1 },
    } as unknown as KubeObject;
    const ctx: DescribeContext = {
      now: 0,
      showEvents: false,
      get: async () => null,
      list: () => Promise.reject(new Error('pods is forbidden')),
    };
    expect(await describeReplicaSet(rs, ctx)).toContain(
      'Pods Status:  error in fetching pods: pods is forbidden\n',
    );
  });
});
