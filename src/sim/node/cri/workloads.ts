/**
 * What a running container consumes, from its image and the command it runs (the usage half
 * of the image catalog in images/): an idle baseline per image, the stress tools the
 * Kubernetes docs use, a busy shell loop, and a teaching image that leaks memory. cgroups.ts
 * turns a Workload into CPU time and working set on the virtual clock.
 */
import { isQuantityError, parseQuantity, quantityValue } from '../../apiserver/validation/quantity';
import { hashHex, type ResolvedImage } from '../images/reference';

/** What a container's processes do with CPU and memory. */
export interface Workload {
  /** CPU the processes use while idle, in cores. */
  readonly idleCores: number;
  /** CPU that busy threads try to burn on top (stress workers), in cores. */
  readonly busyCores: number;
  /** Working set right after start, in bytes. */
  readonly baseBytes: number;
  /** Memory allocated on top of the base, in bytes; Infinity for a process that never stops (a leak). */
  readonly allocBytes: number;
  /** How fast that memory is allocated, in bytes per second. */
  readonly allocBytesPerSecond: number;
  /**
   * CPU one served request costs, in core-seconds: how request load (see
   * `ContainerRuntime.setLoad`) becomes CPU for a server. 0 for processes that serve nothing.
   */
  readonly cpuPerRequest: number;
}

const KI = 1024;
const MI = 1024 * KI;
const GI = 1024 * MI;

/** The least CPU a live process shows: waking up now and then (timers, signals). */
const MIN_IDLE_CORES = 0.00002;

/** How fast stress's vm workers touch memory (malloc + writing every page). */
const TOUCH_BYTES_PER_SECOND = 4 * GI;

interface Profile {
  readonly cores: number;
  readonly bytes: number;
  readonly cpuPerRequest: number;
}

/** Idle baselines of the catalog's images (a server's main process as its image starts it). */
const PROFILES: Readonly<Record<string, Profile>> = {
  'docker.io/library/nginx': { cores: 0.0005, bytes: 3.4 * MI, cpuPerRequest: 0.0002 },
  'docker.io/library/httpd': { cores: 0.001, bytes: 7.8 * MI, cpuPerRequest: 0.0005 },
  'docker.io/library/redis': { cores: 0.002, bytes: 3.1 * MI, cpuPerRequest: 0.00005 },
  'docker.io/library/postgres': { cores: 0.003, bytes: 24 * MI, cpuPerRequest: 0.002 },
  'registry.k8s.io/hpa-example': { cores: 0.001, bytes: 11 * MI, cpuPerRequest: 0.02 },
  'docker.io/kubelab/leaky': { cores: 0.001, bytes: 10 * MI, cpuPerRequest: 0.001 },
  'docker.io/kubelab/crasher': { cores: 0.0005, bytes: 4.2 * MI, cpuPerRequest: 0.0002 },
  'docker.io/kubelab/slow-start': { cores: 0.0005, bytes: 4.6 * MI, cpuPerRequest: 0.0002 },
  'docker.io/vish/stress': { cores: 0, bytes: 1.6 * MI, cpuPerRequest: 0 },
  'docker.io/polinux/stress': { cores: 0, bytes: 0.8 * MI, cpuPerRequest: 0 },
};

/** The leaky image: its server allocates LEAK_RATE (a quantity, per second) and never frees it. */
const LEAKY_IMAGE = 'docker.io/kubelab/leaky';
const DEFAULT_LEAK_RATE = '1Mi';

const base = (argv: readonly string[]) => {
  const cmd = argv[0] ?? '';
  return cmd.slice(cmd.lastIndexOf('/') + 1);
};

function idle(cores: number, bytes: number, cpuPerRequest = 0): Workload {
  return {
    idleCores: Math.max(MIN_IDLE_CORES, cores),
    busyCores: 0,
    baseBytes: bytes,
    allocBytes: 0,
    allocBytesPerSecond: 0,
    cpuPerRequest,
  };
}

/** The workload of a container running `argv` (command + args; empty: the image's own). */
export function workloadFor(
  image: ResolvedImage,
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Workload {
  const profile = PROFILES[image.repository];
  if (image.repository === 'docker.io/vish/stress')
    return vishStress(base(argv) === 'stress' ? argv.slice(1) : argv, profile);
  if (base(argv) === 'stress') return polinuxStress(argv.slice(1), profile);
  if (image.repository === LEAKY_IMAGE && argv.length === 0) return leak(env['LEAK_RATE'], profile);
  const [, flag, script] = argv;
  if ((base(argv) === 'sh' || base(argv) === 'bash') && flag === '-c' && script !== undefined)
    return shellLoop(script);
  if (argv.length > 0 && !image.server) return idle(0, 0.4 * MI);
  if (profile !== undefined) return idle(profile.cores, profile.bytes, profile.cpuPerRequest);
  if (!image.server) return idle(0, 0.4 * MI);
  const hash = Number.parseInt(hashHex(`usage ${image.repository}`).slice(0, 6), 16);
  return idle(0.001, 6 * MI + (hash % (18 * MI)), 0.001);
}

/** `sh -c`: a loop that never sleeps or waits keeps one CPU busy; anything else idles. */
function shellLoop(script: string): Workload {
  const loops = /while\s+(true|:)/.test(script);
  const waits = /sleep|read|wait|tail|nc |wget|curl/.test(script);
  return { ...idle(0, 0.5 * MI), busyCores: loops && !waits ? 1 : 0 };
}

/** A Kubernetes quantity in bytes (`150Mi`), or undefined. */
function quantityBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  return isQuantityError(q) ? undefined : Number(quantityValue(q));
}

/** kubelab/leaky: a server that keeps allocating LEAK_RATE per second and never frees it. */
function leak(rate: string | undefined, profile: Profile | undefined): Workload {
  const perSecond = quantityBytes(rate ?? DEFAULT_LEAK_RATE) ?? MI;
  return {
    ...idle(profile?.cores ?? 0.001, profile?.bytes ?? 10 * MI, profile?.cpuPerRequest ?? 0),
    allocBytes: Number.POSITIVE_INFINITY,
    allocBytesPerSecond: perSecond,
  };
}

/** Flag values by name, as getopt_long and Go's flag package read them (`--x v`, `-x=v`...). */
function flags(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (match === null) continue;
    const [, name = '', value] = match;
    const next = args[i + 1];
    if (value !== undefined) out.set(name, value);
    else if (next !== undefined && !/^--?[A-Za-z]/.test(next)) out.set(name, args[++i] ?? '');
    else out.set(name, '');
  }
  return out;
}

/** stress's byte counts: a number with an optional B, K, M or G suffix (powers of 1024). */
function stressBytes(text: string | undefined, fallback: number): number {
  const match = /^(\d+)([bBkKmMgG]?)$/.exec(text ?? '');
  if (match === null) return fallback;
  const unit = { '': 1, b: 1, k: KI, m: MI, g: GI }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number(match[1]) * unit;
}

const count = (text: string | undefined) => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/**
 * polinux/stress (`stress --cpu N --vm N --vm-bytes B --vm-hang S`): each cpu worker spins a
 * core; each vm worker mallocs B (256M by default) and writes every page, then frees it and
 * starts over, spinning a core, unless `--vm-hang S` makes it sleep S seconds holding the
 * memory in between.
 */
function polinuxStress(args: readonly string[], profile: Profile | undefined): Workload {
  const f = flags(args);
  const cpu = count(f.get('cpu') ?? f.get('c'));
  const vm = count(f.get('vm') ?? f.get('m'));
  const bytes = stressBytes(f.get('vm-bytes'), 256 * MI);
  const hang = Number(f.get('vm-hang') ?? 0);
  const touch = bytes / TOUCH_BYTES_PER_SECOND;
  const perWorker = Number.isFinite(hang) && hang > 0 ? touch / (hang + touch) : 1;
  return {
    ...idle(0, profile?.bytes ?? 0.8 * MI),
    busyCores: cpu + vm * perWorker,
    allocBytes: vm * bytes,
    allocBytesPerSecond: Math.max(1, vm) * TOUCH_BYTES_PER_SECOND,
  };
}

/** Go's time.Duration text (`1ms`, `1.5s`) in seconds. */
function goSeconds(text: string | undefined, fallback: number): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const parts = [...(text ?? '').matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0) return fallback;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (units[unit ?? 's'] ?? 1), 0);
}

/**
 * vish/stress (`-cpus N -mem-total Q -mem-alloc-size Q -mem-alloc-sleep D`): N threads copy
 * /dev/zero to /dev/null, each a full core; memory grows by one allocation (4Ki) every sleep
 * (1ms) until mem-total, then is held.
 */
function vishStress(args: readonly string[], profile: Profile | undefined): Workload {
  const f = flags(args);
  const total = quantityBytes(f.get('mem-total')) ?? 0;
  const step = quantityBytes(f.get('mem-alloc-size')) ?? 4 * KI;
  const sleep = goSeconds(f.get('mem-alloc-sleep'), 0.001);
  return {
    ...idle(0, profile?.bytes ?? 1.6 * MI),
    busyCores: count(f.get('cpus')),
    allocBytes: step > 0 ? Math.floor(total / step) * step : 0,
    allocBytesPerSecond: sleep > 0 ? step / sleep : step * 1000,
  };
}
