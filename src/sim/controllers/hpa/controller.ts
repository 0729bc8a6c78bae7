/**
 * Upstream's HorizontalController (pkg/controller/podautoscaler/horizontal.go): every HPA is
 * reconciled each sync period (15 s, also after it is added or changed): read the target's
 * scale subresource, compute the replicas its metrics ask for (compute.ts), stabilize and
 * limit them (normalize.ts), update the scale if the count changes (event SuccessfulRescale
 * `New size: N; reason: ...`), and write the status (current and desired replicas, current
 * metrics, lastScaleTime, and the AbleToScale / ScalingActive / ScalingLimited conditions)
 * when it changed. Everything goes through kube-apiserver: the HPA and pod informers, the
 * scale subresource, and metrics.k8s.io for pod metrics.
 */
import type { HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { RESOURCES, apiVersionOf } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { resourcePath } from '../../client/rest';
import { semanticEqual } from '../deployment/template';
import type { ControllerContext } from '../manager';
import { computeReplicasForMetrics, type Effects } from './compute';
import { setCondition, type ConditionUpdate } from './conditions';
import { getResourceMetric, requestError } from './metrics-client';
import { ScalingHistory } from './normalize';
import { ReplicaCalculator } from './replica-calculator';
import { HpaSelectors } from './selectors';
import {
  CPU_INITIALIZATION_PERIOD_MS,
  DOWNSCALE_STABILIZATION_MS,
  HPAS,
  INITIAL_READINESS_DELAY_MS,
  PODS,
  SYNC_PERIOD_MS,
  TOLERANCE,
  type HpaObject,
  type PodObject,
} from './types';

interface Scale {
  metadata?: { resourceVersion?: string };
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

export class HorizontalController {
  readonly #hpas: Informer<HpaObject>;
  readonly #pods: Informer<PodObject>;
  readonly #controller: Controller;
  readonly #recorder: EventRecorder;
  readonly #history: ScalingHistory;
  readonly #calculator: ReplicaCalculator;
  readonly #selectors: HpaSelectors;
  /** The trace step the sync in progress follows from, for the metrics requests it makes. */
  #cause: number | null = null;

  constructor(private readonly ctx: ControllerContext) {
    const clock = ctx.kernel.clock;
    this.#hpas = ctx.informers.informerFor<HpaObject>(HPAS);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'horizontal-pod-autoscaler');
    this.#history = new ScalingHistory(() => clock.now(), DOWNSCALE_STABILIZATION_MS);
    this.#selectors = new HpaSelectors((key) => this.#hpas.lister.get(key) !== undefined);
    this.#calculator = new ReplicaCalculator(
      (resource, namespace, selector, container) =>
        getResourceMetric(ctx.client, resource, namespace, selector.text, container, this.#cause),
      (namespace) => this.#pods.lister.byNamespace(namespace),
      () => clock.epoch + clock.now(),
      {
        tolerance: TOLERANCE,
        cpuInitializationPeriodMs: CPU_INITIALIZATION_PERIOD_MS,
        delayOfInitialReadinessStatusMs: INITIAL_READINESS_DELAY_MS,
      },
    );
    this.#controller = ctx.controller({
      name: 'horizontalpodautoscaler',
      sync: (key, cause) => this.sync(key, cause),
    });
    // Every add or change waits out the sync period, as upstream's fixed-interval rate limiter does.
    const enqueue = (hpa: HpaObject, cause: number | null) =>
      this.#controller.queue.addAfter(objectKey(hpa), SYNC_PERIOD_MS, cause);
    this.#hpas.addHandlers({
      add: enqueue,
      update: (_old, hpa, cause) => enqueue(hpa, cause),
      delete: (hpa) => this.#controller.queue.forget(objectKey(hpa)),
    });
  }

  /** reconcileKey, then the next sync one period later. */
  sync(key: string, cause: number | null): void {
    const hpa = this.#hpas.lister.get(key);
    if (hpa === undefined) {
      this.#history.forget(key);
      this.#selectors.forget(key);
      return;
    }
    this.#cause = cause;
    try {
      this.#reconcile(hpa, key, cause);
    } finally {
      this.#controller.queue.addAfter(key, SYNC_PERIOD_MS, cause);
    }
  }

  #reconcile(shared: HpaObject, key: string, cause: number | null): void {
    // A copy, so that the informer's cache is never changed.
    const hpa = JSON.parse(JSON.stringify(shared)) as HpaObject;
    const original = shared.status ?? {};
    const namespace = hpa.metadata.namespace ?? 'default';
    const ref = hpa.spec?.scaleTargetRef ?? { kind: '', name: '' };
    const reference = `${ref.kind}/${namespace}/${ref.name}`;
    const now = () => this.ctx.kernel.clock.timestamp();
    const effects: Effects = {
      event: (type, reason, message) => this.#recorder.event(hpa, type, reason, message, cause),
      setCondition: (update: ConditionUpdate) => {
        const conditions = setCondition(hpa.status?.conditions ?? [], update, now());
        hpa.status = { ...hpa.status, conditions } as HorizontalPodAutoscalerStatus;
      },
    };
    const failedScale = (message: string) => {
      effects.event('Warning', 'FailedGetScale', message);
      effects.setCondition({
        type: 'AbleToScale',
        status: 'False',
        reason: 'FailedGetScale',
        message: `the HPA controller was unable to get the target's current scale: ${message}`,
      });
      this.#updateStatusIfNeeded(original, hpa, cause);
    };
    const [group = '', version] = (ref.apiVersion ?? '').includes('/')
      ? (ref.apiVersion ?? '').split('/')
      : ['', ref.apiVersion];
    const mapping =
      RESOURCES.find(
        (r) => r.group === group && r.kind === ref.kind && (version === undefined || r.version === version),
      ) ?? RESOURCES.find((r) => r.group === group && r.kind === ref.kind);
    if (mapping === undefined) return failedScale(`no matches for kind "${ref.kind}" in group "${group}"`);
    const scalePath = resourcePath(mapping, namespace, ref.name, 'scale');
    let scale: Scale;
    try {
      const response = this.ctx.client.request('GET', scalePath, { causedBy: cause });
      scale = ('body' in response ? response.body : {}) as Scale;
    } catch (error) {
      return failedScale(requestError(error, 'get', `${mapping.plural}.${group}`));
    }
    effects.setCondition({
      type: 'AbleToScale',
      status: 'True',
      reason: 'SucceededGetScale',
      message: "the HPA controller was able to get the target's current scale",
    });
    const currentReplicas = scale.spec?.replicas ?? 0;
    this.#history.recordInitial(key, currentReplicas);
    const minReplicas = hpa.spec?.minReplicas ?? 1;
    const maxReplicas = hpa.spec?.maxReplicas ?? 0;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: MetricStatus[] = [];
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      effects.setCondition({
        type: 'ScalingActive',
        status: 'False',
        reason: 'ScalingDisabled',
        message: 'scaling is disabled since the replica count of the target is zero',
      });
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const pods = this.#pods.lister.byNamespace(namespace);
      const selector = this.#selectors.validate(key, scale.status?.selector ?? '', pods, effects);
      const computed =
        'error' in selector
          ? { replicas: -1, metric: '', statuses: [], error: selector.error }
          : computeReplicasForMetrics(
              {
                namespace,
                specReplicas: currentReplicas,
                selector,
                calculator: this.#calculator,
                client: this.ctx.client,
                causedBy: cause,
              },
              hpa.spec?.metrics ?? [],
              effects,
            );
      metricStatuses = computed.statuses;
      if (computed.replicas === -1) {
        this.#setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        this.#updateStatusIfNeeded(original, hpa, cause);
        effects.event('Warning', 'FailedComputeMetricsReplicas', computed.error ?? '');
        return;
      }
      if (computed.replicas > desiredReplicas) desiredReplicas = computed.replicas;
      if (desiredReplicas > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      const behavior = hpa.spec?.behavior;
      const outcome =
        behavior === undefined || behavior === null
          ? this.#history.normalize(key, currentReplicas, desiredReplicas, minReplicas, maxReplicas)
          : this.#history.normalizeWithBehaviors(
              key,
              behavior,
              currentReplicas,
              desiredReplicas,
              minReplicas,
              maxReplicas,
            );
      effects.setCondition({ type: 'AbleToScale', status: 'True', ...outcome.ableToScale });
      effects.setCondition({ type: 'ScalingLimited', ...outcome.limited });
      desiredReplicas = outcome.replicas;
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      try {
        this.ctx.client.request('PUT', scalePath, {
          body: { ...scale, spec: { ...scale.spec, replicas: desiredReplicas } },
          causedBy: cause,
        });
      } catch (error) {
        const message = requestError(error, 'put', `${mapping.plural}.${group}`);
        effects.event(
          'Warning',
          'FailedRescale',
          `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${message}`,
        );
        effects.setCondition({
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedUpdateScale',
          message: `the HPA controller was unable to update the target scale: ${message}`,
        });
        this.#setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        this.#updateStatusIfNeeded(original, hpa, cause);
        return;
      }
      effects.setCondition({
        type: 'AbleToScale',
        status: 'True',
        reason: 'SucceededRescale',
        message: `the HPA controller was able to update the target scale to ${desiredReplicas}`,
      });
      effects.event('Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      this.#history.storeScaleEvent(key, hpa.spec?.behavior ?? undefined, currentReplicas, desiredReplicas);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.#decide(
      cause,
      `${reference}: ${currentReplicas} -> ${desiredReplicas} replicas${rescale ? ` (${rescaleReason})` : ''}`,
    );
    this.#setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale);
    this.#updateStatusIfNeeded(original, hpa, cause);
  }

  /** setStatus: the status recreated from this reconcile (lastScaleTime now if it rescaled). */
  #setStatus(
    hpa: HpaObject,
    current: number,
    desired: number,
    metrics: MetricStatus[],
    rescaled: boolean,
  ): void {
    const old = hpa.status ?? ({} as HorizontalPodAutoscalerStatus);
    const lastScaleTime = rescaled ? this.ctx.kernel.clock.timestamp() : old.lastScaleTime;
    hpa.status = {
      ...(lastScaleTime === undefined || lastScaleTime === null ? {} : { lastScaleTime }),
      currentReplicas: current,
      desiredReplicas: desired,
      ...(metrics.length === 0 ? {} : { currentMetrics: metrics }),
      ...(old.conditions === undefined ? {} : { conditions: old.conditions }),
    } as HorizontalPodAutoscalerStatus;
  }

  /** updateStatusIfNeeded: PUT the status subresource only if it changed. */
  #updateStatusIfNeeded(original: unknown, hpa: HpaObject, cause: number | null): void {
    if (semanticEqual(original, hpa.status ?? {})) return;
    try {
      this.ctx.client.update(
        HPAS,
        { ...hpa, apiVersion: apiVersionOf(HPAS), kind: 'HorizontalPodAutoscaler' },
        'status',
        cause,
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#recorder.event(hpa, 'Warning', 'FailedUpdateStatus', error.message, cause);
    }
  }

  #decide(cause: number | null, summary: string): void {
    this.ctx.kernel.trace.emit({
      from: this.ctx.client.id,
      to: this.ctx.client.id,
      kind: 'decision',
      summary: `horizontal-pod-autoscaler: ${summary}`,
      causedBy: cause,
    });
  }
}
