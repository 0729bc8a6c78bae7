/**
 * The kubelet's own connections to its pods (httpGet and tcpSocket probes, httpGet lifecycle
 * hooks): the target is `host` or the pod's IP (the node's for host-network pods) and the
 * container's port (a number, a port name, or a number written as a string, as upstream's
 * ResolveContainerPort takes them). The node's runtime answers with whatever listens there
 * (`serve`); each exchange is a pair of trace steps between the kubelet and the pod. Errors
 * read as Go's net/http client writes them.
 */
import type { Container, HTTPGetAction } from 'kubernetes-types/core/v1';
import type { HttpResponse, ServeRequest } from '../cri/types';
import type { HeaderField } from '../images/http';
import type { KubeletContext, PodRecord } from './context';

/** What a connection or a GET came to. */
export interface Exchange {
  /** Go's error text (connection refused, too many redirects), or null. */
  readonly error: string | null;
  /** The server's response to a GET (the last one, after redirects), or null. */
  readonly response: HttpResponse | null;
  readonly step: number;
}

/** The user agents of the kubelet's requests (`kube-probe/1.32`, `kube-lifecycle/1.32`). */
export type Purpose = 'probe' | 'lifecycle';

/** ResolveContainerPort: the port number, or Go's error text. */
export function resolvePort(port: number | string | undefined, container: Container): number | string {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = (container.ports ?? []).find((p) => p.name === port)?.containerPort;
    if (named !== undefined) n = named;
    else if (/^[+-]?\d+$/.test(port ?? '')) n = Number(port);
    else return `strconv.Atoi: parsing ${JSON.stringify(port ?? '')}: invalid syntax`;
  }
  return n > 0 && n < 65536 ? n : `invalid port number: ${n}`;
}

/** The pod's address as the kubelet reaches it. */
export function podAddress(ctx: KubeletContext, record: PodRecord): string {
  return record.pod.spec?.hostNetwork === true ? ctx.hostIP : (record.sandbox?.ip ?? '');
}

function emit(
  ctx: KubeletContext,
  record: PodRecord,
  outbound: boolean,
  summary: string,
  cause: number | null,
) {
  const { namespace, name } = record.pod.metadata;
  const pod = `${ctx.nodeName}/pod/${namespace ?? ''}/${name ?? ''}`;
  return ctx.kernel.trace.emit({
    from: outbound ? ctx.id : pod,
    to: outbound ? pod : ctx.id,
    kind: outbound ? 'request' : 'response',
    summary,
    causedBy: cause,
  }).id;
}

/** Where a connection goes: the pod's network namespace, or the container itself on the host network. */
function target(record: PodRecord, containerId: string, host: string): ServeRequest['to'] {
  return record.pod.spec?.hostNetwork === true ? { containerId } : { podIP: host };
}

/** A bare TCP connect (a tcpSocket probe). */
export function tcpConnect(
  ctx: KubeletContext,
  record: PodRecord,
  containerId: string,
  host: string,
  port: number,
  cause: number | null,
): Exchange {
  const sent = emit(ctx, record, true, `TCP connect ${host}:${port}`, cause);
  const to = target(record, containerId, host);
  const served = ctx.runtime.serve({ to, port, protocol: 'TCP', clientIP: ctx.hostIP });
  const refused = `dial tcp ${host}:${port}: connect: connection refused`;
  const step = emit(ctx, record, false, served.listening ? 'connected' : 'connection refused', sent);
  return { error: served.listening ? null : refused, response: null, step };
}

/** A GET as Go's client sends it, following redirects on the same host up to 10 times. */
export function httpGet(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  containerId: string,
  action: HTTPGetAction,
  port: number,
  purpose: Purpose,
  cause: number | null,
): Exchange {
  const host = action.host ?? podAddress(ctx, record);
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  const custom = (action.httpHeaders ?? []).map((h) => [h.name, h.value] as const);
  const has = (name: string) => custom.some(([n]) => n.toLowerCase() === name.toLowerCase());
  let path = action.path ?? '';
  if (!path.startsWith('/')) path = `/${path}`;
  let step = cause;
  for (let hop = 0; ; hop++) {
    const url = `${scheme}://${host}:${port}${path}`;
    if (hop === 10)
      return { error: `Get "${url}": stopped after 10 redirects`, response: null, step: step ?? 0 };
    const headers: HeaderField[] = [
      ['Host', `${host}:${port}`],
      ...(has('User-Agent') ? [] : [['User-Agent', `kube-${purpose}/1.32`] as const]),
      ...(has('Accept') ? [] : [['Accept', '*/*'] as const]),
      ...custom.filter(([n, v]) => !(n.toLowerCase() === 'accept' && v === '')),
      ['Connection', 'close'],
    ];
    const sent = emit(ctx, record, true, `GET ${url}`, step);
    const to = target(record, containerId, host);
    const served = ctx.runtime.serve({
      to,
      port,
      protocol: 'TCP',
      clientIP: ctx.hostIP,
      http: { method: 'GET', path, headers },
    });
    if (!served.listening) {
      step = emit(ctx, record, false, 'connection refused', sent);
      return {
        error: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`,
        response: null,
        step,
      };
    }
    const response = served.response;
    if (response === null) {
      step = emit(ctx, record, false, 'malformed HTTP response', sent);
      return {
        error: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response`,
        response: null,
        step,
      };
    }
    step = emit(ctx, record, false, `${response.status} ${response.reason}`, sent);
    const location = response.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
    const redirect = response.status >= 300 && response.status < 400 && location !== undefined;
    const next = redirect ? sameHost(location, host, port) : null;
    if (next === null) return { error: null, response, step };
    ({ path, port } = next);
  }
}

/** Where a redirect leads when it stays on the same host, else null (its response is the last). */
function sameHost(location: string, host: string, port: number): { path: string; port: number } | null {
  if (location.startsWith('/')) return { path: location, port };
  const match = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(location);
  if (match === null || match[1] !== host) return null;
  return { path: match[3] ?? '/', port: match[2] === undefined ? port : Number(match[2]) };
}
