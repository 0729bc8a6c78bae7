/**
 * ResourceQuota's usage evaluators (upstream's pkg/quota/v1/evaluator/core: pods, services,
 * persistentvolumeclaims, and the generic object-count evaluator for `count/<resource>.<group>`
 * and the legacy names): which quota resources an object of a kind uses, how much of each,
 * and whether a quota's scopes take it in. The ResourceQuota admission plugin and the
 * resourcequota controller both measure with them, so they always agree.
 */
import { qualifiedName, RESOURCES, type ResourceInfo } from './resources';
import type { KubeObject } from './types';
import { compareQuantity, formatQuantity, type Quantity } from './validation/quantity';
import { readQuantity } from './validation/resources';

/** A ResourceQuota, as far as quota reads it. */
export type QuotaObject = KubeObject & {
  spec?: {
    hard?: Record<string, string>;
    scopes?: string[];
    scopeSelector?: { matchExpressions?: ScopeRequirement[] };
  };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
};
interface ScopeRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}

/** A resource list: resource name to quantity. */
export type Usage = Map<string, Quantity>;

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };
const ONE: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI' };
const count = (n: number): Quantity => ({ nanos: BigInt(n) * ONE.nanos, format: 'DecimalSI' });

/** Quantity.Add: a zero quantity takes the other's format. */
const plus = (a: Quantity, b: Quantity): Quantity => ({
  nanos: a.nanos + b.nanos,
  format: a.nanos === 0n ? b.format : a.format,
});

export function addUsage(a: Usage, b: Usage): Usage {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, plus(out.get(k) ?? ZERO, v));
  return out;
}

function maxUsage(a: Usage, b: Usage): Usage {
  const out = new Map(a);
  for (const [k, v] of b) if (!out.has(k) || compareQuantity(v, out.get(k) ?? ZERO) > 0) out.set(k, v);
  return out;
}

/** quota.Mask: only the named resources. */
export const maskUsage = (u: Usage, names: Iterable<string>): Usage => {
  const keep = new Set(names);
  return new Map([...u].filter(([k]) => keep.has(k)));
};

/** A ResourceList from an object (unparseable values are skipped: validation refused them). */
export function parseList(list: Record<string, unknown> | undefined): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = readQuantity(v);
    if (q !== undefined) out.set(k, q);
  }
  return out;
}

/** A ResourceList as the API prints it: canonical quantities, names sorted. */
export const printList = (u: Usage): Record<string, string> =>
  Object.fromEntries([...u.keys()].sort().map((k) => [k, formatQuantity(u.get(k) ?? ZERO)]));

/** quota.Equals */
export const sameUsage = (a: Usage, b: Usage): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.has(k) && compareQuantity(v, b.get(k) ?? ZERO) === 0);

/** `count/deployments.apps`, `count/pods`: the object-count name of a resource. */
export const countName = (r: Pick<ResourceInfo, 'group' | 'plural'>): string => `count/${qualifiedName(r)}`;

/** The resource a `count/<resource>.<group>` name counts, if one is served. */
export function countedResource(name: string): ResourceInfo | undefined {
  if (!name.startsWith('count/')) return undefined;
  return RESOURCES.find((r) => r.namespaced && countName(r) === name);
}

const POD_RESOURCES = new Set(
  'pods count/pods cpu memory ephemeral-storage requests.cpu requests.memory requests.ephemeral-storage limits.cpu limits.memory limits.ephemeral-storage'.split(
    ' ',
  ),
);
/** Core resources the generic evaluator also counts under their legacy names. */
const LEGACY_COUNTS = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);
const STORAGE_CLASS = /\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/;
const isNative = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');

function tracks(r: ResourceInfo, n: string): boolean {
  if (n === countName(r)) return true;
  if (r.group !== '') return false;
  if (r.plural === 'pods')
    return (
      POD_RESOURCES.has(n) ||
      n.startsWith('hugepages-') ||
      n.startsWith('requests.hugepages-') ||
      (n.startsWith('requests.') && !isNative(n))
    );
  if (r.plural === 'services')
    return ['services', 'services.loadbalancers', 'services.nodeports'].includes(n);
  if (r.plural === 'persistentvolumeclaims')
    return n === 'persistentvolumeclaims' || n === 'requests.storage' || STORAGE_CLASS.test(n);
  return LEGACY_COUNTS.has(r.plural) && n === r.plural;
}

/** Evaluator.MatchingResources: which of `names` objects of `r` use. */
export const matchingResources = (r: ResourceInfo, names: Iterable<string>): string[] =>
  [...names].filter((n) => tracks(r, n));

export type Rec = Record<string, unknown>;
export const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
export const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

/** podComputeUsageHelper: what one set of requests and limits charges. */
export function computeUsage(requests: Usage, limits: Usage): Usage {
  const out: Usage = new Map([['pods', ONE]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(name);
    const lim = limits.get(name);
    if (req) out.set(name, req).set(`requests.${name}`, req);
    if (lim) out.set(`limits.${name}`, lim);
  }
  for (const [name, req] of requests) {
    if (name.startsWith('hugepages-')) out.set(name, req).set(`requests.${name}`, req);
    if (!isNative(name)) out.set(`requests.${name}`, req);
  }
  return out;
}

export const containerList = (c: Rec, which: 'requests' | 'limits'): Usage =>
  parseList(rec(rec(c['resources'])[which]));

/** PodRequests / PodLimits: containers and sidecars summed, the largest init step, overhead. */
function podTotal(spec: Rec, which: 'requests' | 'limits'): Usage {
  let total: Usage = new Map();
  for (const c of recs(spec['containers'])) total = addUsage(total, containerList(c, which));
  let sidecars: Usage = new Map();
  let init: Usage = new Map();
  for (const c of recs(spec['initContainers'])) {
    if (c['restartPolicy'] === 'Always') {
      sidecars = addUsage(sidecars, containerList(c, which));
      init = maxUsage(init, sidecars);
    } else init = maxUsage(init, addUsage(containerList(c, which), sidecars));
  }
  total = maxUsage(addUsage(total, sidecars), init);
  const overhead = parseList(rec(spec['overhead']));
  return addUsage(total, which === 'requests' ? overhead : maskUsage(overhead, total.keys()));
}

/** QuotaV1Pod: pods that finished, or are past their deletion grace period, are not charged. */
export function chargedPod(pod: KubeObject, nowMs: number): boolean {
  const phase = rec(pod['status'])['phase'];
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds: grace } = pod.metadata;
  if (deletionTimestamp === undefined || deletionTimestamp === null || grace === undefined) return true;
  return nowMs <= Date.parse(deletionTimestamp) + grace * 1000;
}

function serviceUsage(spec: Rec): Usage {
  const out: Usage = new Map([['services', ONE]]);
  const ports = recs(spec['ports']);
  if (spec['type'] === 'NodePort') out.set('services.nodeports', count(ports.length));
  if (spec['type'] === 'LoadBalancer') {
    const explicit = ports.filter((p) => typeof p['nodePort'] === 'number' && p['nodePort'] !== 0).length;
    out.set(
      'services.nodeports',
      count(spec['allocateLoadBalancerNodePorts'] === false ? explicit : ports.length),
    );
    out.set('services.loadbalancers', ONE);
  }
  return out;
}

function claimUsage(obj: KubeObject, spec: Rec): Usage {
  const out: Usage = new Map([['persistentvolumeclaims', ONE]]);
  const className =
    (spec['storageClassName'] as string | undefined) ??
    obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  const prefix = className ? `${className}.storageclass.storage.k8s.io/` : null;
  if (prefix !== null) out.set(`${prefix}persistentvolumeclaims`, ONE);
  const storage = parseList(rec(rec(spec['resources'])['requests'])).get('storage');
  if (storage !== undefined) {
    out.set('requests.storage', storage);
    if (prefix !== null) out.set(`${prefix}requests.storage`, storage);
  }
  return out;
}

/** Evaluator.Usage: what one object of `r` charges its namespace's quotas. */
export function objectUsage(r: ResourceInfo, obj: KubeObject, nowMs: number): Usage {
  const out: Usage = new Map([[countName(r), ONE]]);
  const spec = rec(obj['spec']);
  if (r.group !== '') return out;
  if (r.plural === 'pods') {
    if (!chargedPod(obj, nowMs)) return out;
    return addUsage(out, computeUsage(podTotal(spec, 'requests'), podTotal(spec, 'limits')));
  }
  if (r.plural === 'services') return addUsage(out, serviceUsage(spec));
  if (r.plural === 'persistentvolumeclaims') return addUsage(out, claimUsage(obj, spec));
  return LEGACY_COUNTS.has(r.plural) ? out.set(r.plural, ONE) : out;
}

/** A quota's scopes, from spec.scopes and spec.scopeSelector. */
function scopesOf(q: QuotaObject): ScopeRequirement[] {
  const scopes = (q.spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' }));
  return [...scopes, ...(q.spec?.scopeSelector?.matchExpressions ?? [])];
}

/** Whether a pod's affinity terms look at other namespaces. */
const crossNamespace = (affinity: Rec): boolean =>
  ['podAffinity', 'podAntiAffinity'].some((k) => {
    const a = rec(affinity[k]);
    const weighted = recs(a['preferredDuringSchedulingIgnoredDuringExecution']).map((w) =>
      rec(w['podAffinityTerm']),
    );
    return [...recs(a['requiredDuringSchedulingIgnoredDuringExecution']), ...weighted].some(
      (t) =>
        (Array.isArray(t['namespaces']) && t['namespaces'].length > 0) ||
        (t['namespaceSelector'] !== undefined && t['namespaceSelector'] !== null),
    );
  });

/** podMatchesScopeFunc */
function podInScope(pod: KubeObject, s: ScopeRequirement): boolean {
  const spec = rec(pod['spec']);
  const deadline = spec['activeDeadlineSeconds'];
  const terminating = typeof deadline === 'number' && deadline >= 0;
  const bestEffort = [...recs(spec['containers']), ...recs(spec['initContainers'])].every((c) =>
    [...containerList(c, 'requests'), ...containerList(c, 'limits')].every(
      ([k, v]) => (k !== 'cpu' && k !== 'memory') || v.nanos === 0n,
    ),
  );
  const pc = typeof spec['priorityClassName'] === 'string' ? spec['priorityClassName'] : '';
  const listed = pc !== '' && (s.values ?? []).includes(pc);
  const byOperator: Record<string, boolean> = {
    Exists: pc !== '',
    DoesNotExist: pc === '',
    In: listed,
    NotIn: !listed,
  };
  const byScope: Record<string, boolean> = {
    Terminating: terminating,
    NotTerminating: !terminating,
    BestEffort: bestEffort,
    NotBestEffort: !bestEffort,
    PriorityClass: byOperator[s.operator ?? ''] ?? false,
    CrossNamespacePodAffinity: crossNamespace(rec(spec['affinity'])),
  };
  return byScope[s.scopeName ?? ''] ?? false;
}

/** Whether a quota's scopes take in `obj`: only pods can be in a scope. */
export function inScopes(r: ResourceInfo, q: QuotaObject, obj: KubeObject): boolean {
  const scopes = scopesOf(q);
  if (scopes.length === 0) return true;
  return r.group === '' && r.plural === 'pods' && scopes.every((s) => podInScope(obj, s));
}
