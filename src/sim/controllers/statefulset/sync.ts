/**
 * updateStatefulSet (stateful_set_control.go): one pass of the StatefulSet's sync loop.
 *
 * Pods are sorted into `replicas` (ordinals below spec.replicas) and `condemned` (the rest).
 * Missing replicas are created and finished ones recreated; surplus pods are deleted from
 * the highest ordinal down. With the OrderedReady policy every step waits for the pods
 * before it to be Running and Ready (and available for minReadySeconds), one pod at a time;
 * with Parallel nothing waits. A RollingUpdate then deletes the highest-ordinal pod not at
 * the update revision, down to the partition, one at a time and only while all pods above
 * it are healthy; the next pass recreates it from the update revision. OnDelete leaves
 * replacing pods to the user.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Revision } from './history';
import { newStatefulPod, type StatefulPodControl } from './pods';
import {
  isAvailable,
  isFinished,
  isRunningAndReady,
  isTerminating,
  ordinalOf,
  revisionOf,
  type Pod,
  type StatefulSet,
} from './types';

/** What one pass needs besides the set and its pods. */
export interface PassEnv {
  readonly control: StatefulPodControl;
  /** Emits a decision step; returns its id, the cause of the requests it leads to. */
  decide(summary: string, cause: number | null): number;
  /** Wall-clock ms now. */
  readonly now: number;
}

/** The status counters a pass computes; revisions are filled in by the caller. */
export type PassStatus = Required<
  Pick<
    StatefulSetStatus,
    'replicas' | 'readyReplicas' | 'currentReplicas' | 'updatedReplicas' | 'availableReplicas'
  >
>;

/** The revision that the pod at `ordinal` should be created from. */
function revisionForOrdinal(
  set: StatefulSet,
  ordinal: number,
  current: Revision,
  update: Revision,
): Revision {
  const strategy = set.spec.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition;
  if (strategy?.type !== 'OnDelete' && partition !== undefined && ordinal < partition) return current;
  return update;
}

/** Counts pods into status, as the start of updateStatefulSet does. */
export function countPods(
  set: StatefulSet,
  pods: readonly Pod[],
  current: Revision,
  update: Revision,
  now: number,
): PassStatus {
  const status: PassStatus = {
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
  };
  const minReady = set.spec.minReadySeconds ?? 0;
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isAvailable(pod, minReady, now)) status.availableReplicas++;
    }
    const revision = revisionOf(pod);
    if (revision === current.metadata.name) status.currentReplicas++;
    if (revision === update.metadata.name) status.updatedReplicas++;
  }
  return status;
}

/**
 * Runs one pass: creates, deletes and replaces pods. Returns true when it stopped early to
 * wait for a pod (OrderedReady), false when it went through.
 */
export function runPass(
  env: PassEnv,
  set: StatefulSet,
  pods: readonly Pod[],
  current: Revision,
  update: Revision,
  cause: number | null,
): boolean {
  const name = `StatefulSet ${set.metadata.namespace ?? ''}/${set.metadata.name ?? ''}`;
  const count = set.spec.replicas ?? 1;
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const minReady = set.spec.minReadySeconds ?? 0;
  const healthy = (p: Pod) => isRunningAndReady(p) && isAvailable(p, minReady, env.now) && !isTerminating(p);
  const replicas: (Pod | undefined)[] = Array.from({ length: count }, () => undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(set, pod);
    if (ordinal < 0) continue;
    if (ordinal < count) replicas[ordinal] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, a) - ordinalOf(set, b));
  const firstUnhealthy = [...replicas, ...condemned].find((p) => p !== undefined && !healthy(p));
  if (isTerminating(set)) return false;

  for (let ordinal = 0; ordinal < count; ordinal++) {
    const pod = replicas[ordinal];
    if (pod !== undefined && isFinished(pod) && !isTerminating(pod)) {
      const step = env.decide(
        `pod ${pod.metadata.name ?? ''} of ${name} is ${pod.status?.phase ?? ''}: recreating it`,
        cause,
      );
      env.control.deletePod(set, pod, step);
      if (monotonic) return true;
      continue;
    }
    if (pod === undefined) {
      const revision = revisionForOrdinal(set, ordinal, current, update);
      const step = env.decide(
        `${name} is missing ordinal ${ordinal}: creating it from revision ${revision.metadata.name ?? ''}`,
        cause,
      );
      env.control.createPod(set, newStatefulPod(set, revision, ordinal), ordinal, step);
      if (monotonic) return true;
      continue;
    }
    if (isTerminating(pod)) {
      if (monotonic) return wait(env, `${name} waits for ${pod.metadata.name ?? ''} to terminate`, cause);
      continue;
    }
    if (!healthy(pod) && monotonic)
      return wait(env, `${name} waits for ${pod.metadata.name ?? ''} to be Running and Ready`, cause);
    // The pod exists: make sure its claims do (they may have been deleted under it).
    env.control.createClaims(set, ordinal, cause);
  }

  for (let i = condemned.length - 1; i >= 0; i--) {
    const pod = condemned[i];
    if (pod === undefined) continue;
    if (isTerminating(pod)) {
      if (monotonic) return wait(env, `${name} waits for ${pod.metadata.name ?? ''} to terminate`, cause);
      continue;
    }
    if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy)
      return wait(
        env,
        `${name} waits for unhealthy ${firstUnhealthy?.metadata.name ?? ''} before scaling down`,
        cause,
      );
    const step = env.decide(`${name} has ${count} replicas: deleting ${pod.metadata.name ?? ''}`, cause);
    env.control.claimsFollowPod(set, pod, ordinalOf(set, pod), step);
    env.control.deletePod(set, pod, step);
    if (monotonic) return true;
  }

  if (set.spec.updateStrategy?.type === 'OnDelete') return false;
  const partition = Math.max(0, set.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
  for (let ordinal = count - 1; ordinal >= partition; ordinal--) {
    const pod = replicas[ordinal];
    if (pod === undefined) continue;
    if (revisionOf(pod) !== update.metadata.name && !isTerminating(pod)) {
      const step = env.decide(
        `rolling update of ${name}: deleting ${pod.metadata.name ?? ''} (revision ${revisionOf(pod)}) for revision ${update.metadata.name ?? ''}`,
        cause,
      );
      env.control.deletePod(set, pod, step);
      return true;
    }
    if (!healthy(pod))
      return wait(env, `rolling update of ${name} waits for ${pod.metadata.name ?? ''} to be healthy`, cause);
  }
  return false;
}

function wait(env: PassEnv, summary: string, cause: number | null): true {
  env.decide(summary, cause);
  return true;
}
