import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { describeNode } from './node';

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'gpu-1',
    uid: 'n-1',
    creationTimestamp: '2025-03-01T10:00:00Z',
    labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'gpu' },
  },
  spec: { unschedulable: true },
  status: {
    capacity: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '2', pods: '110' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.9' }],
    nodeInfo: { kubeletVersion: 'v1.32.4' },
  },
} as unknown as KubeObject;

const forbidden: DescribeContext = {
  now: 0,
  showEvents: false,
  list: () => Promise.reject(Object.assign(new Error('pods is forbidden'), { code: 403 })),
  get: async () => null,
};

describe('describeNode', () => {
  it('reports pods it may not list as not authorized and a missing lease as an error', async () => {
    const lines = (await describeNode(node, forbidden)).split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'Name:               gpu-1',
      'Roles:              gpu,worker',
      'Labels:             kubernetes.io/role=gpu',
      '                    node-role.kubernetes.io/worker=',
      'Annotations:        <none>',
      'CreationTimestamp:  Sat, 01 Mar 2025 10:00:00 +0000',
      'Taints:             <none>',
      'Unschedulable:      true',
      'Lease:              Failed to get lease: leases.coordination.k8s.io "gpu-1" not found',
    ]);
    expect(lines.slice(-3)).toEqual([
      '  Kube-Proxy Version:         ',
      'Pods:                         not authorized',
      '',
    ]);
  });

  it('totals requests against allocatable, with extended resources as plain amounts', async () => {
    const pod = {
      metadata: { namespace: 'ml', name: 'train', creationTimestamp: '2025-03-01T10:00:00Z' },
      spec: {
        containers: [
          {
            name: 'c',
            resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } },
          },
        ],
      },
    };
    const ctx: DescribeContext = {
      ...forbidden,
      now: Date.parse('2025-03-01T10:05:00Z'),
      list: async () => [pod as unknown as KubeObject],
    };
    const text = await describeNode(node, ctx);
    expect(text.slice(text.indexOf('Non-terminated Pods:')).split('\n')).toEqual([
      'Non-terminated Pods:          (1 in total)',
      '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
      '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
      '  ml                          train    1 (25%)       0 (0%)      0 (0%)           0 (0%)         5m',
      'Allocated resources:',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
      '  Resource           Requests  Limits',
      '  --------           --------  ------',
      '  cpu                1 (25%)   0 (0%)',
      '  memory             0 (0%)    0 (0%)',
      '  ephemeral-storage  0 (0%)    0 (0%)',
      '  nvidia.com/gpu     1         1',
      '',
    ]);
  });
});
