/**
 * Upstream's EndpointSlice controller (pkg/controller/endpointslice): for every Service with
 * a selector it keeps EndpointSlices (`<service>-xxxxx`, labelled with the Service's name and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, owned by the
 * Service) listing the pods the selector matches that have an IP: their address, readiness,
 * node, zone and the ports the Service's targetPorts resolve to on them. Pod, Service, Node
 * and slice changes wake the Service they concern. A sync whose slice cache lags the
 * controller's own writes waits for it (tracker.ts) rather than acting on stale slices.
 */
import { matchesLabels } from '../../apiserver/selectors';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { Controller } from '../../client/controller';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import {
  planSlices,
  type Endpoint,
  type EndpointGroup,
  type EndpointPort,
  type SliceObject,
} from './reconciler';
import { queueServicesOnPodChange } from './pod-handlers';
import { EndpointSliceTracker, STALE_INFORMER_CACHE } from './tracker';
import { TriggerTimeTracker } from './trigger';
import {
  byName,
  ENDPOINT_SLICES,
  findPort,
  HEADLESS_LABEL,
  isHeadless,
  isPodReady,
  isTerminating,
  LAST_CHANGE_TRIGGER_TIME,
  NODES,
  PODS,
  podIPv4,
  serviceSelector,
  SERVICES,
  shouldPodBeInEndpoints,
  type PodObject,
  type ServiceObject,
} from './types';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Upstream's --concurrent-service-endpoint-syncs default. */
const WORKERS = 5;

type NodeObject = KubeObject;

export class EndpointSliceController {
  readonly #services: Informer<ServiceObject>;
  readonly #pods: Informer<PodObject>;
  readonly #nodes: Informer<NodeObject>;
  readonly #slices: Informer<SliceObject>;
  readonly #controller: Controller;
  readonly #triggers = new TriggerTimeTracker();
  readonly #tracker = new EndpointSliceTracker();

  constructor(private readonly ctx: ControllerContext) {
    this.#services = ctx.informers.informerFor<ServiceObject>(SERVICES);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.#slices = ctx.informers.informerFor<SliceObject>(ENDPOINT_SLICES);
    this.#controller = ctx.controller({
      name: 'endpoint_slice',
      workers: WORKERS,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#controller.watch(this.#services);
    const podChanged = queueServicesOnPodChange(this.#pods, this.#services, this.#controller);
    // A node's zone is part of its pods' endpoints.
    this.#nodes.addHandlers({
      update: (old, node, cause) => {
        if (old.metadata.labels?.[ZONE_LABEL] === node.metadata.labels?.[ZONE_LABEL]) return;
        for (const pod of this.#pods.lister.list())
          if (pod.spec?.nodeName === node.metadata.name) podChanged(pod, cause);
      },
    });
    this.#slices.addHandlers({
      delete: (slice) => {
        const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
        if (service !== undefined)
          this.#tracker.handleDeletion(`${slice.metadata.namespace ?? ''}/${service}`, slice);
      },
    });
    // Someone else changing or deleting our slices: put them right.
    this.#controller.watch(this.#slices, (slice) => {
      const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      if (slice.metadata.labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME || service === undefined) return null;
      return `${slice.metadata.namespace ?? ''}/${service}`;
    });
  }

  /** syncService: reconciles the slices of the Service at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const svc = this.#services.lister.get(key);
    if (svc === undefined) {
      this.#tracker.deleteService(key);
      return this.#triggers.delete(key); // the garbage collector deletes its slices
    }
    const selector = serviceSelector(svc);
    if (selector === null) return;
    const namespace = svc.metadata.namespace ?? '';
    const pods = byName(this.#pods.lister.byNamespace(namespace)).filter((p) =>
      matchesLabels(selector, p.metadata.labels),
    );
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = this.#ports(svc, pod);
      const k = JSON.stringify(ports);
      const group = groups.get(k) ?? { ports, endpoints: [] };
      groups.set(k, group);
      group.endpoints.push(this.#endpoint(svc, pod));
    }
    const existing = this.#slices.lister
      .byNamespace(namespace)
      .filter(
        (s) =>
          s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name &&
          s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME,
      );
    if (this.#tracker.stale(key, existing)) throw new Error(STALE_INFORMER_CACHE);
    const labels = this.#labels(svc);
    const plan = planSlices(
      svc,
      [...groups.values()] as EndpointGroup[],
      byName(existing),
      (ports) => this.#fresh(svc, labels, ports),
      (slice) =>
        JSON.stringify(slice.metadata.labels ?? {}) === JSON.stringify(labels)
          ? null
          : { ...slice, metadata: { ...slice.metadata, labels } },
    );
    const trigger = this.#triggers.compute(svc, pods);
    const stamp = (slice: SliceObject): SliceObject => {
      const annotations = { ...slice.metadata.annotations };
      if (trigger === undefined) delete annotations[LAST_CHANGE_TRIGGER_TIME];
      else annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
      return { ...slice, metadata: { ...slice.metadata, annotations } };
    };
    if (plan.create.length + plan.update.length + plan.remove.length === 0) return;
    const step = this.ctx.kernel.trace.emit({
      from: this.ctx.client.id,
      to: this.ctx.client.id,
      kind: 'decision',
      summary: `endpointslice: service ${key}: ${plan.create.length} slice(s) to create, ${plan.update.length} to update, ${plan.remove.length} to delete`,
      causedBy: cause,
    }).id;
    const client = this.ctx.client;
    for (const slice of plan.create)
      this.#tracker.update(key, client.create(ENDPOINT_SLICES, namespace, stamp(slice), step));
    for (const slice of plan.update)
      this.#tracker.update(key, client.update(ENDPOINT_SLICES, stamp(slice), undefined, step));
    for (const slice of plan.remove) {
      try {
        client.delete(ENDPOINT_SLICES, namespace, slice.metadata.name ?? '', {}, step);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 404) throw error;
      }
      this.#tracker.expectDeletion(key, slice);
    }
  }

  /** getEndpointPorts: the Service's ports that resolve on `pod`. */
  #ports(svc: ServiceObject, pod: PodObject): EndpointPort[] {
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      ports.push({
        name: sp.name ?? '',
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol === undefined ? {} : { appProtocol: sp.appProtocol }),
      });
    }
    return ports;
  }

  /** podToEndpoint. */
  #endpoint(svc: ServiceObject, pod: PodObject): Endpoint {
    const serving = isPodReady(pod);
    const terminating = isTerminating(pod);
    const nodeName = pod.spec?.nodeName;
    const zone =
      nodeName === undefined ? undefined : this.#nodes.lister.get(nodeName)?.metadata.labels?.[ZONE_LABEL];
    const hostname = pod.spec?.hostname;
    const setHostname =
      hostname !== undefined && hostname !== '' && pod.spec?.subdomain === svc.metadata.name;
    return {
      addresses: [podIPv4(pod) ?? ''],
      conditions: {
        ready: svc.spec?.publishNotReadyAddresses === true || (serving && !terminating),
        serving,
        terminating,
      },
      ...(setHostname ? { hostname } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        uid: pod.metadata.uid ?? '',
      },
      ...(nodeName === undefined || nodeName === '' ? {} : { nodeName }),
      ...(zone === undefined ? {} : { zone }),
    };
  }

  /** setEndpointSliceLabels: the Service's labels plus the controller's own. */
  #labels(svc: ServiceObject): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(svc.metadata.labels ?? {}))
      if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    labels[SERVICE_NAME_LABEL] = svc.metadata.name ?? '';
    labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
    return labels;
  }

  /** newEndpointSlice: an unsaved slice of `svc` for a port set. */
  #fresh(svc: ServiceObject, labels: Record<string, string>, ports: readonly EndpointPort[]): SliceObject {
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name ?? ''}-`,
        namespace: svc.metadata.namespace ?? '',
        labels,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: svc.metadata.name ?? '',
            uid: svc.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: [],
      ...(ports.length === 0 ? {} : { ports: [...ports] }),
    };
  }
}
