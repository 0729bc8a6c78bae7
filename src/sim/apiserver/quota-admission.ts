/**
 * The ResourceQuota validating admission plugin (the apiserver's plugin/resourcequota), last
 * in the chain. A CREATE in a namespace whose quotas track what it would use is checked
 * against each quota's status.hard and status.used: a pod must set the cpu and memory a quota
 * tracks, and nothing may go over a hard limit (403 Forbidden, upstream's messages). When it
 * fits, the quotas' status.used is raised in the same request, conditional on their
 * resourceVersion, so two creates can never both take the last unit; the resourcequota
 * controller later recomputes used from what is stored.
 */
import type { RequestScope } from './handlers/scope';
import {
  addUsage,
  computeUsage,
  containerList,
  inScopes,
  maskUsage,
  matchingResources,
  objectUsage,
  parseList,
  printList,
  rec,
  recs,
  ZERO,
  type QuotaObject,
  type Usage,
} from './quota-usage';
import { qualifiedName, RESOURCES } from './resources';
import { forbidden } from './status';
import type { KubeObject } from './types';
import { compareQuantity, formatQuantity } from './validation/quantity';

/** Compute resources a quota forces every container to set (upstream's validationSet). */
const VALIDATION_SET = ['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory'];

/** The pod evaluator's Constraints: every container must set what a quota tracks of cpu and memory. */
function podConstraints(required: readonly string[], pod: KubeObject): string | null {
  const needed = VALIDATION_SET.filter((n) => required.includes(n));
  const missing = new Map<string, Set<string>>();
  const spec = rec(pod['spec']);
  for (const c of [...recs(spec['containers']), ...recs(spec['initContainers'])]) {
    const has = computeUsage(containerList(c, 'requests'), containerList(c, 'limits'));
    for (const n of needed.filter((x) => !has.has(x)))
      missing.set(n, (missing.get(n) ?? new Set()).add(String(c['name'] ?? '')));
  }
  if (missing.size === 0) return null;
  const parts = [...missing.keys()]
    .sort()
    .map((n) => `${n} for: ${[...(missing.get(n) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

const pretty = (u: Usage): string =>
  [...u.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(u.get(k) ?? ZERO)}`)
    .join(',');
const QUOTAS = RESOURCES.find((r) => r.group === '' && r.plural === 'resourcequotas');
/** Resources quota admission ignores (upstream's default ignored resources). */
const IGNORED = new Set(['events', 'events.events.k8s.io']);

/**
 * The ResourceQuota validating admission plugin for a CREATE: refuses what would exceed a
 * quota (403), and otherwise charges the quotas' status.used before the object is stored.
 */
export function quotaAdmission(scope: RequestScope, obj: KubeObject): void {
  const r = scope.resource;
  if (scope.subresource !== null || !r.namespaced || IGNORED.has(qualifiedName(r)) || !QUOTAS) return;
  const ns = obj.metadata.namespace ?? scope.namespace ?? '';
  const ctx = { causedBy: scope.step };
  const quotas = scope.storage.list(QUOTAS, ns, {}, ctx).items as QuotaObject[];
  const name = obj.metadata.name ?? '';
  const deny = (why: string) => forbidden(r, name, why);
  const isPod = r.group === '' && r.plural === 'pods';
  const interesting: QuotaObject[] = [];
  for (const q of quotas) {
    const hard = Object.keys(q.status?.hard ?? {});
    const matched = matchingResources(r, hard);
    if (matched.length === 0 || !inScopes(r, q, obj)) continue;
    const failed = isPod ? podConstraints(matched, obj) : null;
    if (failed !== null) throw deny(`failed quota: ${q.metadata.name ?? ''}: ${failed}`);
    if (matched.some((n) => q.status?.used?.[n] === undefined))
      throw deny(
        `status unknown for quota: ${q.metadata.name ?? ''}, resources: ${[...matched].sort().join(',')}`,
      );
    interesting.push(q);
  }
  if (interesting.length === 0) return;
  const now = scope.kernel.clock.epoch + scope.kernel.clock.now();
  const delta = new Map([...objectUsage(r, obj, now)].filter(([, v]) => v.nanos !== 0n));
  if (delta.size === 0) return;
  const updates: QuotaObject[] = [];
  for (const q of interesting) {
    const hard = parseList(q.status?.hard);
    const used = parseList(q.status?.used);
    const requested = maskUsage(delta, hard.keys());
    const next = addUsage(used, requested);
    const exceeded = [...maskUsage(next, requested.keys())]
      .filter(([k, v]) => hard.has(k) && compareQuantity(v, hard.get(k) ?? ZERO) > 0)
      .map(([k]) => k);
    if (exceeded.length > 0) {
      const parts = [requested, used, hard].map((u) => pretty(maskUsage(u, exceeded)));
      const why = `exceeded quota: ${q.metadata.name ?? ''}, requested: ${parts[0]}, used: ${parts[1]}, limited: ${parts[2]}`;
      throw deny(why);
    }
    if (requested.size > 0) updates.push({ ...q, status: { ...q.status, used: printList(next) } });
  }
  scope.stage(`validating admission: ResourceQuota: charged ${pretty(delta)}`, {
    quotas: interesting.map((q) => q.metadata.name ?? '').join(','),
  });
  if ((scope.req.query.dryRun ?? []).includes('All')) return;
  // Conditional on each quota's resourceVersion: a concurrent change answers 409 Conflict.
  for (const q of updates) scope.storage.update(QUOTAS, q, q.metadata.resourceVersion, ctx);
}
