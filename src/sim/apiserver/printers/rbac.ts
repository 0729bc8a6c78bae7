/** RoleBindings and ClusterRoleBindings (Roles and ClusterRoles use the default table). */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer, wide } from './columns';
import { since } from './duration';

/** Users, groups and `namespace/name` service accounts, each list joined by ', '. */
function subjectCells(subjects: readonly Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(kind: string) {
  return printer<RoleBinding | ClusterRoleBinding>(
    [
      NAME_COLUMN,
      column('Role', 'string', 'The role granted, as Kind/name.'),
      AGE_COLUMN,
      wide(column('Users', 'string', `Users bound by the ${kind}.`)),
      wide(column('Groups', 'string', `Groups bound by the ${kind}.`)),
      wide(column('ServiceAccounts', 'string', `Service accounts bound by the ${kind}.`)),
    ],
    (b, now) => [
      b.metadata?.name ?? '',
      `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
      since(b.metadata?.creationTimestamp, now),
      ...subjectCells(b.subjects),
    ],
  );
}

/** `kubectl get rolebindings`. */
export const roleBindingPrinter = bindingPrinter('role binding');

/** `kubectl get clusterrolebindings`. */
export const clusterRoleBindingPrinter = bindingPrinter('cluster role binding');
