/**
 * The kubelet's pod admission (upstream's lifecycle.predicateAdmitHandler): before running a
 * pod bound to its node, the kubelet checks it fits beside the pods it already runs, with
 * the scheduler's own checks, plus a NoExecute taint the pod does not tolerate (static pods
 * excepted). A rejected pod never starts: it goes straight to Failed with the reason
 * (`OutOfcpu`, `OutOfmemory`, `OutOfpods`, `NodeAffinity`, `NodePorts`, `TaintToleration`)
 * and `Pod was rejected: <message>`, and a Warning event says why.
 */
import { admissionCheck } from '../../scheduler/admission-check';
import type { Node, Pod } from '../../scheduler/framework/types';
import { findMatchingUntoleratedTaint } from '../../scheduler/plugins/helper/taints';
import { isStatic } from './config/static-pods';
import type { PodObject } from './context';

/** The kubelet's verdict on a pod. */
export type Admission =
  { readonly admit: true } | { readonly admit: false; readonly reason: string; readonly message: string };

const OUT_OF: Readonly<Record<string, string>> = {
  cpu: 'OutOfcpu',
  memory: 'OutOfmemory',
  'ephemeral-storage': 'OutOfephemeral-storage',
  pods: 'OutOfpods',
};

/** Admits or rejects `pod` on `node`, which already runs `active` (the non-terminal pods). */
export function admitPod(pod: Pod, node: Node, active: readonly Pod[]): Admission {
  const results = admissionCheck(pod, node, active);
  if (!isStatic(pod as PodObject)) {
    const taint = findMatchingUntoleratedTaint(
      node.spec?.taints,
      pod.spec?.tolerations,
      (t) => t.effect === 'NoExecute',
    );
    if (taint !== undefined)
      results.push({ name: 'TaintToleration', reason: "node(s) had taints that the pod didn't tolerate" });
  }
  const first = results[0];
  if (first === undefined) return { admit: true };
  if ('insufficient' in first) {
    const r = first.insufficient;
    return {
      admit: false,
      reason: OUT_OF[r.resourceName] ?? `OutOf${r.resourceName}`,
      message: `Node didn't have enough resource: ${r.resourceName}, requested: ${r.requested}, used: ${r.used}, capacity: ${r.capacity}`,
    };
  }
  return { admit: false, reason: first.name, message: `Predicate ${first.name} failed: ${first.reason}` };
}
