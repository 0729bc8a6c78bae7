/**
 * Upstream's Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every
 * Service with a selector it keeps one Endpoints object of the same name, listing the
 * selected pods that have an IP as subsets (ready `addresses`, `notReadyAddresses`, ports),
 * labelled like the Service and annotated with `endpoints.kubernetes.io/last-change-trigger-time`.
 * It deletes the Endpoints when the Service goes, and writes only when something changed.
 *
 * It reads Endpoints from its informer cache, which lags its own writes: after an update it
 * remembers the resourceVersion it replaced (upstream's staleEndpointsTracker), and a sync
 * that still finds that version in the cache fails quietly and is retried with back-off
 * instead of sending a stale update that would only conflict. A write that fails anyway is
 * reported on the Endpoints (`FailedToCreateEndpoint` / `FailedToUpdateEndpoint`).
 */
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { matchesLabels } from '../../apiserver/selectors';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { objectKey, splitKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { TriggerTimeTracker } from '../endpointslice/trigger';
import { queueServicesOnPodChange } from '../endpointslice/pod-handlers';
import {
  byName,
  ENDPOINTS,
  HEADLESS_LABEL,
  isHeadless,
  LAST_CHANGE_TRIGGER_TIME,
  PODS,
  serviceSelector,
  SERVICES,
  type PodObject,
  type ServiceObject,
} from '../endpointslice/types';
import type { ControllerContext } from '../manager';
import { computeSubsets, truncate } from './subsets';

/** The annotation set when addresses were cut to 1000. */
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** Upstream's --concurrent-endpoint-syncs default. */
const WORKERS = 5;

type EndpointsObject = KubeObject & { subsets?: EndpointSubset[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class EndpointsController {
  readonly #services: Informer<ServiceObject>;
  readonly #pods: Informer<PodObject>;
  readonly #endpoints: Informer<EndpointsObject>;
  readonly #controller: Controller;
  readonly #triggers = new TriggerTimeTracker();
  readonly #recorder: EventRecorder;
  /** The resourceVersion each Endpoints had before this controller last updated it. */
  readonly #stale = new Map<string, string>();

  constructor(private readonly ctx: ControllerContext) {
    this.#services = ctx.informers.informerFor<ServiceObject>(SERVICES);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#endpoints = ctx.informers.informerFor<EndpointsObject>(ENDPOINTS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'endpoint-controller');
    this.#controller = ctx.controller({
      name: 'endpoint',
      workers: WORKERS,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#controller.watch(this.#services);
    queueServicesOnPodChange(this.#pods, this.#services, this.#controller);
    // onEndpointsDelete: an Endpoints deleted by someone else is recreated.
    this.#endpoints.addHandlers({
      delete: (ep, cause) => {
        if (this.#services.lister.get(objectKey(ep)) !== undefined)
          this.#controller.queue.add(objectKey(ep), cause);
      },
    });
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({ from: id, to: id, kind: 'decision', summary, causedBy: cause }).id;
  }

  /** syncService: reconciles the Endpoints of the Service at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const { namespace, name } = splitKey(key);
    const ns = namespace ?? '';
    const svc = this.#services.lister.get(key);
    if (svc === undefined) {
      this.#triggers.delete(key);
      this.#stale.delete(key);
      if (this.#endpoints.lister.get(key) === undefined) return;
      const step = this.#decide(`endpoint: service ${key} is gone, deleting its Endpoints`, cause);
      try {
        this.ctx.client.delete(ENDPOINTS, ns, name, {}, step);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 404) throw error;
      }
      return;
    }
    const selector = serviceSelector(svc);
    if (selector === null) return; // the user manages Endpoints of selector-less Services
    const pods = byName(this.#pods.lister.byNamespace(ns)).filter((p) =>
      matchesLabels(selector, p.metadata.labels),
    );
    const subsets = computeSubsets(svc, pods);
    const truncated = truncate(subsets);
    const trigger = this.#triggers.compute(svc, pods);
    const labels: Record<string, string> = { ...svc.metadata.labels };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const current = this.#endpoints.lister.get(key);
    const version = current?.metadata.resourceVersion;
    if (version !== undefined && this.#stale.get(key) === version)
      throw new Error(
        `endpoints informer cache is out of date, resource version ${version} already processed for endpoints ${key}`,
      );
    const capacityOk = (current?.metadata.annotations?.[OVER_CAPACITY] === 'truncated') === truncated;
    if (
      current !== undefined &&
      same(current.subsets ?? [], subsets) &&
      same(current.metadata.labels ?? {}, labels) &&
      capacityOk
    )
      return;
    const annotations: Record<string, string> = { ...current?.metadata.annotations };
    if (trigger === undefined) delete annotations[LAST_CHANGE_TRIGGER_TIME];
    else annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    if (truncated) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    const ready = subsets.reduce((n, s) => n + (s.addresses ?? []).length, 0);
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses ?? []).length, 0);
    const step = this.#decide(
      `endpoint: ${current === undefined ? 'create' : 'update'} Endpoints ${key}, ready: ${ready} not ready: ${notReady}`,
      cause,
    );
    const metadata = {
      ...(current?.metadata ?? { name, namespace: ns }),
      labels,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
    };
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    const obj = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata,
      ...(subsets.length === 0 ? {} : { subsets }),
    };
    try {
      if (current === undefined) this.ctx.client.create(ENDPOINTS, ns, obj, step);
      else {
        const updated = this.ctx.client.update(ENDPOINTS, obj, undefined, step);
        if (version !== undefined && updated.metadata.resourceVersion !== version)
          this.#stale.set(key, version);
      }
    } catch (error) {
      // Creating in a terminating namespace is forbidden: drop it, the namespace is going away.
      if (current === undefined && error instanceof ApiError && error.code === 403) return;
      const why = error instanceof Error ? error.message : String(error);
      this.#recorder.event(
        obj as KubeObject,
        'Warning',
        current === undefined ? 'FailedToCreateEndpoint' : 'FailedToUpdateEndpoint',
        current === undefined
          ? `Failed to create endpoint for service ${key}: ${why}`
          : `Failed to update endpoint ${key}: ${why}`,
        step,
      );
      throw error;
    }
  }
}
