import { describe, expect, it } from 'vitest';
import { findResource, RESOURCES } from '../resources';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { hasCustomColumns, humanDuration, printTable } from './index';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = '2024-12-31T23:55:00Z'; // 5m before NOW

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (!r) throw new Error(`no resource ${group}/${version}/${plural}`);
  return r;
}

const pods = resource('', 'v1', 'pods');
const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '42',
    creationTimestamp: created,
    labels: { app: 'web' },
  },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'node-1' },
  status: {
    phase: 'Running',
    podIP: '10.244.1.2',
    containerStatuses: [
      { name: 'nginx', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: {} } },
    ],
  },
};

describe('printTable', () => {
  it('builds a meta.k8s.io/v1 Table with every column, wide ones included', () => {
    const table = printTable(pods, [pod], { now: NOW, listMeta: { resourceVersion: '100' } });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '100' });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.cells).toEqual([
      'web',
      '1/1',
      'Running',
      '0',
      '5m',
      '10.244.1.2',
      'node-1',
      '<none>',
      '<none>',
    ]);
    expect(table.rows[0]?.conditions).toBeUndefined();
  });

  it('returns a partial-metadata object per row by default', () => {
    const table = printTable(pods, [pod], { now: NOW });
    expect(table.metadata).toEqual({});
    expect(table.rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: pod.metadata,
    });
    expect(printTable(pods, [pod], { now: NOW, includeObject: 'Metadata' }).rows[0]?.object).toEqual(
      table.rows[0]?.object,
    );
  });

  it('includes the whole object, or null, on request', () => {
    expect(printTable(pods, [pod], { now: NOW, includeObject: 'Object' }).rows[0]?.object).toBe(pod);
    expect(printTable(pods, [pod], { now: NOW, includeObject: 'None' }).rows[0]?.object).toBeNull();
  });

  it('copies continue and remainingItemCount from the list', () => {
    const table = printTable(pods, [], {
      now: NOW,
      listMeta: { resourceVersion: '7', continue: 'token', remainingItemCount: 3 },
    });
    expect(table.metadata).toEqual({ resourceVersion: '7', continue: 'token', remainingItemCount: 3 });
    expect(table.rows).toEqual([]);
  });

  it('attaches row conditions for finished pods', () => {
    const done = { ...pod, status: { phase: 'Succeeded' } };
    expect(printTable(pods, [done], { now: NOW }).rows[0]?.conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });

  it('keeps the objects’ order and survives a JSON round trip', () => {
    const other = { ...pod, metadata: { ...pod.metadata, name: 'api' } };
    const table = printTable(pods, [pod, other], { now: NOW });
    expect(table.rows.map((r) => r.cells[0])).toEqual(['web', 'api']);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });

  it('prints the same Table for events from either API group', () => {
    const coreEvent: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Started',
      message: 'Started container nginx',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: created,
      lastTimestamp: created,
      count: 1,
      type: 'Normal',
    };
    const core = printTable(resource('', 'v1', 'events'), [coreEvent], { now: NOW });
    expect(core.rows[0]?.cells.slice(0, 4)).toEqual(['5m', 'Normal', 'Started', 'pod/web']);
    const grouped = printTable(resource('events.k8s.io', 'v1', 'events'), [coreEvent], { now: NOW });
    expect(grouped.columnDefinitions).toEqual(core.columnDefinitions);
  });
});

describe('the default table', () => {
  it.each([
    ['rbac.authorization.k8s.io', 'v1', 'roles'],
    ['rbac.authorization.k8s.io', 'v1', 'clusterroles'],
    ['', 'v1', 'limitranges'],
  ])('serves %s/%s %s with Name and Created At', (group, version, plural) => {
    const r = resource(group, version, plural);
    expect(hasCustomColumns(r)).toBe(false);
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: r.kind,
      metadata: { name: 'thing', creationTimestamp: created },
    };
    const table = printTable(r, [obj], { now: NOW });
    expect(table.columnDefinitions).toEqual([
      { name: 'Name', type: 'string', format: 'name', description: expect.any(String), priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: expect.any(String), priority: 0 },
    ]);
    expect(table.rows[0]?.cells).toEqual(['thing', '2024-12-31T23:55:00Z']);
  });

  it('also serves resources it has never heard of', () => {
    const crd: ResourceInfo = {
      ...pods,
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
    };
    const table = printTable(
      crd,
      [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }],
      { now: NOW },
    );
    expect(table.rows[0]?.cells).toEqual(['w', '0001-01-01T00:00:00Z']);
  });
});

describe('coverage', () => {
  const covered = [
    'pods',
    'deployments',
    'replicasets',
    'statefulsets',
    'daemonsets',
    'jobs',
    'cronjobs',
    'services',
    'endpoints',
    'endpointslices',
    'nodes',
    'namespaces',
    'events',
    'configmaps',
    'secrets',
    'serviceaccounts',
    'persistentvolumeclaims',
    'persistentvolumes',
    'storageclasses',
    'ingresses',
    'ingressclasses',
    'networkpolicies',
    'rolebindings',
    'clusterrolebindings',
    'leases',
    'replicationcontrollers',
    'horizontalpodautoscalers',
    'poddisruptionbudgets',
    'priorityclasses',
    'controllerrevisions',
    'resourcequotas',
    'podtemplates',
    'csidrivers',
    'csinodes',
    'volumeattachments',
    'componentstatuses',
    'csistoragecapacities',
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
  ];

  it('gives every built-in resource with upstream printer columns its own table', () => {
    const served = RESOURCES.filter((r) => r.group !== 'metrics.k8s.io');
    for (const plural of covered) {
      const matches = served.filter((r) => r.plural === plural);
      expect(matches.length, plural).toBeGreaterThan(0);
      for (const r of matches) expect(hasCustomColumns(r), `${r.group}/${r.plural}`).toBe(true);
    }
  });

  it('starts every custom table with a name-format column and prints one cell per column', () => {
    for (const r of RESOURCES) {
      const obj: KubeObject = {
        apiVersion: r.version,
        kind: r.kind,
        metadata: { name: 'n', creationTimestamp: created },
      };
      const table = printTable(r, [obj], { now: NOW });
      expect(table.rows[0]?.cells, r.plural).toHaveLength(table.columnDefinitions.length);
      expect(table.columnDefinitions.filter((c) => c.format === 'name').length, r.plural).toBeGreaterThan(0);
      for (const c of table.columnDefinitions) expect([0, 1]).toContain(c.priority);
    }
  });

  it('re-exports humanDuration', () => {
    expect(humanDuration(310_000)).toBe('5m10s');
  });
});
