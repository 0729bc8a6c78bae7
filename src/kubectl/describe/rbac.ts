/** Roles, ClusterRoles and their bindings. */
import type { ClusterRoleBinding, PolicyRule, Role } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import { goList, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { DescribeWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** Splits rules into rules of one group, resource, verb and resource name (or one URL and verb). */
export function breakdown(rule: PolicyRule): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const base = { apiGroups: [group], resources: [resource], verbs: [verb] };
        if ((rule.resourceNames ?? []).length === 0) rules.push(base);
        else for (const name of rule.resourceNames ?? []) rules.push({ ...base, resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) rules.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return rules;
}

/** Merges the verbs of rules that name the same single group, resource and resource name. */
export function compact(rules: readonly PolicyRule[]): PolicyRule[] {
  const complex: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    if ((rule.nonResourceURLs ?? []).length > 0) {
      complex.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? null]);
    const existing = simple.get(key);
    if (!existing) simple.set(key, { ...rule, verbs: [...rule.verbs] });
    else for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...complex, ...simple.values()];
}

/** PolicyRule's generated String(), which kubectl sorts the rules by. */
export const ruleString = (r: PolicyRule): string =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},` +
  `ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** `resource.group/subresource` of a rule's first resource. */
export function resourceWithGroup(rule: PolicyRule): string {
  const resource = rule.resources?.[0];
  if (resource === undefined) return '';
  const slash = resource.indexOf('/');
  const [name, sub] =
    slash === -1 ? [resource, undefined] : [resource.slice(0, slash), resource.slice(slash + 1)];
  const group = rule.apiGroups?.[0];
  return `${name}${group ? `.${group}` : ''}${sub === undefined ? '' : `/${sub}`}`;
}

function writeHeader(w: PrefixWriter, obj: KubeObject): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** Describes a Role or ClusterRole as a table of its rules, one resource per row. */
export async function describeRole(obj: KubeObject): Promise<string> {
  const role = obj as unknown as Role;
  const rules = compact((role.rules ?? []).flatMap(breakdown));
  const keyed = rules.map((rule) => ({ rule, key: ruleString(rule) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const w = new DescribeWriter();
  writeHeader(w, obj);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const { rule: r } of keyed) {
    w.write(
      LEVEL_1,
      `${resourceWithGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`,
    );
  }
  return w.toString();
}

/** Describes a RoleBinding or ClusterRoleBinding: the role and the subjects bound to it. */
export async function describeBinding(obj: KubeObject): Promise<string> {
  const binding = obj as unknown as ClusterRoleBinding;
  const w = new DescribeWriter();
  writeHeader(w, obj);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${binding.roleRef.kind}\n`);
  w.write(LEVEL_1, `Name:\t${binding.roleRef.name}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of binding.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
