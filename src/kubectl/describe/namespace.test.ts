import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { describeNamespace, describeResourceQuota } from './namespace';

const ns = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'dev' },
  status: { phase: 'Active' },
} as KubeObject;

describe('describeNamespace', () => {
  it('says when there are no quotas or limit ranges', async () => {
    const ctx: DescribeContext = { now: 0, list: async () => [], get: async () => null };
    expect(await describeNamespace(ns, ctx)).toBe(
      'Name:         dev\nLabels:       <none>\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
  });

  it('leaves out sections the server does not serve, and fails on other errors', async () => {
    const missing: DescribeContext = {
      now: 0,
      list: () => Promise.reject(Object.assign(new Error('not found'), { code: 404 })),
      get: async () => null,
    };
    expect(await describeNamespace(ns, missing)).toBe(
      'Name:         dev\nLabels:       <none>\nAnnotations:  <none>\nStatus:       Active\n',
    );
    const broken: DescribeContext = {
      ...missing,
      list: () => Promise.reject(Object.assign(new Error('boom'), { code: 500 })),
    };
    await expect(describeNamespace(ns, broken)).rejects.toThrow('boom');
  });
});

describe('describeResourceQuota', () => {
  it('prints usage in the format of the hard limit', async () => {
    const quota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'dev' },
      spec: { scopes: ['NotTerminating'] },
      status: {
        hard: { 'requests.memory': '1Gi', pods: '10', 'requests.cpu': '2' },
        used: { 'requests.memory': '0', 'requests.cpu': '500m' },
      },
    } as unknown as KubeObject;
    expect((await describeResourceQuota(quota)).split('\n')).toEqual([
      'Name:       q',
      'Namespace:  dev',
      'Scopes:     NotTerminating',
      ' * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
      'Resource         Used  Hard',
      '--------         ----  ----',
      'pods             0     10',
      'requests.cpu     500m  2',
      'requests.memory  0     1Gi',
      '',
    ]);
  });
});
