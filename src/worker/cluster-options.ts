/**
 * The cluster options a host accepts from outside the simulation (the page's `reset`, a
 * lesson's front matter): checked here, so a bad value is refused with a message rather
 * than failing somewhere inside the cluster.
 */
import type { ClusterOptions } from '../sim/cluster';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  containerRuntime: ['containerd', 'cri-o'],
  cni: ['kindnet', 'flannel', 'calico', 'cilium'],
  kubeProxyMode: ['iptables', 'ipvs', 'nftables'],
};

const isTextMap = (v: unknown): boolean =>
  isRecord(v) && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');

/** Why `workers` is not a list of worker specs, or null. */
function workersError(workers: unknown): string | null {
  if (!Array.isArray(workers) || workers.length > 100) return 'workers must be a list of at most 100 nodes';
  for (const [i, spec] of workers.entries()) {
    if (!isRecord(spec) || Object.keys(spec).some((k) => k !== 'capacity' && k !== 'labels'))
      return `workers[${i}] may only have capacity and labels`;
    if (spec.capacity !== undefined && !isTextMap(spec.capacity))
      return `workers[${i}].capacity must map resource names to quantities`;
    if (spec.labels !== undefined && !isTextMap(spec.labels))
      return `workers[${i}].labels must map label keys to values`;
  }
  return null;
}

/** Why `options` is not a valid cluster configuration, or null if it is. */
export function clusterOptionsError(options: unknown): string | null {
  if (!isRecord(options)) return 'reset needs options';
  if (!Number.isSafeInteger(options.seed)) return 'seed must be an integer';
  const { workerNodes, epoch } = options;
  if (
    workerNodes !== undefined &&
    !(Number.isInteger(workerNodes) && (workerNodes as number) >= 0 && (workerNodes as number) <= 100)
  ) {
    return 'workerNodes must be a whole number from 0 to 100';
  }
  if (epoch !== undefined && !Number.isFinite(epoch)) return 'epoch must be a number of ms';
  for (const [key, choices] of Object.entries(CHOICES)) {
    const value = options[key];
    if (value !== undefined && !choices.includes(value as string))
      return `${key} must be one of ${choices.join(', ')}`;
  }
  if (options.cloudProvider !== undefined && typeof options.cloudProvider !== 'boolean')
    return 'cloudProvider must be true or false';
  return options.workers === undefined ? null : workersError(options.workers);
}

/** `options` as cluster options, or a message saying what is wrong with them. */
export function parseClusterOptions(options: unknown): ClusterOptions | { error: string } {
  const problem = clusterOptionsError(options);
  return problem === null ? (options as ClusterOptions) : { error: problem };
}
