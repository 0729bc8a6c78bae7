/**
 * What the ingress-nginx controller makes of the API objects it watches: which Ingresses are
 * its own (store.GetIngressClass with `--watch-ingress-without-class=true`), the routing model
 * its nginx serves from them (ingress-nginx sorts Ingresses by creation time, oldest first),
 * and the ready endpoints of a backend Service port, from its EndpointSlices (nginx proxies
 * to pod addresses directly, not through the Service's ClusterIP).
 */
import type { KubeObject } from '../apiserver/types';
import type {
  IngressBackend,
  IngressModel,
  IngressPath,
  PathType,
} from '../node/images/ingress-nginx-routing';
import type { ServiceObject, SliceObject } from '../node/kube-proxy/types';
import { INGRESS_CLASS, INGRESS_CONTROLLER } from '../installer/ingress-nginx';

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
}

/** An Ingress as the controller's informer delivers it. */
export interface IngressObject extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Backend;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: PathType; backend?: Backend }[] };
    }[];
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

/** An IngressClass. */
export interface IngressClassObject extends KubeObject {
  spec?: { controller?: string };
}

/**
 * Whether the controller serves an Ingress: one naming an IngressClass of its controller, one
 * annotated `kubernetes.io/ingress.class: nginx`, or one with no class at all.
 */
export function isOurs(ing: IngressObject, classes: readonly IngressClassObject[]): boolean {
  const annotation = ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  // `--ingress-class=nginx`: the legacy annotation's value.
  if (annotation !== undefined) return annotation === INGRESS_CLASS;
  const name = ing.spec?.ingressClassName;
  if (name === undefined) return true;
  // `--controller-class`: the class must name this controller.
  return classes.some((c) => c.metadata.name === name && c.spec?.controller === INGRESS_CONTROLLER);
}

const backendOf = (namespace: string, b: Backend | undefined): IngressBackend | null => {
  const service = b?.service?.name;
  const port = b?.service?.port?.number ?? b?.service?.port?.name;
  return service === undefined || port === undefined ? null : { namespace, service, port };
};

const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** Oldest first, then by namespace/name, as the controller orders Ingresses. */
export function byAge(a: KubeObject, b: KubeObject): number {
  const [ta, tb] = [a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? ''];
  if (ta !== tb) return ta < tb ? -1 : 1;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** The routing model of the controller's Ingresses. */
export function modelOf(ingresses: readonly IngressObject[]): IngressModel {
  const paths: IngressPath[] = [];
  let defaultBackend: IngressBackend | null = null;
  for (const ing of [...ingresses].sort(byAge)) {
    const ns = ing.metadata.namespace ?? 'default';
    defaultBackend ??= backendOf(ns, ing.spec?.defaultBackend);
    for (const rule of ing.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const backend = backendOf(ns, p.backend);
        if (backend === null) continue;
        const pathType = p.pathType ?? 'ImplementationSpecific';
        paths.push({ host: rule.host ?? '', path: p.path ?? '/', pathType, backend });
      }
  }
  return { paths, defaultBackend };
}

/** The ready endpoints (`ip:port`) of a backend's Service port, sorted. */
export function endpointsOf(
  backend: IngressBackend,
  service: ServiceObject | undefined,
  slices: readonly SliceObject[],
): string[] {
  const port = service?.spec?.ports?.find((p) =>
    typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port,
  );
  if (port === undefined || service?.spec?.type === 'ExternalName') return [];
  const out = new Set<string>();
  for (const s of slices) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== backend.service) continue;
    const sp = s.ports?.find((p) => (p.name ?? '') === (port.name ?? ''));
    if (typeof sp?.port !== 'number') continue;
    for (const e of s.endpoints ?? [])
      if (e.conditions?.ready !== false) for (const a of e.addresses) out.add(`${a}:${sp.port}`);
  }
  return [...out].sort();
}
