import { describe, expect, it } from 'vitest';
import { createErrors, updateErrors } from './testing';

const rbac = 'rbac.authorization.k8s.io/v1';
const role = (rules: object[], name = 'reader') => ({
  apiVersion: rbac,
  kind: 'Role',
  metadata: { name, namespace: 'default' },
  rules,
});
const binding = (roleRef: object, subjects: object[]) => ({
  apiVersion: rbac,
  kind: 'RoleBinding',
  metadata: { name: 'b', namespace: 'default' },
  roleRef,
  subjects,
});
const REF = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' };

describe('RBAC', () => {
  it.each<[string, object, string[]]>([
    ['role', role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'system:reader'), []],
    [
      'role name with a slash',
      role([], 'a/b'),
      ['metadata.name: Invalid value: "a/b": may not contain \'/\''],
    ],
    [
      'rule without verbs, groups or resources',
      role([{}]),
      [
        'rules[0].verbs: Required value: verbs must contain at least one value',
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [
      'non-resource URLs in a namespaced role',
      role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]),
      [
        'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      ],
    ],
    [
      'binding',
      binding(REF, [
        { kind: 'User', name: 'jane' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      ]),
      [],
    ],
    [
      'binding to an unknown kind and subject',
      binding({ ...REF, kind: 'Policy' }, [{ kind: 'Robot', name: 'r2' }]),
      [
        'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"',
        'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      ],
    ],
    ['binding without apiGroup (defaulted)', binding({ kind: 'Role', name: 'x' }, []), []],
    [
      'binding to another group',
      binding({ ...REF, apiGroup: 'example.com' }, []),
      ['roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"'],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('refuses a changed roleRef', () => {
    expect(updateErrors(binding(REF, []), binding({ ...REF, name: 'writer' }, []))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    ]);
  });
});
