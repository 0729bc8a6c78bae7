import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 5 * 60_000).toISOString();

describe('role bindings', () => {
  it.each([roleBindingPrinter, clusterRoleBindingPrinter])(
    'have Role, Age and wide subject columns',
    (printer) => {
      expect(printer.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
        'Name:0',
        'Role:0',
        'Age:0',
        'Users:1',
        'Groups:1',
        'ServiceAccounts:1',
      ]);
    },
  );

  it('sorts subjects into users, groups and service accounts', () => {
    const binding = {
      metadata: { name: 'readers', namespace: 'dev', creationTimestamp: created },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
      ],
    };
    expect(roleBindingPrinter.print(binding as unknown as KubeObject, NOW).cells).toEqual([
      'readers',
      'ClusterRole/view',
      '5m',
      'alice, bob',
      'devs',
      'tools/ci',
    ]);
  });

  it('prints empty subject cells for a binding without subjects', () => {
    const binding = {
      metadata: { name: 'cluster-admin' },
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
    };
    expect(clusterRoleBindingPrinter.print(binding as unknown as KubeObject, NOW).cells).toEqual([
      'cluster-admin',
      'ClusterRole/cluster-admin',
      '<unknown>',
      '',
      '',
      '',
    ]);
  });
});
