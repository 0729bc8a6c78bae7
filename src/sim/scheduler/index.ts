/**
 * kube-scheduler: `startScheduler(kernel, apiserver)` starts it; the framework, plugins and
 * queue are exported for tests and for the UI's explanations.
 */
export {
  FIELD_MANAGER,
  SCHEDULER_ID,
  Scheduler,
  createScheduler,
  startScheduler,
  type SchedulerOptions,
} from './scheduler';
export { SchedulingQueue, type QueuedPodInfo } from './queue';
export { SchedulerCache } from './cache';
export { numFeasibleNodesToFind, selectHost } from './algorithm';
export { CycleState } from './framework/cycle-state';
export { NodeToStatus, fitErrorMessage, type Diagnosis } from './framework/diagnosis';
export type { ClusterEvent, Handle, NodeScore, Plugin, PluginFactory } from './framework/interface';
export { NodeInfo } from './framework/node-info';
export { DEFAULT_PROFILE, type Profile, type Registry } from './framework/registry';
export { Framework, type NodePluginScores, type PluginScore } from './framework/runtime';
export { Status, type Code } from './framework/status';
export { PLUGINS } from './plugins/registry';
