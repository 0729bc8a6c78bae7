/**
 * The pod conditions the kubelet owns (upstream's status/generate.go): Initialized (every
 * init container succeeded, every sidecar started), ContainersReady and Ready (every main
 * container and sidecar ready), each with upstream's reasons and messages, and the
 * lastTransitionTime bookkeeping.
 */
import type { ContainerStatus as ApiContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import { containersOf, initContainersOf, type PodObject } from './context';

const goList = (names: readonly string[]) => `[${names.join(' ')}]`;

function notReady(type: string, reason: string, unknown: string[], other: string[], what: string) {
  const messages = [
    ...(unknown.length > 0 ? [`containers with unknown status: ${goList(unknown)}`] : []),
    ...(other.length > 0 ? [`containers with ${what} status: ${goList(other)}`] : []),
  ];
  if (messages.length === 0) return { type, status: 'True' };
  return { type, status: 'False', reason, message: messages.join(', ') };
}

/** HasAnyRegularContainerStarted: a main container runs or ran, so the pod was initialized once. */
function anyRegularStarted(regular: readonly ApiContainerStatus[]): boolean {
  return regular.some(
    (s) =>
      s.state?.running !== undefined ||
      s.state?.terminated !== undefined ||
      s.lastState?.terminated !== undefined,
  );
}

/** GenerateContainersReadyCondition: sidecars and main containers all ready. */
export function containersReady(
  pod: PodObject,
  init: readonly ApiContainerStatus[],
  regular: readonly ApiContainerStatus[],
  phase: string,
): PodCondition {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, statuses: readonly ApiContainerStatus[]) => {
    const s = statuses.find((x) => x.name === name);
    if (s === undefined) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of initContainersOf(pod)) if (c.restartPolicy === 'Always') check(c.name, init);
  for (const c of containersOf(pod)) check(c.name, regular);
  return notReady('ContainersReady', 'ContainersNotReady', unknown, unready, 'unready');
}

/** GeneratePodInitializedCondition: init containers succeeded and sidecars started. */
export function initialized(
  pod: PodObject,
  init: readonly ApiContainerStatus[],
  regular: readonly ApiContainerStatus[],
  phase: string,
): PodCondition {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (anyRegularStarted(regular)) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of initContainersOf(pod)) {
    const s = init.find((x) => x.name === c.name);
    if (s === undefined) unknown.push(c.name);
    else if (c.restartPolicy === 'Always' ? s.started !== true : !s.ready) incomplete.push(c.name);
  }
  return notReady('Initialized', 'ContainersNotInitialized', unknown, incomplete, 'incomplete');
}

/** Gives each condition its lastTransitionTime: kept while its status stays, now when it changes. */
export function withTransitions(
  conditions: readonly PodCondition[],
  old: readonly PodCondition[],
  now: string,
): PodCondition[] {
  return conditions.map((c) => {
    const before = old.find((o) => o.type === c.type);
    const since =
      before !== undefined && before.status === c.status ? (before.lastTransitionTime ?? now) : now;
    return {
      type: c.type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: since,
      ...(c.reason === undefined ? {} : { reason: c.reason }),
      ...(c.message === undefined ? {} : { message: c.message }),
    } as unknown as PodCondition; // lastProbeTime: null, as upstream serializes a zero time
  });
}
