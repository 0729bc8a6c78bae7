/**
 * What the ingress-nginx controller (v1.12.0, cmd/nginx/main.go and internal/ingress/controller)
 * prints while it starts, and when its sockets open: the version banner on stdout, then klog
 * lines on stderr (it runs as PID 7 under dumb-init) as it connects to the API server, starts
 * nginx, takes the leader lease and loads its first configuration. The health endpoint (10254)
 * opens first; nginx listens on 80 and 443 once its process has started.
 */
import { VERSION_INFO } from '../../apiserver/discovery';
import { KUBERNETES_SERVICE_IP } from '../../apiserver/allocators';
import { klog } from './addons';
import { linesAt, type ServerContext, type ServerRun, type TimedLine } from './server';

export const INGRESS_NGINX_VERSION = 'v1.12.0';
/** The commit the release's image was built from. */
const BUILD = '8ee4384271e081578bb8f08eccf2f3b5a78ada25';
/** `--election-id` in the kind manifest, and the namespace the controller runs in. */
const LEADER_LEASE = 'ingress-nginx/ingress-nginx-leader';
/** When nginx's master process is up (after the controller's start-up work). */
export const NGINX_STARTS_MS = 1_200;

/** A klog header (`I0101 00:00:05.000000       7 `) of the controller, PID 7. */
function header(severity: 'I' | 'W', ms: number): string {
  return `${severity}${klog(ms).slice(1, -1)}7`;
}

/** The controller's start-up: what it prints, and the ports it opens. */
export function startupOutput(ctx: ServerContext): ServerRun {
  const v = VERSION_INFO;
  const pod = ctx.env.POD_NAME ?? 'ingress-nginx-controller';
  const at = (afterMs: number, text: string, severity: 'I' | 'W' = 'I'): TimedLine => ({
    afterMs,
    stream: 'stderr',
    text: `${header(severity, ctx.wallMs + afterMs)} ${text}`,
  });
  return {
    output: [
      ...linesAt(0, 'stdout', [
        '-------------------------------------------------------------------------------',
        'NGINX Ingress controller',
        `  Release:       ${INGRESS_NGINX_VERSION}`,
        `  Build:         ${BUILD}`,
        '  Repository:    https://github.com/kubernetes/ingress-nginx',
        '  nginx version: nginx/1.25.5',
        '',
        '-------------------------------------------------------------------------------',
        '',
      ]),
      at(
        3,
        'client_config.go:667] Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.',
        'W',
      ),
      at(4, `main.go:205] "Creating API client" host="https://${KUBERNETES_SERVICE_IP}:443"`),
      at(
        21,
        `main.go:248] "Running in Kubernetes cluster" major="${v.major}" minor="${v.minor}" git="${v.gitVersion}" state="${v.gitTreeState}" commit="${v.gitCommit}" platform="${v.platform}"`,
      ),
      at(
        112,
        'main.go:101] "SSL fake certificate created" file="/etc/ingress-controller/ssl/default-fake-certificate.pem"',
      ),
      at(140, 'nginx.go:271] "Starting NGINX Ingress controller"'),
      at(NGINX_STARTS_MS, 'nginx.go:317] "Starting NGINX process"'),
      at(NGINX_STARTS_MS + 1, `leaderelection.go:257] attempting to acquire leader lease ${LEADER_LEASE}...`),
      at(NGINX_STARTS_MS + 2, 'controller.go:196] "Configuration changes detected, backend reload required"'),
      at(NGINX_STARTS_MS + 9, `leaderelection.go:271] successfully acquired lease ${LEADER_LEASE}`),
      at(NGINX_STARTS_MS + 10, `status.go:85] "New leader elected" identity="${pod}"`),
      at(NGINX_STARTS_MS + 95, 'controller.go:216] "Backend successfully reloaded"'),
      at(NGINX_STARTS_MS + 96, 'controller.go:227] "Initial sync, sleeping for 1 second"'),
    ],
    listens: [
      { port: 10254, protocol: 'TCP', afterMs: 140 },
      { port: 80, protocol: 'TCP', afterMs: NGINX_STARTS_MS },
      { port: 443, protocol: 'TCP', afterMs: NGINX_STARTS_MS },
    ],
  };
}
