import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './config';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 7 * 24 * 3600_000).toISOString();
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;
const meta = { name: 'x', creationTimestamp: created };

describe('configmaps, secrets and service accounts', () => {
  it.each<[string, Printer, object, string[], unknown[]]>([
    [
      'configmap',
      configMapPrinter,
      { metadata: meta, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      ['Name', 'Data', 'Age'],
      ['x', 3, '7d'],
    ],
    ['empty configmap', configMapPrinter, { metadata: meta }, ['Name', 'Data', 'Age'], ['x', 0, '7d']],
    [
      'secret',
      secretPrinter,
      { metadata: meta, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Zm9v', 'tls.key': 'YmFy' } },
      ['Name', 'Type', 'Data', 'Age'],
      ['x', 'kubernetes.io/tls', 2, '7d'],
    ],
    [
      'opaque secret without data',
      secretPrinter,
      { metadata: meta, type: 'Opaque' },
      ['Name', 'Type', 'Data', 'Age'],
      ['x', 'Opaque', 0, '7d'],
    ],
    [
      'service account',
      serviceAccountPrinter,
      { metadata: meta },
      ['Name', 'Secrets', 'Age'],
      ['x', 0, '7d'],
    ],
    [
      'service account with a legacy secret',
      serviceAccountPrinter,
      { metadata: meta, secrets: [{ name: 'x-token-abcde' }] },
      ['Name', 'Secrets', 'Age'],
      ['x', 1, '7d'],
    ],
  ])('%s', (_name, printer, obj, columns, expected) => {
    expect(printer.columns.map((c) => c.name)).toEqual(columns);
    expect(cells(printer, obj)).toEqual(expected);
  });
});

describe('resourcequotas', () => {
  it('splits requests from limits and prints canonical quantities', () => {
    expect(resourceQuotaPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Request', 'Limit', 'Age']);
    const quota = {
      metadata: { name: 'compute', creationTimestamp: created },
      spec: {},
      status: {
        hard: {
          pods: '10',
          'requests.cpu': '1',
          'requests.memory': '1Gi',
          'limits.cpu': '2',
          'limits.memory': '2048Mi',
          'count/deployments.apps': '5',
        },
        used: { pods: '3', 'requests.cpu': '500m', 'requests.memory': '0.5Gi', 'limits.cpu': '1500m' },
      },
    };
    expect(cells(resourceQuotaPrinter, quota)).toEqual([
      'compute',
      'count/deployments.apps: 0/5, pods: 3/10, requests.cpu: 500m/1, requests.memory: 512Mi/1Gi',
      'limits.cpu: 1500m/2, limits.memory: 0/2Gi',
      '7d',
    ]);
  });

  it('prints empty columns before the quota controller fills status', () => {
    expect(cells(resourceQuotaPrinter, { metadata: meta, spec: { hard: { pods: '1' } } })).toEqual([
      'x',
      '',
      '',
      '7d',
    ]);
  });
});
