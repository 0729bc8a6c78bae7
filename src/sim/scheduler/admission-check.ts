/**
 * The scheduler's checks that a kubelet repeats when a pod arrives (upstream's
 * scheduler.AdmissionCheck): resources fit (one result per insufficient resource), then
 * node affinity and selector, node name, and host ports. The kubelet rejects a pod that
 * fails any of them; pods bound by hand (`spec.nodeName`) skip the scheduler, so this is
 * where they meet their node's limits.
 */
import { NodeInfo } from './framework/node-info';
import { podResource } from './framework/resource';
import type { Node, Pod } from './framework/types';
import { matchRequiredNodeAffinity } from './plugins/helper/selectors';
import { fitsRequest, type InsufficientResource } from './plugins/noderesources/fit';
import { ERR_REASON_POD, NAME as NODE_AFFINITY } from './plugins/nodeaffinity';
import { ERR_REASON as NODE_NAME_REASON, NAME as NODE_NAME } from './plugins/nodename';
import { ERR_REASON as NODE_PORTS_REASON, NAME as NODE_PORTS } from './plugins/nodeports';
import { hostPortsOf } from './framework/node-info';

/** One failed check: an insufficient resource, or a plugin's name and reason. */
export type AdmissionResult =
  { readonly insufficient: InsufficientResource } | { readonly name: string; readonly reason: string };

/** Runs the checks for `pod` on `node` holding `pods`; all failures, in upstream's order. */
export function admissionCheck(pod: Pod, node: Node, pods: readonly Pod[]): AdmissionResult[] {
  const info = new NodeInfo(node, pods);
  const results: AdmissionResult[] = fitsRequest(podResource(pod), info).map((insufficient) => ({
    insufficient,
  }));
  if (!matchRequiredNodeAffinity(pod, node)) results.push({ name: NODE_AFFINITY, reason: ERR_REASON_POD });
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName !== '' && nodeName !== node.metadata?.name)
    results.push({ name: NODE_NAME, reason: NODE_NAME_REASON });
  if (hostPortsOf(pod).some((p) => info.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort)))
    results.push({ name: NODE_PORTS, reason: NODE_PORTS_REASON });
  return results;
}
