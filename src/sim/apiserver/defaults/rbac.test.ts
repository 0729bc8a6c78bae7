import { describe, expect, it } from 'vitest';
import { defaulted } from './testing';

describe('RBAC binding defaults', () => {
  it.each(['RoleBinding', 'ClusterRoleBinding'])('%s: role ref and subject API groups', (kind) => {
    const out = defaulted({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind,
      metadata: { name: 'b' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'devs', apiGroup: '' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      ],
    });
    expect(out.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
    expect(out.subjects).toEqual([
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
    ]);
  });

  it('keeps explicit API groups and leaves roles alone', () => {
    const binding = defaulted({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'example.com', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane', apiGroup: 'example.com' }],
    });
    expect(binding.roleRef).toEqual({ apiGroup: 'example.com', kind: 'Role', name: 'r' });
    expect(binding.subjects).toEqual([{ kind: 'User', name: 'jane', apiGroup: 'example.com' }]);
    const rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }];
    const role = defaulted({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules,
    });
    expect(role.rules).toEqual(rules);
  });
});
