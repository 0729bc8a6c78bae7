/** Ingresses (with each backend's endpoints) and IngressClasses. */
import type { Service } from 'kubernetes-types/core/v1';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1';
import { compareStrings } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import type { DescribeContext } from './index';
import { formatEndpointSlices, serviceEndpointSlices } from './service';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A backend as `service:port (endpoints)`, the endpoints being those of the service port
 * it names; a resource backend as its group, kind and name.
 */
async function describeBackend(
  ctx: DescribeContext,
  namespace: string,
  backend: IngressBackend,
): Promise<string> {
  if (backend.service) {
    const { name, port } = backend.service;
    const label = `${name}:${port?.number ? port.number : (port?.name ?? '')}`;
    try {
      const slices = await serviceEndpointSlices(ctx, namespace, name);
      const service = (await ctx.get(`/api/v1/namespaces/${namespace}/services/${name}`)) as Service | null;
      if (!service) throw new Error(`services "${name}" not found`);
      let portName = '';
      for (const sp of service.spec?.ports ?? []) {
        if (port?.number && port.number === sp.port) portName = sp.name ?? '';
        else if (port?.name && port.name === sp.name) portName = sp.name ?? '';
      }
      return `${label} (${formatEndpointSlices(slices, new Set([portName]))})`;
    } catch (error) {
      return `${label} (<error: ${errorText(error)}>)`;
    }
  }
  if (backend.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}

/** The load balancer's addresses (IPs, else hostnames), sorted and deduplicated. */
function ingressAddress(ingress: Ingress): string {
  const addresses = new Set<string>();
  for (const i of ingress.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) addresses.add(i.ip);
    else if (i.hostname) addresses.add(i.hostname);
  }
  return [...addresses].sort(compareStrings).join(',');
}

/** Describes an Ingress: its address, class, default backend, TLS and rules. */
export async function describeIngress(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ing = obj as unknown as Ingress;
  const meta = ing.metadata ?? {};
  const namespace = meta.namespace ?? '';
  const events = await eventsFor(ctx, targetOf(obj));
  const spec = ing.spec ?? {};
  const defaultBackend = spec.defaultBackend
    ? await describeBackend(ctx, namespace, spec.defaultBackend)
    : '<default>';
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
  w.write(LEVEL_0, `Address:\t${ingressAddress(ing)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
  if ((spec.tls ?? []).length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of spec.tls ?? []) {
      const hosts = (t.hosts ?? []).join(',');
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const path of rule.http.paths) {
      w.write(LEVEL_2, `\t${path.path ?? ''} \t${await describeBackend(ctx, namespace, path.backend)}\n`);
    }
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Describes an IngressClass: its controller and parameters. */
export async function describeIngressClass(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ic = obj as unknown as IngressClass;
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ic.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ic.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ic.metadata?.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const params = ic.spec?.parameters;
  if (params) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (params.apiGroup !== undefined && params.apiGroup !== null)
      w.write(LEVEL_1, `APIGroup:\t${params.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${params.kind}\n`);
    w.write(LEVEL_1, `Name:\t${params.name}\n`);
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
