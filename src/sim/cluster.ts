import { Kernel } from './kernel/kernel';
import { buildTopology, type Topology } from './topology';

/** What a cluster is built from. The same options and inputs always give the same trace. */
export interface ClusterOptions {
  /** Seed for the cluster's random number generator. */
  readonly seed: number;
  /** Number of worker nodes; defaults to 3. */
  readonly workerNodes?: number;
  /** Wall-clock ms that virtual time 0 maps to; defaults to {@link DEFAULT_EPOCH}. */
  readonly epoch?: number;
}

/** 2025-01-01T00:00:00Z: the start instant when the host does not pass one. */
export const DEFAULT_EPOCH = Date.UTC(2025, 0, 1);

/** A simulated cluster: the kernel it runs on and the shape of its machines and components. */
export interface Cluster {
  readonly options: Required<ClusterOptions>;
  readonly kernel: Kernel;
  readonly topology: Topology;
}

/** The composition root: builds a cluster and wires its components to one kernel. */
export function createCluster(options: ClusterOptions): Cluster {
  const resolved: Required<ClusterOptions> = {
    seed: options.seed,
    workerNodes: options.workerNodes ?? 3,
    epoch: options.epoch ?? DEFAULT_EPOCH,
  };
  const kernel = new Kernel({ seed: resolved.seed, epoch: resolved.epoch });
  return { options: resolved, kernel, topology: buildTopology(resolved.workerNodes) };
}
