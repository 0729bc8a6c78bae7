/**
 * The binding cycle (upstream's bindingCycle, which runs in its own goroutine): PreBind, then
 * Bind, then the `Scheduled` event. When a PreBind plugin waits (for volumes to be bound),
 * the scheduler goes on with other pods meanwhile. A failure undoes the reservation, frees
 * the assumed pod's place and sends the pod back to the queue (handleBindingCycleError).
 */
import type { KubeObject } from '../apiserver/types';
import type { CycleState } from './framework/cycle-state';
import { runPreBindPlugins } from './framework/prebind';
import type { Framework } from './framework/runtime';
import { Status } from './framework/status';
import type { Pod } from './framework/types';
import { handleSchedulingFailure } from './failure';
import { CLEAR_NOMINATED_NODE } from './nominator';
import type { QueuedPodInfo } from './queue';
import type { Scheduler } from './scheduler';

/** Binds the reserved pod `assumed` to `host`; `step` is the scheduling decision. */
export function bindingCycle(
  sched: Scheduler,
  fwk: Framework,
  state: CycleState,
  info: QueuedPodInfo,
  assumed: Pod,
  host: string,
  cycle: number,
  step: number,
): void {
  const failed = (status: Status, cause: number | null) => {
    fwk.runUnreserve(state, assumed, host);
    sched.cache.forgetPod(assumed);
    sched.queue.moveAllToActiveOrBackoffQueue(
      { resource: 'Pod', actions: ['Delete'], label: 'AssignedPodDelete', oldObj: assumed },
      cause,
    );
    handleSchedulingFailure(sched, info, status, undefined, CLEAR_NOMINATED_NODE, cycle, cause);
  };
  runPreBindPlugins(sched.kernel, fwk.plugins, state, assumed, host, step, (preBind, cause) => {
    if (!preBind.isSuccess()) return failed(preBind, cause);
    const bound = fwk.runBind(state, assumed, host, cause);
    if (!bound.isSuccess())
      return failed(bound.isSkip() ? Status.error('no bind plugin bound the pod') : bound, cause);
    const ns = assumed.metadata?.namespace ?? '';
    const name = assumed.metadata?.name ?? '';
    const message = `Successfully assigned ${ns}/${name} to ${host}`;
    sched.recorder.event(assumed as unknown as KubeObject, 'Normal', 'Scheduled', message, cause);
  });
}
