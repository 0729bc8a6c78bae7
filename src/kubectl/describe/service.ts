/** Services and the endpoints behind them (Endpoints, EndpointSlices). */
import type { Endpoints, LoadBalancerIngress, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { formatLabels } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import type { DescribeContext } from './index';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/** The EndpointSlices of a service (those labelled with its name); none if listing fails. */
export async function serviceEndpointSlices(
  ctx: DescribeContext,
  namespace: string,
  service: string,
): Promise<EndpointSlice[]> {
  const path = `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`;
  const slices = await ctx.list(path, { labelSelector: `kubernetes.io/service-name=${service}` });
  return slices as unknown as EndpointSlice[];
}

const hostPort = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/**
 * The ready endpoints serving the named ports, as `ip:port` (or bare IPs for a slice without
 * ports): at most three, then `+ N more...`; `<none>` when there are no slices at all.
 */
export function formatEndpointSlices(slices: readonly EndpointSlice[], ports: ReadonlySet<string>): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (endpoint: EndpointSlice['endpoints'][number], text: string) => {
    if (list.length === max) more = true;
    if (endpoint.conditions?.ready === false) return;
    if (!more) list.push(text);
    count++;
  };
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    if ((slice.ports ?? []).length === 0) {
      for (const e of endpoints) add(e, e.addresses[0] ?? '');
      continue;
    }
    for (const port of slice.ports ?? []) {
      if (!ports.has(port.name ?? '')) continue;
      for (const e of endpoints) add(e, hostPort(e.addresses[0] ?? '', port.port ?? 0));
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

function ingressString(ingress: readonly LoadBalancerIngress[]): string {
  return ingress
    .map((i) => {
      if (!i.ip) return i.hostname ?? '';
      const mode = (i as { ipMode?: string }).ipMode;
      return mode ? `${i.ip} (${mode})` : i.ip;
    })
    .join(', ');
}

/** Describes a service: addresses, each port with its endpoints, traffic policies. */
export async function describeService(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const svc = obj as unknown as Service;
  const meta = svc.metadata ?? {};
  const slices = await serviceEndpointSlices(ctx, meta.namespace ?? '', meta.name ?? '').catch(() => []);
  const events = await eventsFor(ctx, targetOf(obj));
  const spec = svc.spec ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0)
    w.write(LEVEL_0, `External IPs:\t${spec.externalIPs?.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${port.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${port.targetPort ?? 0}/${protocol}\n`);
    if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([port.name ?? '']))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy)
    w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy)
    w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
    w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges?.join(',')}\n`);
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

function writeHeader(w: PrefixWriter, obj: KubeObject): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** Describes an Endpoints object subset by subset. */
export async function describeEndpoints(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ep = obj as unknown as Endpoints;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  writeHeader(w, obj);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(
      LEVEL_1,
      `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`,
    );
    if ((subset.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of subset.ports ?? [])
        w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes an EndpointSlice: its ports, then each endpoint with its conditions and placement. */
export async function describeEndpointSlice(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const eps = obj as unknown as EndpointSlice;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  writeHeader(w, obj);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
  const ports = eps.ports ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) {
      w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
    }
  }
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    const orUnset = (v: unknown) => (v === undefined || v === null ? '<unset>' : String(v));
    for (const e of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${orUnset(e.conditions?.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${orUnset(e.hostname)}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${orUnset(e.nodeName)}\n`);
      w.write(LEVEL_2, `Zone:\t${orUnset(e.zone)}\n`);
    }
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
