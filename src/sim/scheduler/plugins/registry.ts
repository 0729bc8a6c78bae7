/**
 * The in-tree plugins by name (upstream's plugins.NewInTreeRegistry), as far as simulated.
 */
import type { Registry } from '../framework/registry';
import { defaultBinder } from './defaultbinder';
import { defaultPreemption } from './defaultpreemption';
import { imageLocality } from './imagelocality';
import { interPodAffinity } from './interpodaffinity';
import { nodeAffinity } from './nodeaffinity';
import { nodeNamePlugin } from './nodename';
import { nodePorts } from './nodeports';
import { nodeResourcesBalancedAllocation, nodeResourcesFit } from './noderesources';
import { nodeUnschedulable } from './nodeunschedulable';
import { podTopologySpread } from './podtopologyspread';
import { prioritySort } from './queuesort';
import { schedulingGates } from './schedulinggates';
import { taintToleration } from './tainttoleration';
import { volumeBinding } from './volumebinding';

export const PLUGINS: Registry = {
  SchedulingGates: () => schedulingGates(),
  PrioritySort: () => prioritySort(),
  NodeUnschedulable: () => nodeUnschedulable(),
  NodeName: () => nodeNamePlugin(),
  TaintToleration: () => taintToleration(),
  NodeAffinity: () => nodeAffinity(),
  NodePorts: () => nodePorts(),
  NodeResourcesFit: () => nodeResourcesFit(),
  VolumeBinding: (h) => volumeBinding(h),
  PodTopologySpread: (h) => podTopologySpread(h),
  InterPodAffinity: (h) => interPodAffinity(h),
  DefaultPreemption: (h) => defaultPreemption(h),
  NodeResourcesBalancedAllocation: () => nodeResourcesBalancedAllocation(),
  ImageLocality: (h) => imageLocality(h),
  DefaultBinder: (h) => defaultBinder(h),
};
