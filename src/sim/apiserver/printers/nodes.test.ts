import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { componentStatusPrinter, leasePrinter, namespacePrinter, nodePrinter } from './nodes';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 26 * 3600_000).toISOString(); // 26h ago
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;

const nodeInfo = {
  kubeletVersion: 'v1.32.0',
  osImage: 'Ubuntu 24.04.1 LTS',
  kernelVersion: '6.8.0-49-generic',
  containerRuntimeVersion: 'containerd://1.7.24',
};

function node(fields: {
  labels?: Record<string, string>;
  unschedulable?: boolean;
  conditions?: object[];
  addresses?: object[];
  info?: object;
}) {
  return {
    metadata: { name: 'node-1', creationTimestamp: created, labels: fields.labels ?? {} },
    spec: fields.unschedulable ? { unschedulable: true } : {},
    status: { conditions: fields.conditions, addresses: fields.addresses, nodeInfo: fields.info },
  };
}

const ready = [
  { type: 'MemoryPressure', status: 'False' },
  { type: 'Ready', status: 'True' },
];

describe('nodes', () => {
  it('has the v1.32 columns', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
      'OS-Image:1',
      'Kernel-Version:1',
      'Container-Runtime:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'ready control plane',
      node({
        labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' },
        conditions: ready,
        addresses: [
          { type: 'Hostname', address: 'node-1' },
          { type: 'InternalIP', address: '192.168.49.2' },
        ],
        info: nodeInfo,
      }),
      [
        'node-1',
        'Ready',
        'control-plane',
        '26h',
        'v1.32.0',
        '192.168.49.2',
        '<none>',
        'Ubuntu 24.04.1 LTS',
        '6.8.0-49-generic',
        'containerd://1.7.24',
      ],
    ],
    [
      'not ready worker',
      node({ conditions: [{ type: 'Ready', status: 'False' }], info: nodeInfo }),
      [
        'node-1',
        'NotReady',
        '<none>',
        '26h',
        'v1.32.0',
        '<none>',
        '<none>',
        'Ubuntu 24.04.1 LTS',
        '6.8.0-49-generic',
        'containerd://1.7.24',
      ],
    ],
    [
      'node controller lost contact: Unknown reads NotReady',
      node({ conditions: [{ type: 'Ready', status: 'Unknown' }] }),
      ['node-1', 'NotReady', '<none>', '26h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
    [
      'cordoned, several roles, sorted and de-duplicated',
      node({
        labels: {
          'node-role.kubernetes.io/worker': '',
          'node-role.kubernetes.io/infra': 'true',
          'node-role.kubernetes.io/': '',
          'kubernetes.io/role': 'worker',
        },
        unschedulable: true,
        conditions: ready,
        addresses: [
          { type: 'ExternalIP', address: '203.0.113.5' },
          { type: 'InternalIP', address: '10.0.0.5' },
          { type: 'ExternalIP', address: '203.0.113.6' },
        ],
      }),
      [
        'node-1',
        'Ready,SchedulingDisabled',
        'infra,worker',
        '26h',
        '',
        '10.0.0.5',
        '203.0.113.5',
        '<unknown>',
        '<unknown>',
        '<unknown>',
      ],
    ],
    [
      'no conditions yet',
      node({ unschedulable: true }),
      [
        'node-1',
        'Unknown,SchedulingDisabled',
        '<none>',
        '26h',
        '',
        '<none>',
        '<none>',
        '<unknown>',
        '<unknown>',
        '<unknown>',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(nodePrinter, obj)).toEqual(expected);
  });
});

describe('namespaces, leases and component statuses', () => {
  it('prints namespaces', () => {
    expect(namespacePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(
      cells(namespacePrinter, {
        metadata: { name: 'default', creationTimestamp: created },
        status: { phase: 'Active' },
      }),
    ).toEqual(['default', 'Active', '26h']);
    expect(cells(namespacePrinter, { metadata: { name: 'gone' }, status: { phase: 'Terminating' } })).toEqual(
      ['gone', 'Terminating', '<unknown>'],
    );
  });

  it('prints leases', () => {
    expect(leasePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    const lease = {
      metadata: { name: 'kube-scheduler', creationTimestamp: created },
      spec: { holderIdentity: 'control-plane_7c1c', leaseDurationSeconds: 15 },
    };
    expect(cells(leasePrinter, lease)).toEqual(['kube-scheduler', 'control-plane_7c1c', '26h']);
    expect(cells(leasePrinter, { metadata: { name: 'free' }, spec: {} })).toEqual(['free', '', '<unknown>']);
  });

  it.each<[object[] | undefined, unknown[]]>([
    [[{ type: 'Healthy', status: 'True', message: 'ok' }], ['etcd-0', 'Healthy', 'ok', '']],
    [
      [
        {
          type: 'Healthy',
          status: 'False',
          message: '',
          error: 'dial tcp 127.0.0.1:2379: connect: connection refused',
        },
      ],
      ['etcd-0', 'Unhealthy', '', 'dial tcp 127.0.0.1:2379: connect: connection refused'],
    ],
    [undefined, ['etcd-0', 'Unknown', '', '']],
  ])('prints component status %#', (conditions, expected) => {
    expect(componentStatusPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Message', 'Error']);
    expect(cells(componentStatusPrinter, { metadata: { name: 'etcd-0' }, conditions })).toEqual(expected);
  });
});
