/** kube-controller-manager's node lifecycle and taint eviction controllers. */
import type { ControllerDescriptor } from '../manager';
import { NodeLifecycleController } from './controller';
import { TaintEvictionController } from './eviction';

export { NODE_MONITOR_PERIOD_MS, NodeLifecycleController } from './controller';
export { TaintEvictionController } from './eviction';
export { NODE_MONITOR_GRACE_PERIOD_MS, NODE_STARTUP_GRACE_PERIOD_MS } from './health';

/**
 * The node lifecycle controller (`node-lifecycle-controller`). As in v1.32 (where
 * SeparateTaintEvictionController is on), NoExecute taints are acted on by the taint
 * eviction controller, which this descriptor also starts: add {@link taintEviction} only
 * when running the taint eviction controller without this one.
 */
export const nodeLifecycle: ControllerDescriptor = {
  name: 'node-lifecycle-controller',
  setup(ctx) {
    new NodeLifecycleController(ctx);
    new TaintEvictionController(ctx);
  },
};

/** The taint eviction controller alone (`taint-eviction-controller`). */
export const taintEviction: ControllerDescriptor = {
  name: 'taint-eviction-controller',
  setup(ctx) {
    new TaintEvictionController(ctx);
  },
};
