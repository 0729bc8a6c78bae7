import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import type { Printer } from './types';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 3 * 3600_000 - 30 * 60_000).toISOString(); // 3h30m ago
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;
const header = (p: Printer) => p.columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'sidecar', image: 'busybox:1.36' },
    ],
  },
};

describe('deployments', () => {
  it('has the v1.32 columns', () => {
    expect(header(deploymentPrinter)).toEqual([
      'Name:string:0',
      'Ready:string:0',
      'Up-to-date:string:0',
      'Available:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'rolled out',
      {
        metadata: { name: 'web', creationTimestamp: created },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
      },
      ['web', '3/3', 3, 3, '3h30m', 'nginx,sidecar', 'nginx:1.27,busybox:1.36', 'app=web'],
    ],
    [
      'just created, no status yet',
      {
        metadata: { name: 'api', creationTimestamp: created },
        spec: {
          replicas: 2,
          selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
          template,
        },
      },
      ['api', '0/2', 0, 0, '3h30m', 'nginx,sidecar', 'nginx:1.27,busybox:1.36', 'tier in (a,b)'],
    ],
    [
      'empty and invalid selectors',
      {
        metadata: { name: 'odd' },
        spec: { replicas: 0, selector: { matchExpressions: [{ key: 'x', operator: 'Near' }] }, template: {} },
      },
      ['odd', '0/0', 0, 0, '<unknown>', '', '', '<invalid>'],
    ],
    [
      'empty selector prints empty, not <none>',
      { metadata: { name: 'e' }, spec: { replicas: 1, selector: {}, template: {} } },
      ['e', '0/1', 0, 0, '<unknown>', '', '', ''],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(deploymentPrinter, obj)).toEqual(expected);
  });
});

describe('replicasets and replication controllers', () => {
  it('share the Desired/Current/Ready columns', () => {
    const expected = [
      'Name:string:0',
      'Desired:integer:0',
      'Current:integer:0',
      'Ready:integer:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ];
    expect(header(replicaSetPrinter)).toEqual(expected);
    expect(header(replicationControllerPrinter)).toEqual(expected);
  });

  it('prints a replicaset', () => {
    const rs = {
      metadata: { name: 'web-7d9f8c', creationTimestamp: created },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9f8c' } },
        template,
      },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(cells(replicaSetPrinter, rs)).toEqual([
      'web-7d9f8c',
      3,
      3,
      2,
      '3h30m',
      'nginx,sidecar',
      'nginx:1.27,busybox:1.36',
      'app=web,pod-template-hash=7d9f8c',
    ]);
    expect(cells(replicaSetPrinter, { metadata: { name: 'x' }, spec: { replicas: 0 } }).slice(1, 4)).toEqual([
      0, 0, 0,
    ]);
    expect(cells(replicaSetPrinter, { metadata: { name: 'x' }, spec: { selector: {} } })[7]).toBe('<none>');
  });

  it('prints a replication controller with a map selector', () => {
    const rc = {
      metadata: { name: 'legacy', creationTimestamp: created },
      spec: { replicas: 2, selector: { app: 'legacy' }, template },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(cells(replicationControllerPrinter, rc)).toEqual([
      'legacy',
      2,
      2,
      1,
      '3h30m',
      'nginx,sidecar',
      'nginx:1.27,busybox:1.36',
      'app=legacy',
    ]);
    expect(cells(replicationControllerPrinter, { metadata: { name: 'x' }, spec: {} })[7]).toBe('<none>');
  });
});

describe('statefulsets', () => {
  it('prints READY as ready/desired', () => {
    expect(header(statefulSetPrinter)).toEqual([
      'Name:string:0',
      'Ready:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
    ]);
    const sts = {
      metadata: { name: 'db', creationTimestamp: created },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(cells(statefulSetPrinter, sts)).toEqual([
      'db',
      '1/3',
      '3h30m',
      'nginx,sidecar',
      'nginx:1.27,busybox:1.36',
    ]);
  });
});

describe('daemonsets', () => {
  it('prints the scheduling counters and node selector', () => {
    expect(header(daemonSetPrinter)).toEqual([
      'Name:string:0',
      'Desired:integer:0',
      'Current:integer:0',
      'Ready:integer:0',
      'Up-to-date:integer:0',
      'Available:integer:0',
      'Node Selector:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    const ds = {
      metadata: { name: 'kube-proxy', creationTimestamp: created },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    };
    expect(cells(daemonSetPrinter, ds)).toEqual([
      'kube-proxy',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '3h30m',
      'kube-proxy',
      'registry.k8s.io/kube-proxy:v1.32.0',
      'k8s-app=kube-proxy',
    ]);
    expect(cells(daemonSetPrinter, { metadata: { name: 'x' }, spec: { template: {} } })[6]).toBe('<none>');
  });
});

describe('controllerrevisions', () => {
  it.each<[string, object, unknown[]]>([
    [
      'owned by a statefulset',
      {
        metadata: {
          name: 'db-5d8c7b',
          creationTimestamp: created,
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u1', controller: true },
          ],
        },
        revision: 2,
      },
      ['db-5d8c7b', 'statefulset.apps/db', 2, '3h30m'],
    ],
    [
      'owned by a core-group object',
      {
        metadata: {
          name: 'r',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u', controller: true },
          ],
        },
        revision: 1,
      },
      ['r', 'replicationcontroller/rc', 1, '<unknown>'],
    ],
    [
      'without a controller reference',
      {
        metadata: {
          name: 'r',
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'd', uid: 'u' }],
        },
        revision: 7,
      },
      ['r', '<none>', 7, '<unknown>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(header(controllerRevisionPrinter)).toEqual([
      'Name:string:0',
      'Controller:string:0',
      'Revision:string:0',
      'Age:string:0',
    ]);
    expect(cells(controllerRevisionPrinter, obj)).toEqual(expected);
  });
});
