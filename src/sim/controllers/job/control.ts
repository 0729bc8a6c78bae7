/**
 * The Job controller's pod control: creates pods from the Job's template (generateName
 * `<job>-`, or `<job>-<index>-` for Indexed Jobs, the tracking finalizer, a controller
 * ownerReference; Indexed pods also get the completion index annotation and label, a
 * hostname and the JOB_COMPLETION_INDEX variable), deletes them, and removes the tracking
 * finalizer; with the events `kubectl describe job` shows.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import { hasCode } from '../replicaset/control';
import { COMPLETION_INDEX, PODS, TRACKING_FINALIZER, type JobView, type PodObject } from './types';

const INDEX_ENV = 'JOB_COMPLETION_INDEX';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** addCompletionIndexEnvVariable: the index from the downward API, unless already set. */
function withIndexEnv(container: Container): Container {
  if ((container.env ?? []).some((e) => e.name === INDEX_ENV)) return container;
  const env: EnvVar = {
    name: INDEX_ENV,
    valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } },
  };
  return { ...container, env: [...(container.env ?? []), env] };
}

export class JobPodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  /** The pod to create for `job` (with `index` for Indexed Jobs). */
  podFor(job: JobView, index: number | null): PodObject {
    const meta = job.template.metadata ?? {};
    const spec = JSON.parse(JSON.stringify(job.template.spec ?? { containers: [] })) as NonNullable<
      PodObject['spec']
    >;
    const labels = { ...meta.labels };
    const annotations = { ...meta.annotations };
    if (index !== null) {
      annotations[COMPLETION_INDEX] = String(index);
      labels[COMPLETION_INDEX] = String(index);
      if (spec.hostname === undefined || spec.hostname === '') spec.hostname = `${job.name}-${index}`;
      spec.containers = spec.containers.map(withIndexEnv);
      if (spec.initContainers !== undefined) spec.initContainers = spec.initContainers.map(withIndexEnv);
    }
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(Object.keys(labels).length === 0 ? {} : { labels }),
        ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
        generateName: index === null ? `${job.name}-` : `${job.name}-${index}-`,
        finalizers: [...(meta.finalizers ?? []), TRACKING_FINALIZER],
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.name,
            uid: job.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec,
    };
  }

  /** Creates a pod; records SuccessfulCreate, or FailedCreate and rethrows. */
  createPod(job: JobView, index: number | null, cause: number | null): PodObject {
    let created: PodObject;
    try {
      created = this.client.create<PodObject>(PODS, job.namespace, this.podFor(job, index), cause);
    } catch (error) {
      this.recorder.event(job.obj, 'Warning', 'FailedCreate', `Error creating: ${message(error)}`, cause);
      throw error;
    }
    this.recorder.event(
      job.obj,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name ?? ''}`,
      cause,
    );
    return created;
  }

  /** Deletes a pod; records SuccessfulDelete, or FailedDelete and rethrows. False if it was gone. */
  deletePod(job: JobView, pod: PodObject, cause: number | null): boolean {
    const name = pod.metadata.name ?? '';
    try {
      this.client.delete(PODS, job.namespace, name, {}, cause);
    } catch (error) {
      if (hasCode(error, 404)) return false;
      this.recorder.event(job.obj, 'Warning', 'FailedDelete', `Error deleting: ${message(error)}`, cause);
      throw error;
    }
    this.recorder.event(job.obj, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, cause);
    return true;
  }

  /** Removes the tracking finalizer; false when the pod is already gone. */
  removeFinalizer(pod: PodObject, cause: number | null): boolean {
    const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
    try {
      this.client.patch(
        PODS,
        pod.metadata.namespace ?? '',
        pod.metadata.name ?? '',
        'merge',
        { metadata: { finalizers: rest.length === 0 ? null : rest } },
        cause,
      );
      return true;
    } catch (error) {
      if (hasCode(error, 404)) return false;
      throw error;
    }
  }
}
