/**
 * Upstream's resourcequota Controller (pkg/controller/resourcequota): recalculates each
 * ResourceQuota's usage from what is stored in its namespace and writes status.hard (=
 * spec.hard) and status.used through `resourcequotas/<name>/status`, with the same evaluators
 * the ResourceQuota admission plugin charges with. A quota is recalculated when it is created
 * or its spec.hard changes, when something it counts goes away (a delete, a pod reaching a
 * terminal phase, a Service changing type, a claim resized: its quota monitor's replenishment),
 * and on a full resync every 5 minutes. Creates need no recalculation: admission already
 * charged them.
 */
import {
  addUsage,
  chargedPod,
  countedResource,
  inScopes,
  maskUsage,
  matchingResources,
  objectUsage,
  parseList,
  printList,
  sameUsage,
  ZERO,
  type QuotaObject,
  type Usage,
} from '../../apiserver/quota-usage';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';

/** --resource-quota-sync-period: every quota is recalculated this often (5 minutes). */
export const QUOTA_RESYNC_MS = 5 * 60 * 1000;

function core(plural: string): ResourceInfo {
  const r = findResource('', 'v1', plural);
  if (r === undefined) throw new Error(`no resource v1 ${plural}`);
  return r;
}

const QUOTAS = core('resourcequotas');
/** What the core evaluators measure; a quota naming `count/<resource>.<group>` adds its resource. */
const EVALUATED = [
  'pods',
  'services',
  'persistentvolumeclaims',
  'configmaps',
  'secrets',
  'replicationcontrollers',
  'resourcequotas',
].map(core);

type Spec = { type?: string; resources?: { requests?: Record<string, string> } };
const specOf = (obj: KubeObject): Spec => (obj as { spec?: Spec }).spec ?? {};

export class ResourceQuotaController {
  readonly #quotas: Informer<QuotaObject>;
  /** The quota monitors: one shared informer per resource quota counts. */
  readonly #monitors = new Map<ResourceInfo, Informer>();
  readonly #controller: Controller;

  constructor(private readonly ctx: ControllerContext) {
    this.#quotas = ctx.informers.informerFor<QuotaObject>(QUOTAS);
    this.#controller = ctx.controller({
      name: 'resourcequota',
      workers: 5,
      sync: (key, cause) => this.sync(key, cause),
    });
    const enqueue = (q: QuotaObject, cause: number | null) => this.#controller.queue.add(objectKey(q), cause);
    this.#quotas.addHandlers({
      add: enqueue,
      // Status writes come back as updates too: only a new spec.hard needs recalculating.
      update: (old, cur, cause) => {
        if (!sameUsage(parseList(old.spec?.hard), parseList(cur.spec?.hard))) enqueue(cur, cause);
      },
    });
    for (const r of EVALUATED) this.#monitor(r);
    const resync = () => {
      for (const q of this.#quotas.lister.list()) enqueue(q, null);
      ctx.kernel.schedule(QUOTA_RESYNC_MS, 'resourcequota: full resync', resync);
    };
    ctx.kernel.schedule(QUOTA_RESYNC_MS, 'resourcequota: full resync', resync);
  }

  #now(): number {
    return this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
  }

  /** The quota monitor of `r`, created (and started, if informers are) on first use. */
  #monitor(r: ResourceInfo): Informer {
    const known = this.#monitors.get(r);
    if (known !== undefined) return known;
    const informer = this.ctx.informers.informerFor(r);
    this.#monitors.set(r, informer);
    informer.addHandlers({
      update: (old, cur, cause) => {
        if (this.#releases(r, old, cur)) this.#replenish(r, cur, cause);
      },
      delete: (obj, cause) => this.#replenish(r, obj, cause),
    });
    return informer;
  }

  /** Whether an update gives quota back (upstream's QuotaMonitor update filter). */
  #releases(r: ResourceInfo, old: KubeObject, cur: KubeObject): boolean {
    if (r.plural === 'pods') return chargedPod(old, this.#now()) && !chargedPod(cur, this.#now());
    if (r.plural === 'services')
      return (specOf(old).type ?? 'ClusterIP') !== (specOf(cur).type ?? 'ClusterIP');
    if (r.plural === 'persistentvolumeclaims')
      return specOf(old).resources?.requests?.['storage'] !== specOf(cur).resources?.requests?.['storage'];
    return false;
  }

  /** replenishQuota: recalculates the quotas of the object's namespace that count its kind. */
  #replenish(r: ResourceInfo, obj: KubeObject, cause: number | null): void {
    for (const q of this.#quotas.lister.byNamespace(obj.metadata.namespace ?? '')) {
      if (matchingResources(r, Object.keys(q.status?.hard ?? {})).length > 0)
        this.#controller.queue.add(objectKey(q), cause);
    }
  }

  /** syncResourceQuota: recalculates one quota; throws (to be retried) when the write fails. */
  sync(key: string, cause: number | null): void {
    const q = this.#quotas.lister.get(key);
    if (q === undefined) return;
    const namespace = q.metadata.namespace ?? '';
    const hard = parseList(q.spec?.hard);
    const names = [...hard.keys()];
    for (const n of names) {
      const counted = countedResource(n);
      if (counted !== undefined) this.#monitor(counted);
    }
    const now = this.#now();
    const oldUsed = parseList(q.status?.used);
    let used: Usage = new Map(oldUsed);
    for (const [r, informer] of this.#monitors) {
      const matched = matchingResources(r, names);
      if (matched.length === 0) continue;
      let stats: Usage = new Map(matched.map((n) => [n, ZERO]));
      for (const obj of informer.lister.byNamespace(namespace)) {
        if (inScopes(r, q, obj)) stats = addUsage(stats, maskUsage(objectUsage(r, obj, now), matched));
      }
      used = new Map([...used, ...stats]);
    }
    used = maskUsage(used, names);
    const dirty =
      q.status?.hard === undefined ||
      q.status.used === undefined ||
      !sameUsage(hard, parseList(q.status.hard)) ||
      !sameUsage(used, oldUsed);
    if (!dirty) return;
    const status = { hard: printList(hard), used: printList(used) };
    const summary = Object.entries(status.used)
      .map(([k, v]) => `${k} ${v}/${status.hard[k] ?? ''}`)
      .join(', ');
    const id = this.ctx.client.id;
    const step = this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `resourcequota: ResourceQuota ${key}: used ${summary === '' ? 'nothing' : summary}`,
      causedBy: cause,
    }).id;
    this.ctx.client.update(QUOTAS, { ...q, status }, 'status', step);
  }
}
