/**
 * Plugin registry and profiles (upstream's runtime.Registry and KubeSchedulerProfile).
 */
import type { PluginFactory } from './interface';
import { DEFAULT_SCHEDULER_NAME } from './types';

/** Plugin factories by plugin name. */
export type Registry = Readonly<Record<string, PluginFactory>>;

/** A plugin enabled in a profile, with its Score weight. */
export interface PluginRef {
  readonly name: string;
  readonly weight?: number;
}

/** A scheduling profile: the scheduler name pods ask for and the plugins it runs, in order. */
export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly PluginRef[];
  /** Percent of nodes to find feasible before stopping; undefined uses the adaptive default. */
  readonly percentageOfNodesToScore?: number;
}

/**
 * The default profile of kube-scheduler v1.32 (`getDefaultPlugins`, multiPoint), in
 * upstream's order and with its Score weights. Of the volume plugins, VolumeBinding runs
 * (without Score, which needs the alpha VolumeCapacityPriority gate); VolumeRestrictions,
 * NodeVolumeLimits and VolumeZone are not simulated and are left out.
 */
export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  plugins: [
    { name: 'SchedulingGates' },
    { name: 'PrioritySort' },
    { name: 'NodeUnschedulable' },
    { name: 'NodeName' },
    { name: 'TaintToleration', weight: 3 },
    { name: 'NodeAffinity', weight: 2 },
    { name: 'NodePorts' },
    { name: 'NodeResourcesFit', weight: 1 },
    { name: 'VolumeBinding' },
    { name: 'PodTopologySpread', weight: 2 },
    { name: 'InterPodAffinity', weight: 2 },
    { name: 'DefaultPreemption' },
    { name: 'NodeResourcesBalancedAllocation', weight: 1 },
    { name: 'ImageLocality', weight: 1 },
    { name: 'DefaultBinder' },
  ],
};
