/**
 * The Service environment variables (pkg/kubelet/envvars and getServiceEnvVarMap): for each
 * Service with a cluster IP that a container may see, `<NAME>_SERVICE_HOST`,
 * `<NAME>_SERVICE_PORT` (first port), `<NAME>_SERVICE_PORT_<PORTNAME>` for named ports, and the
 * Docker-link variables `<NAME>_PORT`, `<NAME>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]`. A
 * container sees the `kubernetes` Service of `default` always, and the Services of its own
 * namespace when `enableServiceLinks` is true, as they exist when it starts.
 */
import type { Service } from 'kubernetes-types/core/v1';

/** Upstream's masterServices: the Services every pod gets variables for. */
const MASTER_SERVICES = new Set(['kubernetes']);

const envName = (name: string) => name.replace(/-/g, '_').toUpperCase();

const hasClusterIP = (s: Service) => {
  const ip = s.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
};

/** envvars.FromServices: the variables of each Service, in order. */
export function fromServices(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const service of services) {
    const ports = service.spec?.ports ?? [];
    const ip = service.spec?.clusterIP ?? '';
    if (!hasClusterIP(service) || ports.length === 0) continue;
    const prefix = envName(service.metadata?.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0]?.port ?? 0)]);
    for (const p of ports) {
      if ((p.name ?? '') !== '')
        out.push([`${prefix}_SERVICE_PORT_${envName(p.name ?? '')}`, String(p.port)]);
    }
    const host = ip.includes(':') ? `[${ip}]` : ip;
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${host}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([portPrefix, url], [`${portPrefix}_PROTO`, proto], [`${portPrefix}_PORT`, String(p.port)]);
      out.push([`${portPrefix}_ADDR`, ip]);
    });
  }
  return out;
}

/** getServiceEnvVarMap: the Service variables a container in `namespace` gets. */
export function serviceEnv(
  services: readonly Service[],
  namespace: string,
  enableServiceLinks: boolean,
): Map<string, string> {
  const chosen = new Map<string, Service>();
  const sorted = [...services].sort((a, b) =>
    `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}` <
    `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`
      ? -1
      : 1,
  );
  for (const service of sorted) {
    const name = service.metadata?.name ?? '';
    if (!hasClusterIP(service)) continue;
    if (service.metadata?.namespace === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, service);
    } else if (service.metadata?.namespace === namespace && enableServiceLinks) chosen.set(name, service);
  }
  return new Map(fromServices([...chosen.values()]));
}
