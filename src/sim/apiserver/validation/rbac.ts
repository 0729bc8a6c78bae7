/**
 * rbac.authorization.k8s.io/v1: Roles, ClusterRoles and their bindings. Names only need
 * to be usable as a URL path segment.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, deepEqual, invalid, notSupported, required } from './field';
import { GoValue, goQuote, goStringSlice } from './gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidPathSegmentName, nameIsDNSSubdomain, nameIsPathSegment } from './names';
import { arr, rec, str } from './util';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function policyRule(rule: Record<string, unknown>, namespaced: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (arr(rule['verbs']).length === 0)
    errs.push(required(at.child('verbs'), 'verbs must contain at least one value'));
  const urls = arr<string>(rule['nonResourceURLs']);
  if (urls.length > 0) {
    const printed = goStringSlice(urls);
    if (namespaced)
      errs.push(
        invalid(at.child('nonResourceURLs'), printed, 'namespaced rules cannot apply to non-resource URLs'),
      );
    if (arr(rule['apiGroups']).length || arr(rule['resources']).length || arr(rule['resourceNames']).length) {
      errs.push(
        invalid(
          at.child('nonResourceURLs'),
          printed,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (arr(rule['apiGroups']).length === 0)
    errs.push(required(at.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (arr(rule['resources']).length === 0)
    errs.push(required(at.child('resources'), 'resource rules must supply at least one resource'));
  if (arr(rule['resourceNames']).length > 0 && arr(rule['resources']).length > 1) {
    errs.push(required(at.child('resourceNames'), 'resource names cannot apply to multiple resources'));
  }
  return errs;
}

/** ValidateRole / ValidateClusterRole, and on update the metadata rules after them. */
export function validateRole(role: KubeObject, namespaced: boolean, old?: KubeObject): FieldError[] {
  const errs = validateObjectMeta(role.metadata, namespaced, nameIsPathSegment);
  arr<Record<string, unknown>>(role['rules']).forEach((r, i) =>
    errs.push(...policyRule(rec(r), namespaced, Path.of('rules').index(i))),
  );
  return old ? [...errs, ...validateObjectMetaUpdate(role.metadata, old.metadata)] : errs;
}

function subject(s: Record<string, unknown>, namespaced: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s['name']);
  const group = str(s['apiGroup']);
  if (!name) errs.push(required(at.child('name')));
  switch (str(s['kind'])) {
    case 'ServiceAccount':
      if (name) errs.push(...nameIsDNSSubdomain(name, false).map((m) => invalid(at.child('name'), name, m)));
      if (group) errs.push(notSupported(at.child('apiGroup'), group, ['']));
      if (!namespaced && !str(s['namespace'])) errs.push(required(at.child('namespace')));
      break;
    case 'User':
    case 'Group': {
      const kind = str(s['kind']) === 'User' ? 'user' : 'group';
      if (!name) errs.push(invalid(at.child('name'), name, `${kind} name cannot be empty`));
      // v1 defaulting fills an empty apiGroup for users and groups.
      if ((group || RBAC_GROUP) !== RBAC_GROUP)
        errs.push(notSupported(at.child('apiGroup'), group, [RBAC_GROUP]));
      break;
    }
    default:
      errs.push(notSupported(at.child('kind'), str(s['kind']), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function goRoleRef(ref: Record<string, unknown>): GoValue {
  return new GoValue(
    `rbac.RoleRef{APIGroup:${goQuote(str(ref['apiGroup']))}, Kind:${goQuote(str(ref['kind']))}, Name:${goQuote(str(ref['name']))}}`,
  );
}

/** ValidateRoleBinding / ValidateClusterRoleBinding; on update roleRef may not change. */
export function validateRoleBinding(rb: KubeObject, namespaced: boolean, old?: KubeObject): FieldError[] {
  const errs = validateObjectMeta(rb.metadata, namespaced, nameIsPathSegment);
  const ref = rec(rb['roleRef']);
  if (str(ref['apiGroup']) !== RBAC_GROUP)
    errs.push(notSupported(Path.of('roleRef', 'apiGroup'), str(ref['apiGroup']), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref['kind'])))
    errs.push(notSupported(Path.of('roleRef', 'kind'), str(ref['kind']), kinds));
  const name = str(ref['name']);
  if (!name) errs.push(required(Path.of('roleRef', 'name')));
  else errs.push(...isValidPathSegmentName(name).map((m) => invalid(Path.of('roleRef', 'name'), name, m)));
  arr<Record<string, unknown>>(rb['subjects']).forEach((s, i) =>
    errs.push(...subject(rec(s), namespaced, Path.of('subjects').index(i))),
  );
  if (!old) return errs;
  errs.push(...validateObjectMetaUpdate(rb.metadata, old.metadata));
  const oldRef = rec(old['roleRef']);
  const same = ['apiGroup', 'kind', 'name'].every((k) => deepEqual(str(ref[k]), str(oldRef[k])));
  if (!same) errs.push(invalid(Path.of('roleRef'), goRoleRef(ref), 'cannot change roleRef'));
  return errs;
}
