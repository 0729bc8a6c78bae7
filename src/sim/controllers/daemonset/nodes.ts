/**
 * Which nodes a DaemonSet runs on (daemon_controller.go NodeShouldRunDaemonPod and
 * pkg/controller/daemon/util): the template's nodeName, nodeSelector and required node
 * affinity must match the node, and the pod, with the tolerations every daemon pod gets,
 * must tolerate the node's NoSchedule and NoExecute taints. A node whose only untolerated
 * taints are NoSchedule keeps the pods already there; a NoExecute one evicts them.
 *
 * Node affinity and taint matching are the scheduler's helpers: upstream shares them too
 * (component-helpers' nodeaffinity, v1helper).
 */
import type { Pod as CorePod, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import { matchRequiredNodeAffinity } from '../../scheduler/plugins/helper/selectors';
import { findMatchingUntoleratedTaint } from '../../scheduler/plugins/helper/taints';
import { clone } from '../statefulset/types';
import type { DaemonSet, Node } from './types';

const exists = (key: string, effect: 'NoSchedule' | 'NoExecute'): Toleration => ({
  key,
  operator: 'Exists',
  effect,
});

/** AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates (plus network for hostNetwork). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  return [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** Adds the daemon tolerations, replacing any the template has with the same key and effect. */
function withTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const added = daemonTolerations(hostNetwork);
  const kept = (tolerations ?? []).filter(
    (t) => !added.some((a) => a.key === t.key && a.effect === t.effect),
  );
  return [...kept, ...added];
}

/**
 * CreatePodTemplate plus ReplaceDaemonSetPodNodeNameNodeAffinity: the DaemonSet's template
 * for `node`, labelled with the hash and generation, with the daemon tolerations and a
 * required node affinity that only `node` satisfies (the scheduler then binds it there).
 */
export function podTemplateFor(ds: DaemonSet, node: string, hash: string): PodTemplateSpec {
  const template = clone(ds.spec.template);
  const spec = template.spec ?? { containers: [] };
  spec.tolerations = withTolerations(spec.tolerations, spec.hostNetwork === true);
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
  template.spec = spec;
  template.metadata = {
    ...template.metadata,
    labels: {
      ...template.metadata?.labels,
      ...(ds.metadata.generation === undefined
        ? {}
        : { 'pod-template-generation': String(ds.metadata.generation) }),
      'controller-revision-hash': hash,
    },
  };
  return template;
}

/** Whether the DaemonSet should run a pod on the node, and whether one there may stay. */
export interface NodeVerdict {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

/** NodeShouldRunDaemonPod. */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): NodeVerdict {
  const name = node.metadata.name ?? '';
  const templateNode = ds.spec.template.spec?.nodeName ?? '';
  if (templateNode !== '' && templateNode !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod: CorePod = { spec: { ...ds.spec.template.spec, containers: [], nodeName: name } };
  if (
    !matchRequiredNodeAffinity(pod, {
      metadata: node.metadata,
      ...(node.spec === undefined ? {} : { spec: node.spec }),
    })
  )
    return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = withTolerations(pod.spec?.tolerations, pod.spec?.hostNetwork === true);
  const taints = node.spec?.taints;
  const untolerated = findMatchingUntoleratedTaint(
    taints,
    tolerations,
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  if (untolerated === undefined) return { shouldRun: true, shouldContinueRunning: true };
  const evicting = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: evicting === undefined };
}
