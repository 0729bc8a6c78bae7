/**
 * The shapes the DaemonSet controller works with (pkg/controller/daemon), the labels it puts
 * on pods, and how it tells which node a daemon pod is for.
 */
import type { DaemonSetSpec, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { NodeSpec, NodeStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { Pod } from '../statefulset/types';

export type { Pod };

export const DAEMONSETS = findResource('apps', 'v1', 'daemonsets') as ResourceInfo;
export const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;

/** An apps/v1 DaemonSet as the apiserver serves it (defaulted, so spec is set). */
export type DaemonSet = KubeObject & { spec: DaemonSetSpec; status?: Partial<DaemonSetStatus> };

/** A Node. */
export type Node = KubeObject & { spec?: NodeSpec; status?: NodeStatus };

/** The pod and revision label holding the template hash (DefaultDaemonSetUniqueLabelKey). */
export const HASH_LABEL = 'controller-revision-hash';
/** The deprecated pod label holding the DaemonSet generation the pod was made at. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * GetTargetNodeName: spec.nodeName once bound, else the node the pod's required node
 * affinity pins it to (a `metadata.name In [node]` matchFields term).
 */
export function targetNode(pod: Pod): string | undefined {
  if ((pod.spec?.nodeName ?? '') !== '') return pod.spec?.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? [])
    for (const field of term.matchFields ?? [])
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1)
        return field.values[0];
  return undefined;
}

/** IsPodUpdated: the pod carries the current hash, or the DaemonSet's template generation. */
export function isUpdated(ds: DaemonSet, pod: Pod, hash: string): boolean {
  const labels = pod.metadata.labels ?? {};
  const generation = ds.metadata.generation;
  return (
    labels[HASH_LABEL] === hash ||
    (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation))
  );
}
