/**
 * The Job as the Job controller reasons about it: spec fields with their defaults, the pod
 * selector and template labels, and the labels, annotations and finalizer the controller
 * puts on pods.
 *
 * Upstream's Job registry strategy generates the selector (`batch.kubernetes.io/controller-uid:
 * <uid>`) and adds the four controller-uid / job-name labels to the template on create unless
 * `spec.manualSelector` is true. This simulator's apiserver does not (yet), so {@link readJob}
 * applies the same generation in memory: the controller selects and labels pods exactly as it
 * would against a real apiserver, without writing the Job's spec.
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { PodSpec, PodStatus, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector as ApiLabelSelector } from 'kubernetes-types/meta/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { LabelSelector } from '../../apiserver/selectors';
import type { KubeObject } from '../../apiserver/types';
import { selectorFromApi } from '../replicaset/types';

/** A Pod as the informer delivers it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** A Job as the informer delivers it. */
export type JobObject = KubeObject & { spec?: Record<string, unknown>; status?: JobStatus };

export type { JobCondition, JobStatus };

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const PODS = resource('', 'v1', 'pods');
export const JOBS = resource('batch', 'v1', 'jobs');

/** The finalizer that keeps a finished pod around until the controller has counted it. */
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** The annotation (and label) carrying an Indexed Job pod's completion index. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID = 'controller-uid';
const LEGACY_JOB_NAME = 'job-name';

/** A Job, read with the apiserver's defaults. */
export interface JobView {
  readonly obj: JobObject;
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly deleting: boolean;
  /** spec.completions; null for a work-queue Job. */
  readonly completions: number | null;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number | null;
  readonly indexed: boolean;
  readonly suspend: boolean;
  /** `Failed` keeps terminating pods from being replaced until they fail. */
  readonly podReplacementPolicy: string;
  readonly selector: LabelSelector | null;
  readonly template: PodTemplateSpec;
  readonly status: JobStatus;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** Reads a Job, generating its selector and template labels as upstream's strategy would. */
export function readJob(obj: JobObject, key: string): JobView {
  const spec = obj.spec ?? {};
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const template = JSON.parse(JSON.stringify(spec.template ?? {})) as PodTemplateSpec;
  let selector = selectorFromApi(spec.selector as ApiLabelSelector | undefined);
  if (spec.manualSelector !== true) {
    selector = selectorFromApi({ matchLabels: { [CONTROLLER_UID]: uid } });
    template.metadata = {
      ...template.metadata,
      labels: {
        ...template.metadata?.labels,
        [CONTROLLER_UID]: uid,
        [JOB_NAME]: name,
        [LEGACY_CONTROLLER_UID]: uid,
        [LEGACY_JOB_NAME]: name,
      },
    };
  }
  const completions = typeof spec.completions === 'number' ? spec.completions : null;
  return {
    obj,
    key,
    name,
    namespace: obj.metadata.namespace ?? '',
    uid,
    deleting: obj.metadata.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null,
    completions,
    parallelism: num(spec.parallelism, 1),
    backoffLimit: num(spec.backoffLimit, 6),
    activeDeadlineSeconds: typeof spec.activeDeadlineSeconds === 'number' ? spec.activeDeadlineSeconds : null,
    indexed: spec.completionMode === 'Indexed' && completions !== null,
    suspend: spec.suspend === true,
    podReplacementPolicy:
      typeof spec.podReplacementPolicy === 'string' ? spec.podReplacementPolicy : 'TerminatingOrFailed',
    selector,
    template,
    status: obj.status ?? {},
  };
}
