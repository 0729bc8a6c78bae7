/**
 * What simulated images are and what their containers do. The set is deliberately small:
 *
 * - Pulls: a few well-known images have a size and a pull time range; any other image pulls
 *   in 2-5 s with a size derived from its name. An image whose name contains `doesnotexist`
 *   fails like a missing repository (pull access denied); a tag `nonexistent` or `doesnotexist`
 *   fails like a missing tag (not found). Pulls of an image already in the store only check the registry.
 * - Processes, from the container's command + args (else the image's default command):
 *   `true` exits 0 and `false` exits 1 at once; `sleep N` exits 0 after N s
 *   (`sleep infinity` never); `sh -c <script>` runs forever if the script loops
 *   (`while true`, `sleep infinity`, `tail -f`), else exits after its `sleep N` (if any) with
 *   the code of its `exit N` (0 without one); any other command keeps running. Servers
 *   (nginx, httpd, redis...) keep running; shells (busybox, alpine, ubuntu) with no command
 *   exit 0 at once, as `sh` without a terminal does.
 * - Stopping: an image's own server process stops on its stop signal (exit 0); a command
 *   given in the pod spec runs as PID 1 without signal handlers, ignores SIGTERM and is
 *   killed when the grace period ends (exit 137).
 * - Usage (workloads.ts): servers idle at a few millicores and MiB, shells at almost nothing.
 *   `polinux/stress` runs `stress --cpu N --vm N --vm-bytes B --vm-hang S` and `vish/stress`
 *   takes `-cpus N -mem-total Q`: they burn CPUs and allocate memory as the Kubernetes docs'
 *   resource examples expect (CPU capped by the limit, memory OOM-killed past it).
 *   `registry.k8s.io/hpa-example` (the HPA walkthrough's php-apache) idles until request load
 *   reaches it. `kubelab/leaky` is a teaching image: its server leaks memory, LEAK_RATE per
 *   second (a quantity, `1Mi` by default), from 10Mi until its memory limit OOM-kills it.
 */
import { parseImageReference } from '../../apiserver/defaults/image';
import type { RuntimeError } from './types';

/** What a container's main process does once started. */
export type Process =
  { readonly kind: 'forever' } | { readonly kind: 'exit'; readonly code: number; readonly afterMs: number };

/** How long a process that exits "at once" runs, in virtual ms. */
export const QUICK_EXIT_MS = 50;

interface Profile {
  readonly size: number;
  /** Pull time range in ms. */
  readonly pullMs: readonly [number, number];
  /** Whether the image's default command is a server (runs) or a shell (exits at once). */
  readonly server: boolean;
}

const PROFILES: Readonly<Record<string, Profile>> = {
  'docker.io/library/nginx': { size: 72_099_410, pullMs: [2000, 5000], server: true },
  'docker.io/library/httpd': { size: 58_221_430, pullMs: [2000, 4500], server: true },
  'docker.io/library/redis': { size: 45_163_271, pullMs: [2000, 4000], server: true },
  'docker.io/library/postgres': { size: 158_104_612, pullMs: [4000, 8000], server: true },
  'docker.io/library/busybox': { size: 2_160_406, pullMs: [800, 2000], server: false },
  'docker.io/library/alpine': { size: 3_645_358, pullMs: [800, 2000], server: false },
  'docker.io/library/ubuntu': { size: 29_754_422, pullMs: [1500, 3500], server: false },
  'registry.k8s.io/pause': { size: 320_368, pullMs: [300, 800], server: true },
  'registry.k8s.io/hpa-example': { size: 181_423_207, pullMs: [4000, 9000], server: true },
  'docker.io/polinux/stress': { size: 4_341_289, pullMs: [800, 2000], server: true },
  'docker.io/vish/stress': { size: 2_941_056, pullMs: [800, 2000], server: true },
  'docker.io/kubelab/leaky': { size: 8_126_464, pullMs: [800, 2000], server: true },
};

/** The sandbox image containerd 1.7 runs for every pod (kind v1.32 nodes ship it). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** How long a pull of an image already in the store takes (a registry manifest check). */
export const CACHED_PULL_MS: readonly [number, number] = [200, 800];

/** An image reference resolved against the simulated registries. */
export interface ResolvedImage {
  /** `docker.io/library/nginx:latest`, or `name@digest`. */
  readonly ref: string;
  readonly repository: string;
  readonly size: number;
  readonly pullMs: readonly [number, number];
  readonly server: boolean;
  /** `sha256:<64 hex>`: the manifest digest. */
  readonly digest: string;
  /** `sha256:<64 hex>`: the image (config) id. */
  readonly id: string;
  /** Why pulling it fails, if it does. */
  readonly error?: RuntimeError;
}

/** 64 hex digits derived from a string (FNV-1a), the same on every node and every run. */
export function hashHex(text: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** Resolves an image name as containerd would (`nginx` -> `docker.io/library/nginx:latest`). */
export function resolveImage(image: string): ResolvedImage {
  const parsed = parseImageReference(image);
  const repository = parsed?.name ?? image;
  const ref =
    parsed === undefined
      ? image
      : parsed.digest !== ''
        ? `${repository}@${parsed.digest}`
        : `${repository}:${parsed.tag}`;
  const hash = Number.parseInt(hashHex(repository).slice(0, 6), 16);
  const profile = PROFILES[repository] ?? {
    size: 20_000_000 + (hash % 100_000_000),
    pullMs: [2000, 5000] as const,
    server: true,
  };
  const digest =
    parsed?.digest !== undefined && parsed.digest !== ''
      ? parsed.digest
      : `sha256:${hashHex(`manifest ${ref}`)}`;
  const base = { ref, repository, ...profile, digest, id: `sha256:${hashHex(`config ${ref}`)}` };
  const resolving = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}"`;
  if (parsed === undefined) {
    return {
      ...base,
      error: {
        code: 'Unknown',
        desc: `failed to pull and unpack image "${image}": invalid reference format`,
      },
    };
  }
  if (repository.includes('doesnotexist')) {
    return {
      ...base,
      error: {
        code: 'Unknown',
        desc: `${resolving}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      },
    };
  }
  if (parsed.tag === 'nonexistent' || parsed.tag === 'doesnotexist') {
    return { ...base, error: { code: 'NotFound', desc: `${resolving}: ${ref}: not found` } };
  }
  return base;
}

/** What a container's main process does, from its command and args (see the file comment). */
export function processFor(
  image: ResolvedImage,
  command: readonly string[],
  args: readonly string[],
): Process {
  const argv = [...command, ...args];
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return image.server ? { kind: 'forever' } : exit(0, QUICK_EXIT_MS);
  const base = cmd.slice(cmd.lastIndexOf('/') + 1);
  if (base === 'true') return exit(0, QUICK_EXIT_MS);
  if (base === 'false') return exit(1, QUICK_EXIT_MS);
  if (base === 'sleep') return sleepFor(rest[0] ?? '', 0);
  if ((base === 'sh' || base === 'bash') && rest[0] === '-c') return scriptProcess(rest[1] ?? '');
  return { kind: 'forever' };
}

/** Whether a container's process stops on its stop signal (else it is killed at the deadline). */
export function stopsGracefully(command: readonly string[], args: readonly string[]): boolean {
  return command.length === 0 && args.length === 0;
}

function exit(code: number, afterMs: number): Process {
  return { kind: 'exit', code, afterMs };
}

function sleepFor(arg: string, code: number): Process {
  const seconds = Number(arg);
  if (arg === 'infinity' || !Number.isFinite(seconds) || seconds < 0) return { kind: 'forever' };
  return exit(code, Math.max(QUICK_EXIT_MS, seconds * 1000));
}

function scriptProcess(script: string): Process {
  if (/while\s+(true|:)|sleep\s+infinity|tail\s+-f/.test(script)) return { kind: 'forever' };
  const exits = [...script.matchAll(/exit\s+(\d+)/g)];
  const code = Number(exits.at(-1)?.[1] ?? 0);
  const sleep = /sleep\s+(\d+(?:\.\d+)?)/.exec(script);
  return sleep === null ? exit(code, QUICK_EXIT_MS) : sleepFor(sleep[1] ?? '', code);
}

/** Whether an image's userland is busybox (no bash; busybox's `sh` messages). */
export function isBusybox(image: ResolvedImage): boolean {
  return image.repository === 'docker.io/library/busybox' || image.repository === 'docker.io/library/alpine';
}

/** `2025/01/01 00:00:05`, as nginx stamps its error log. */
function nginxTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}

/**
 * What an image's own server process prints when it starts, as [stream, line] pairs: the
 * nginx image's entrypoint (stdout) and nginx's notices (its error log is stderr), with two
 * worker processes for the nodes' two CPUs. Other images print nothing here.
 */
export function startupLines(
  image: ResolvedImage,
  wallMs: number,
): readonly (readonly ['stdout' | 'stderr', string])[] {
  if (image.repository !== 'docker.io/library/nginx') return [];
  const entry = '/docker-entrypoint.sh:';
  const ipv6 = '10-listen-on-ipv6-by-default.sh: info:';
  const notice = `${nginxTime(wallMs)} [notice] 1#1:`;
  return [
    ['stdout', `${entry} /docker-entrypoint.d/ is not empty, will attempt to perform configuration`],
    ['stdout', `${entry} Looking for shell scripts in /docker-entrypoint.d/`],
    ['stdout', `${entry} Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`],
    ['stdout', `${ipv6} Getting the checksum of /etc/nginx/conf.d/default.conf`],
    ['stdout', `${ipv6} Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`],
    ['stdout', `${entry} Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`],
    ['stdout', `${entry} Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`],
    ['stdout', `${entry} Launching /docker-entrypoint.d/30-tune-worker-processes.sh`],
    ['stdout', `${entry} Configuration complete; ready for start up`],
    ['stderr', `${notice} using the "epoll" event method`],
    ['stderr', `${notice} nginx/1.27.3`],
    ['stderr', `${notice} built by gcc 12.2.0 (Debian 12.2.0-14) `],
    ['stderr', `${notice} OS: Linux 6.8.0-51-generic`],
    ['stderr', `${notice} getrlimit(RLIMIT_NOFILE): 1048576:1048576`],
    ['stderr', `${notice} start worker processes`],
    ['stderr', `${notice} start worker process 29`],
    ['stderr', `${notice} start worker process 30`],
  ];
}
