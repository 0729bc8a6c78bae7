/**
 * Upstream's DisruptionController (pkg/controller/disruption/disruption.go): keeps each
 * PodDisruptionBudget's status current, which the eviction subresource reads to decide
 * whether a pod may go. A sync counts the budget's pods, how many its pods' controllers want
 * (expectedPods), how many must stay healthy (desiredHealthy) and how many are Ready and not
 * just evicted (currentHealthy), and writes disruptionsAllowed with the DisruptionAllowed
 * condition through `poddisruptionbudgets/<name>/status`. A sync that fails for another
 * reason than a conflict fails safe: no disruptions allowed, reason SyncFailed.
 */
import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { matchesLabels } from '../../apiserver/selectors';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { hasCode } from '../replicaset/control';
import { selectorFromApi, type PodObject } from '../replicaset/types';
import {
  conditionsUpToDate,
  countHealthy,
  desiredHealthyOf,
  disruptedPodMap,
  DISRUPTION_ALLOWED,
  needsScale,
  setCondition,
  SYNC_FAILED,
  withAllowedCondition,
  type BudgetObject,
} from './budget';
import { ScaleFinder } from './scale';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

/** The PodDisruptionBudget resource (policy/v1). */
export const PDBS = resource('policy', 'v1', 'poddisruptionbudgets');
const PODS = resource('', 'v1', 'pods');

/** The event source upstream's disruption controller records under. */
const COMPONENT = 'controllermanager';

export class DisruptionController {
  readonly #pdbs: Informer<BudgetObject>;
  readonly #pods: Informer<PodObject>;
  readonly #scales: ScaleFinder;
  readonly #recorder: EventRecorder;
  readonly #controller: Controller;

  constructor(private readonly ctx: ControllerContext) {
    this.#pdbs = ctx.informers.informerFor<BudgetObject>(PDBS);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#scales = new ScaleFinder(ctx);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, COMPONENT);
    this.#controller = ctx.controller({ name: 'disruption', sync: (key, cause) => this.sync(key, cause) });
    this.#controller.watch(this.#pdbs);
    const podChanged = (pod: PodObject, cause: number | null) => {
      const pdb = this.#budgetFor(pod, cause);
      if (pdb !== undefined) this.#controller.queue.add(objectKey(pdb), cause);
    };
    this.#pods.addHandlers({
      add: podChanged,
      update: (_old, cur, cause) => podChanged(cur, cause),
      delete: podChanged,
    });
  }

  #now(): number {
    return this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `disruption: ${summary}`,
      causedBy: cause,
    }).id;
  }

  #selected(pdb: BudgetObject, pod: PodObject): boolean {
    const selector = selectorFromApi(pdb.spec?.selector);
    return selector !== null && matchesLabels(selector, pod.metadata.labels);
  }

  /** getPdbForPod: the first budget selecting the pod (warning when several do). */
  #budgetFor(pod: PodObject, cause: number | null): BudgetObject | undefined {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return undefined;
    const pdbs = this.#pdbs.lister
      .byNamespace(pod.metadata.namespace ?? '')
      .filter((pdb) => this.#selected(pdb, pod));
    const first = pdbs[0];
    if (first !== undefined && pdbs.length > 1) {
      const msg = `Pod "${pod.metadata.namespace ?? ''}"/"${pod.metadata.name ?? ''}" matches multiple PodDisruptionBudgets.  Chose "${first.metadata.name ?? ''}" arbitrarily.`;
      this.#recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', msg, cause);
    }
    return first;
  }

  /** Reconciles the budget at `key`; throws (to be retried) on a conflict or a failed write. */
  sync(key: string, cause: number | null): void {
    const pdb = this.#pdbs.lister.get(key);
    if (pdb === undefined) return;
    try {
      this.#trySync(pdb, cause);
    } catch (error) {
      if (hasCode(error, 409)) throw error;
      this.#failSafe(pdb, error instanceof Error ? error.message : String(error), cause);
    }
  }

  #trySync(pdb: BudgetObject, cause: number | null): void {
    const pods = this.#pods.lister
      .byNamespace(pdb.metadata.namespace ?? '')
      .filter((pod) => this.#selected(pdb, pod));
    if (pods.length === 0) this.#recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found', cause);

    let expected: { expectedCount: number; desiredHealthy: number };
    try {
      let scale = 0;
      if (needsScale(pdb.spec)) {
        const found = this.#scales.expectedScale(pods, cause);
        scale = found.scale;
        if (found.unmanaged.length > 0) this.#warnUnmanaged(pdb, cause);
      }
      expected = desiredHealthyOf(pdb.spec, scale, pods.length);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#recorder.event(
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${message}`,
        cause,
      );
      throw error;
    }

    const now = this.#now();
    const { disrupted, expired, recheckAt } = disruptedPodMap(pods, pdb.status?.disruptedPods, now);
    for (const pod of expired) {
      const ns = pdb.metadata.namespace ?? '';
      // Upstream's message names the namespace twice; kept as it reads.
      const msg = `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`;
      this.#recorder.event(pod, 'Warning', 'NotDeleted', msg, cause);
    }
    const currentHealthy = countHealthy(pods, disrupted, now);
    this.#updateStatus(pdb, currentHealthy, expected, disrupted, cause);
    // Recheck just after the earliest entry expires (at the instant itself it still holds).
    if (recheckAt !== null) this.#controller.queue.addAfter(objectKey(pdb), recheckAt - now + 1, cause);
  }

  #warnUnmanaged(pdb: BudgetObject, cause: number | null): void {
    const labels = Object.entries(pdb.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}: ${v},`)
      .join('');
    this.#recorder.event(
      pdb,
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      cause,
    );
  }

  /** updatePdbStatus: writes the computed status unless it is already current. */
  #updateStatus(
    pdb: BudgetObject,
    currentHealthy: number,
    expected: { expectedCount: number; desiredHealthy: number },
    disrupted: Record<string, string>,
    cause: number | null,
  ): void {
    const { expectedCount, desiredHealthy } = expected;
    // A budget matching no pods yet stays safe until its pods' controllers are known.
    const allowed = expectedCount <= 0 ? 0 : Math.max(0, currentHealthy - desiredHealthy);
    const old = pdb.status;
    const generation = pdb.metadata.generation ?? 0;
    if (
      old !== undefined &&
      old.currentHealthy === currentHealthy &&
      old.desiredHealthy === desiredHealthy &&
      old.expectedPods === expectedCount &&
      old.disruptionsAllowed === allowed &&
      JSON.stringify(old.disruptedPods ?? {}) === JSON.stringify(disrupted) &&
      old.observedGeneration === generation &&
      conditionsUpToDate(pdb)
    )
      return;
    const status: PodDisruptionBudgetStatus = {
      currentHealthy,
      desiredHealthy,
      expectedPods: expectedCount,
      disruptionsAllowed: allowed,
      ...(Object.keys(disrupted).length === 0 ? {} : { disruptedPods: disrupted }),
      observedGeneration: generation,
      ...(old?.conditions === undefined ? {} : { conditions: old.conditions }),
    };
    status.conditions = withAllowedCondition(status, this.ctx.kernel.clock.timestamp());
    const step = this.#decide(
      `PodDisruptionBudget ${objectKey(pdb)}: expected ${expectedCount}, healthy ${currentHealthy}/${desiredHealthy} desired, ${allowed} disruptions allowed`,
      cause,
    );
    this.ctx.client.update(PDBS, { ...pdb, status }, 'status', step);
  }

  /** failSafe: no disruptions allowed, with the error as the SyncFailed condition's message. */
  #failSafe(pdb: BudgetObject, message: string, cause: number | null): void {
    const old = pdb.status;
    const status: PodDisruptionBudgetStatus = {
      currentHealthy: old?.currentHealthy ?? 0,
      desiredHealthy: old?.desiredHealthy ?? 0,
      expectedPods: old?.expectedPods ?? 0,
      ...old,
      disruptionsAllowed: 0,
    };
    status.conditions = setCondition(
      old?.conditions,
      {
        type: DISRUPTION_ALLOWED,
        status: 'False',
        reason: SYNC_FAILED,
        message,
        observedGeneration: old?.observedGeneration ?? 0,
      },
      this.ctx.kernel.clock.timestamp(),
    );
    // Writing the same status again would be a no-op upstream (no new resourceVersion, no event).
    const was = old?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
    if (
      old?.disruptionsAllowed === 0 &&
      was?.status === 'False' &&
      was.reason === SYNC_FAILED &&
      was.message === message
    )
      return;
    const step = this.#decide(`PodDisruptionBudget ${objectKey(pdb)}: sync failed: ${message}`, cause);
    this.ctx.client.update(PDBS, { ...pdb, status }, 'status', step);
  }
}
