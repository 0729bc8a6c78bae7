/**
 * The images the simulation knows, and what their containers do (ports they listen on, and
 * the network tools on their PATH):
 *
 * - nginx: nginx 1.27 (nginx.ts), HTTP on 80; curl.
 * - httpd: httpd 2.4 serving "It works!" (httpd.ts), HTTP on 80.
 * - redis: redis-server 7.4 (redis.ts), 6379.
 * - postgres: postgres 17, exits 1 without POSTGRES_PASSWORD (postgres.ts), 5432 after ~3 s.
 * - registry.k8s.io/hpa-example: php-apache answering `OK!` (hpa-example.ts), HTTP on 80; curl.
 * - busybox, alpine: `sh`, which exits 0 at once without a command; wget, nslookup, ping, nc.
 * - curlimages/curl: `curl`, which prints its usage hint and exits 2 without arguments; curl,
 *   wget, nslookup, ping, nc.
 * - ubuntu: `bash`, which exits 0 at once.
 * - polinux/stress, vish/stress: the stress tools of the docs' resource examples (cri/workloads.ts).
 * - kubelab/crasher, kubelab/slow-start, kubelab/leaky: teaching images (teaching.ts), HTTP on 8080.
 * - registry.k8s.io/pause: the sandbox's pause process.
 * - coredns, metrics-server: answer their probes (addons.ts); kube-proxy, kindnetd, flannel,
 *   calico, cilium just run. The addons' work is done by src/sim/network and metrics-server.
 * - registry.k8s.io/ingress-nginx/controller: ingress-nginx's nginx (ingress-nginx.ts), HTTP
 *   on 80 routed by the cluster's Ingresses, `/healthz` on 10254; its controller process is
 *   src/sim/ingress-nginx.
 *
 * A command in the pod spec replaces the image's process: the shell (cri/shell.ts) runs the
 * commands it knows, a server's own binary (`nginx`, `redis-server`...) runs the server, and
 * anything else keeps running without output. Any other image pulls as an unknown server that
 * runs forever and listens nowhere; names containing `doesnotexist`, and the tags `nonexistent`
 * and `doesnotexist`, fail to pull as a missing repository or tag does (reference.ts).
 */
import { COREDNS, METRICS_SERVER } from './addons';
import { ETCD, KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER } from './control-plane';
import { hpaExample } from './hpa-example';
import { INGRESS_NGINX } from './ingress-nginx';
import { httpd } from './httpd';
import { nginx } from './nginx';
import { postgres } from './postgres';
import { redis } from './redis';
import type { ServerBehaviour } from './server';
import { CRASHER, LEAKY, SLOW_START } from './teaching';

/** Network clients an image may have on its PATH (images/tools). */
export type NetTool = 'wget' | 'curl' | 'nslookup' | 'ping' | 'nc';

/** What the catalog knows about an image. */
export interface CatalogEntry {
  /** Compressed size in bytes. */
  readonly size: number;
  /** Pull time range in ms. */
  readonly pullMs: readonly [number, number];
  /** Whether the default process is a server (runs until stopped) or a shell (exits at once). */
  readonly server: boolean;
  /** busybox applets (busybox, Alpine) or Debian's coreutils with bash. */
  readonly userland: 'busybox' | 'debian';
  readonly tools: readonly NetTool[];
  /** What the image's own server process does, when the simulation models it. */
  readonly behaviour?: ServerBehaviour;
  /**
   * The image's ENTRYPOINT: what runs for the pod spec's `args` when it gives no `command`
   * (without one, the args replace the image's CMD; no args runs the image's own process).
   */
  readonly entrypoint?: (args: readonly string[]) => readonly string[];
}

/** An ENTRYPOINT that is the binary itself: the args are its arguments. */
const always =
  (binary: string) =>
  (args: readonly string[]): readonly string[] => [binary, ...args];

/** An entrypoint that runs `binary` when there are no args or they start with a flag (docker-entrypoint.sh). */
const flagsTo =
  (binary: string, always = false) =>
  (args: readonly string[]): readonly string[] =>
    (args.length === 0 && always) || (args[0] ?? '').startsWith('-') ? [binary, ...args] : args;

const BUSYBOX_TOOLS: readonly NetTool[] = ['wget', 'nslookup', 'ping', 'nc'];

const entry = (
  size: number,
  pullMs: readonly [number, number],
  server: boolean,
  userland: CatalogEntry['userland'],
  tools: readonly NetTool[] = [],
  behaviour?: ServerBehaviour,
  entrypoint?: CatalogEntry['entrypoint'],
): CatalogEntry => ({
  size,
  pullMs,
  server,
  userland,
  tools,
  ...(behaviour === undefined ? {} : { behaviour }),
  ...(entrypoint === undefined ? {} : { entrypoint }),
});

/** The catalog, by repository. */
export const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  'docker.io/library/nginx': entry(72_099_410, [2000, 5000], true, 'debian', ['curl'], nginx),
  'docker.io/library/httpd': entry(58_221_430, [2000, 4500], true, 'debian', [], httpd),
  'docker.io/library/redis': entry(
    45_163_271,
    [2000, 4000],
    true,
    'debian',
    [],
    redis,
    flagsTo('redis-server'),
  ),
  'docker.io/library/postgres': entry(
    158_104_612,
    [4000, 8000],
    true,
    'debian',
    [],
    postgres,
    flagsTo('postgres'),
  ),
  'docker.io/library/busybox': entry(2_160_406, [800, 2000], false, 'busybox', BUSYBOX_TOOLS),
  'docker.io/library/alpine': entry(3_645_358, [800, 2000], false, 'busybox', BUSYBOX_TOOLS),
  'docker.io/curlimages/curl': entry(
    11_876_543,
    [800, 2500],
    false,
    'busybox',
    ['curl', ...BUSYBOX_TOOLS],
    undefined,
    flagsTo('curl', true),
  ),
  'docker.io/library/ubuntu': entry(29_754_422, [1500, 3500], false, 'debian'),
  'registry.k8s.io/pause': entry(320_368, [300, 800], true, 'busybox'),
  'registry.k8s.io/hpa-example': entry(181_423_207, [4000, 9000], true, 'debian', ['curl'], hpaExample),
  'docker.io/polinux/stress': entry(4_341_289, [800, 2000], true, 'busybox'),
  'docker.io/vish/stress': entry(2_941_056, [800, 2000], true, 'busybox'),
  'docker.io/kubelab/crasher': entry(6_291_456, [800, 2000], true, 'busybox', [], CRASHER),
  'docker.io/kubelab/slow-start': entry(6_291_456, [800, 2000], true, 'busybox', [], SLOW_START),
  'docker.io/kubelab/leaky': entry(8_126_464, [800, 2000], true, 'busybox', [], LEAKY),
  // The cluster's addons (installer/versions.ts): their work is done by the components of
  // src/sim/network and metrics-server; their containers only run.
  'registry.k8s.io/kube-proxy': entry(30_952_374, [2000, 4000], true, 'debian'),
  // The control plane's static pods (installer/control-plane.ts).
  'registry.k8s.io/etcd': entry(57_680_541, [3000, 6000], true, 'debian', [], ETCD),
  'registry.k8s.io/kube-apiserver': entry(28_671_624, [2000, 4000], true, 'debian', [], KUBE_APISERVER),
  'registry.k8s.io/kube-controller-manager': entry(
    26_259_392,
    [2000, 4000],
    true,
    'debian',
    [],
    KUBE_CONTROLLER_MANAGER,
  ),
  'registry.k8s.io/kube-scheduler': entry(20_657_536, [2000, 4000], true, 'debian', [], KUBE_SCHEDULER),
  'registry.k8s.io/coredns/coredns': entry(
    18_562_039,
    [1500, 3000],
    true,
    'debian',
    [],
    COREDNS,
    always('/coredns'),
  ),
  'docker.io/kindest/kindnetd': entry(39_008_320, [2000, 4000], true, 'debian'),
  'registry.k8s.io/metrics-server/metrics-server': entry(
    19_494_617,
    [1500, 3000],
    true,
    'debian',
    [],
    METRICS_SERVER,
    always('/metrics-server'),
  ),
  'registry.k8s.io/ingress-nginx/controller': entry(
    105_846_370,
    [4000, 9000],
    true,
    'busybox',
    BUSYBOX_TOOLS,
    INGRESS_NGINX,
    (args) => ['/usr/bin/dumb-init', '--', ...args],
  ),
  'ghcr.io/flannel-io/flannel': entry(32_226_912, [2000, 4000], true, 'busybox'),
  'ghcr.io/flannel-io/flannel-cni-plugin': entry(4_855_528, [800, 2000], true, 'busybox'),
  'docker.io/calico/node': entry(142_461_128, [5000, 10000], true, 'debian'),
  'docker.io/calico/cni': entry(96_310_960, [4000, 8000], true, 'debian'),
  'docker.io/calico/kube-controllers': entry(35_140_248, [2000, 4000], true, 'debian'),
  'quay.io/cilium/cilium': entry(208_520_448, [6000, 12000], true, 'debian'),
  'quay.io/cilium/operator-generic': entry(31_052_716, [2000, 4000], true, 'debian'),
};
