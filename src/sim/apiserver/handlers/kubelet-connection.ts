/**
 * How kube-apiserver reaches the kubelets: upstream it dials each Node's kubelet server
 * (status.daemonEndpoints.kubeletEndpoint, HTTPS :10250) for `/containerLogs/...`, `/exec/...`
 * and `/attach/...` (and metrics-server dials it for `/metrics/resource`). Here the cluster
 * composition gives the apiserver a directory of the kubelets' servers by node name, so the
 * apiserver never imports node code.
 */
import type { TextStream } from '../types';

/** The log options the kubelet serves (PodLogOptions without the container). */
export interface KubeletLogOptions {
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number;
  /** Only lines at or after this virtual ms (from sinceSeconds or sinceTime). */
  readonly since?: number;
  readonly limitBytes?: number;
}

/** An HTTP answer of the kubelet server: a value, or a status code and a plain-text error. */
export type KubeletResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: number; readonly message: string };

/** A process the kubelet streams (exec, attach): its end is an exit code or an error text. */
export interface KubeletProcess {
  start(
    out: (stream: 'stdout' | 'stderr', data: string) => void,
    done: (result: { readonly exitCode: number } | { readonly error: string }) => void,
  ): void;
  write(data: string): void;
  closeStdin(): void;
  kill(): void;
}

/** One kubelet's server, as the apiserver calls it. `causedBy` is the apiserver's trace step. */
export interface KubeletConnection {
  /** GET /containerLogs/<ns>/<pod>/<container>: the text, or a stream when following. */
  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    options: KubeletLogOptions,
    causedBy: number,
  ): KubeletResult<string | TextStream>;
  /** POST /exec/<ns>/<pod>/<container>?command=... */
  exec(
    namespace: string,
    pod: string,
    container: string,
    command: readonly string[],
    tty: boolean,
    causedBy: number,
  ): KubeletResult<KubeletProcess>;
  /** POST /attach/<ns>/<pod>/<container> */
  attach(namespace: string, pod: string, container: string, causedBy: number): KubeletResult<KubeletProcess>;
  /** GET /metrics/resource: the node's and its containers' CPU and memory, in Prometheus text format. */
  resourceMetrics(causedBy: number): KubeletResult<string>;
}

/** The kubelets the apiserver can reach, by node name. */
export interface NodeConnections {
  kubelet(nodeName: string): KubeletConnection | undefined;
}
