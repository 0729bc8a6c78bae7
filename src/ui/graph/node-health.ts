/**
 * What a node's frame says about its health: kubectl's STATUS column (`NotReady`,
 * `Ready,SchedulingDisabled`; nothing when plain `Ready`) and the pressure conditions that hold.
 */
import type { NodeHealth } from '../../worker/node-health';

/** The labels to show for a node, each with whether it is bad news; none for a healthy node. */
export function healthLabels(health: NodeHealth | undefined): { text: string; bad: boolean }[] {
  if (health === undefined) return [];
  const status = [health.ready === 'True' ? 'Ready' : 'NotReady'];
  if (health.unschedulable) status.push('SchedulingDisabled');
  const labels =
    status.join(',') === 'Ready' ? [] : [{ text: status.join(','), bad: health.ready !== 'True' }];
  return [...labels, ...health.pressure.map((text) => ({ text, bad: true }))];
}
