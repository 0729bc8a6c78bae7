/**
 * The servers of the control plane's static pods (installer/control-plane.ts): etcd 3.5
 * (clients on 2379, peers on 2380, `/livez` `/readyz` `/health` on the 2381 metrics
 * listener), kube-apiserver (6443), kube-controller-manager (10257) and kube-scheduler
 * (10259), each answering its health endpoints with `ok` as Go's healthz handlers do. What
 * these processes do is the simulation's own etcd, apiserver, controllers and scheduler;
 * their containers only show it: start-up lines, listening ports, health checks.
 */
import { pathOnly } from './http';
import { klog, NOT_FOUND, plain } from './addons';
import { linesAt, type Exchange, type ServerBehaviour, type ServerContext } from './server';

interface HealthServer {
  readonly binary: string;
  readonly ports: readonly number[];
  /** The port and paths that answer `ok`. */
  readonly healthPort: number;
  readonly healthPaths: readonly string[];
  /** klog lines it prints on start (after the header). */
  readonly started: (ctx: ServerContext) => readonly string[];
}

function healthServer(s: HealthServer): ServerBehaviour {
  return {
    binaries: [s.binary, `/usr/local/bin/${s.binary}`],
    start: (ctx) => ({
      output: linesAt(
        0,
        'stderr',
        s.started(ctx).map((line, i) => `${klog(ctx.wallMs + i * 3)} ${line}`),
      ),
      listens: s.ports.map((port) => ({ port, protocol: 'TCP' as const, afterMs: 0 })),
    }),
    answer: (exchange: Exchange) =>
      exchange.port === s.healthPort && s.healthPaths.includes(pathOnly(exchange.request))
        ? plain(exchange, 200, 'ok')
        : plain(exchange, 404, NOT_FOUND),
  };
}

export const ETCD = healthServer({
  binary: 'etcd',
  ports: [2379, 2380, 2381],
  healthPort: 2381,
  healthPaths: ['/livez', '/readyz', '/health'],
  started: () => [
    'etcd.go:73] "Running: " args=["etcd","--data-dir=/var/lib/etcd"]',
    'etcd.go:310] "starting an etcd server" etcd-version="3.5.16"',
    'serve.go:103] "ready to serve client requests"',
  ],
});

export const KUBE_APISERVER = healthServer({
  binary: 'kube-apiserver',
  ports: [6443],
  healthPort: 6443,
  healthPaths: ['/livez', '/readyz', '/healthz'],
  started: () => [
    'options.go:228] external host was not specified, using 172.18.0.2',
    'server.go:150] Version: v1.32.4',
    'secure_serving.go:213] Serving securely on [::]:6443',
  ],
});

export const KUBE_CONTROLLER_MANAGER = healthServer({
  binary: 'kube-controller-manager',
  ports: [10257],
  healthPort: 10257,
  healthPaths: ['/healthz'],
  started: () => [
    'serving.go:386] Generated self-signed cert in-memory',
    'controllermanager.go:185] "Starting" version="v1.32.4"',
    'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...',
  ],
});

export const KUBE_SCHEDULER = healthServer({
  binary: 'kube-scheduler',
  ports: [10259],
  healthPort: 10259,
  healthPaths: ['/livez', '/readyz', '/healthz'],
  started: () => [
    'serving.go:386] Generated self-signed cert in-memory',
    'server.go:167] "Starting Kubernetes Scheduler" version="v1.32.4"',
    'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...',
  ],
});
