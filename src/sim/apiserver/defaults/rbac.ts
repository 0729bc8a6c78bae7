/**
 * Defaults for `rbac.authorization.k8s.io/v1` bindings. Roles and ClusterRoles have none.
 */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { child, isEmptyString, records } from './util';

/** The RBAC API group, which role references and user/group subjects belong to. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function defaultSubject(subject: Subject): void {
  if (!isEmptyString(subject.apiGroup)) return;
  // ServiceAccount subjects stay in the core group, which encodes as no apiGroup at all.
  if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
}

/**
 * RoleBinding and ClusterRoleBinding: the role reference is in the RBAC group, and so are
 * `User` and `Group` subjects; `ServiceAccount` subjects stay in the core group.
 */
export function defaultRoleBinding(binding: RoleBinding | ClusterRoleBinding): void {
  const roleRef = child(binding, 'roleRef');
  if (roleRef && isEmptyString(roleRef.apiGroup)) roleRef.apiGroup = RBAC_GROUP;
  for (const subject of records(binding.subjects)) defaultSubject(subject);
}
