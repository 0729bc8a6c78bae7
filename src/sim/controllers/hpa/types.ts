/**
 * What the HorizontalPodAutoscaler controller works with: autoscaling/v2 objects, the pods it
 * measures, and kube-controller-manager's defaults for it (upstream's
 * --horizontal-pod-autoscaler-* flags).
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';

/** An HPA as the informer delivers it (autoscaling/v2, the storage version). */
export type HpaObject = KubeObject & Omit<HorizontalPodAutoscaler, 'apiVersion' | 'kind' | 'metadata'>;

/** A pod as the informer delivers it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** --horizontal-pod-autoscaler-sync-period: each HPA is reconciled this often. */
export const SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const INITIAL_READINESS_DELAY_MS = 30_000;

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const HPAS = resource('autoscaling', 'v2', 'horizontalpodautoscalers');
export const PODS = resource('', 'v1', 'pods');

/** One pod's metric: its value (milli-units), and the window it was measured over (wall ms). */
export interface PodMetric {
  readonly timestamp: number;
  readonly windowMs: number;
  readonly value: number;
}

/** Metrics by pod name. */
export type PodMetricsInfo = Map<string, PodMetric>;
