/**
 * What the EndpointSlice and Endpoints controllers share: the resources they read and write,
 * and upstream's pod helpers (pkg/api/v1/endpoints, staging endpointslice/util): which pods
 * belong in a Service's endpoints, their IPv4 address, and how a Service port's targetPort
 * resolves to a container port of a pod.
 */
import type { PodSpec, PodStatus, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { matchesLabels, type LabelSelector } from '../../apiserver/selectors';
import type { KubeObject } from '../../apiserver/types';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const PODS = resource('', 'v1', 'pods');
export const SERVICES = resource('', 'v1', 'services');
export const NODES = resource('', 'v1', 'nodes');
export const ENDPOINTS = resource('', 'v1', 'endpoints');
export const ENDPOINT_SLICES = resource('discovery.k8s.io', 'v1', 'endpointslices');

/** A Pod as the informer delivers it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };
/** A Service as the informer delivers it. */
export type ServiceObject = KubeObject & { spec?: ServiceSpec };

/** The annotation both controllers set to the time of the change that triggered them. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** The label a headless Service's endpoints carry. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** The Service's selector as label requirements; null when it has none (not managed). */
export function serviceSelector(svc: ServiceObject): LabelSelector | null {
  const selector = svc.spec?.selector;
  if (selector === undefined || selector === null || Object.keys(selector).length === 0) return null;
  if (svc.spec?.type === 'ExternalName') return null;
  return Object.entries(selector).map(([key, value]) => ({ key, op: 'in' as const, values: [value] }));
}

/** The Services of the pod's namespace whose selector matches `labels`. */
export function servicesFor(
  services: readonly ServiceObject[],
  labels: Readonly<Record<string, string>> | undefined,
): ServiceObject[] {
  return services.filter((svc) => {
    const selector = serviceSelector(svc);
    return selector !== null && matchesLabels(selector, labels);
  });
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** Whether the pod has a deletionTimestamp. */
export function isTerminating(pod: PodObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

/** The pod's IPv4 address (status.podIPs, else status.podIP), or undefined. */
export function podIPv4(pod: PodObject): string | undefined {
  const ips = [...(pod.status?.podIPs ?? []).map((p) => p.ip), pod.status?.podIP];
  return ips.find((ip): ip is string => ip !== undefined && ip !== '' && !ip.includes(':'));
}

/**
 * endpointsliceutil.ShouldPodBeInEndpoints: the pod has an IP, is not in a terminal phase,
 * and (unless terminating endpoints are included) is not being deleted.
 */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  if (podIPv4(pod) === undefined) return false;
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  return includeTerminating || !isTerminating(pod);
}

/**
 * podutil.FindPort: a numeric targetPort as is (the port itself when unset); a named one
 * from the pod's container ports with that name and protocol, or undefined when none has it.
 */
export function findPort(pod: PodObject, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const asNumber = Number(target);
  if (target !== '' && Number.isInteger(asNumber)) return asNumber;
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

/** Whether the Service is headless (clusterIP None). */
export function isHeadless(svc: ServiceObject): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** Objects sorted by name, for a deterministic order. */
export function byName<T extends KubeObject>(objs: readonly T[]): T[] {
  return [...objs].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}
