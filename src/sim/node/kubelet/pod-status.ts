/**
 * The pod status the kubelet writes (upstream's generateAPIPodStatus and
 * convertToAPIContainerStatuses, getPhase, and the status/generate.go conditions): built from
 * what the runtime reports about the pod's sandbox and containers, the reasons containers
 * could not be started, and the status already in the API.
 */
import type {
  Container,
  ContainerStatus as ApiContainerStatus,
  PodCondition,
  PodStatus,
} from 'kubernetes-types/core/v1';
import type { VirtualClock } from '../../kernel/clock';
import type { ContainerStatus } from '../cri/types';
import {
  containersOf,
  initContainersOf,
  type KubeletContext,
  type PodObject,
  type PodRecord,
} from './context';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The condition types the kubelet owns; others (DisruptionTarget...) are kept from the API. */
const KUBELET_CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** Whether a container that is not running should be (re)started, by the pod's restart policy. */
export function shouldRestart(pod: PodObject, status: ContainerStatus | undefined, isInit: boolean): boolean {
  if (pod.metadata.deletionTimestamp !== undefined) return false;
  if (status === undefined || status.state === 'CONTAINER_CREATED') return true;
  if (status.state !== 'CONTAINER_EXITED') return false;
  if (isInit && status.exitCode === 0) return false;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  return policy === 'Always' || status.exitCode !== 0;
}

function terminated(s: ContainerStatus, clock: VirtualClock) {
  return {
    terminated: {
      exitCode: s.exitCode,
      reason: s.reason,
      startedAt: clock.timestamp(s.startedAt),
      finishedAt: clock.timestamp(s.finishedAt),
      containerID: `containerd://${s.id}`,
    },
  };
}

function containerStatus(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  isInit: boolean,
  podIsTerminal: boolean,
): ApiContainerStatus {
  const clock = ctx.kernel.clock;
  const [current, previous] = record.containers.get(container.name) ?? [];
  const defaultReason = initContainersOf(record.pod).length > 0 ? 'PodInitializing' : 'ContainerCreating';
  let state: Mutable<ApiContainerStatus>['state'] = { waiting: { reason: defaultReason } };
  let lastState: Mutable<ApiContainerStatus>['lastState'] = {};
  if (current?.state === 'CONTAINER_RUNNING')
    state = { running: { startedAt: clock.timestamp(current.startedAt) } };
  if (current?.state === 'CONTAINER_EXITED') state = terminated(current, clock);
  if (current?.state === 'CONTAINER_CREATED') state = { waiting: { reason: 'ContainerCreating' } };
  if (previous?.state === 'CONTAINER_EXITED') lastState = terminated(previous, clock);
  const failure = record.failures.get(container.name);
  if (!podIsTerminal && failure !== undefined && shouldRestart(record.pod, current, isInit)) {
    if (state.terminated !== undefined) lastState = state;
    state = { waiting: { reason: failure.reason, message: failure.message } };
  }
  const running = state.running !== undefined;
  const succeeded = state.terminated?.exitCode === 0;
  return {
    name: container.name,
    state,
    lastState,
    ready: isInit ? succeeded : running,
    restartCount: current?.attempt ?? 0,
    image: current?.image ?? container.image ?? '',
    imageID: current?.imageRef ?? '',
    ...(current === undefined ? {} : { containerID: `containerd://${current.id}` }),
    started: running,
  };
}

/** upstream getPhase: the pod phase from its containers' statuses and the restart policy. */
export function podPhase(
  pod: PodObject,
  init: readonly ApiContainerStatus[],
  regular: readonly ApiContainerStatus[],
  podIsTerminal: boolean,
): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state?.terminated !== undefined) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting !== undefined && s.lastState?.terminated !== undefined) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of regular) {
    if (s.state?.running !== undefined) running++;
    else if (s.state?.terminated !== undefined) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated !== undefined) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || failedInit > 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const goList = (names: readonly string[]) => `[${names.join(' ')}]`;

function readiness(pod: PodObject, statuses: readonly ApiContainerStatus[], phase: string): PodCondition {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of containersOf(pod)) {
    const s = statuses.find((x) => x.name === c.name);
    if (s === undefined) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  const messages = [
    ...(unknown.length > 0 ? [`containers with unknown status: ${goList(unknown)}`] : []),
    ...(unready.length > 0 ? [`containers with unready status: ${goList(unready)}`] : []),
  ];
  if (messages.length === 0) return { type: 'ContainersReady', status: 'True' };
  return {
    type: 'ContainersReady',
    status: 'False',
    reason: 'ContainersNotReady',
    message: messages.join(', '),
  };
}

function initialized(
  pod: PodObject,
  init: readonly ApiContainerStatus[],
  regular: readonly ApiContainerStatus[],
  phase: string,
): PodCondition {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (
    regular.some(
      (s) =>
        s.state?.running !== undefined ||
        s.state?.terminated !== undefined ||
        s.lastState?.terminated !== undefined,
    )
  ) {
    return { type: 'Initialized', status: 'True' };
  }
  const incomplete = initContainersOf(pod)
    .filter((c) => init.find((s) => s.name === c.name)?.ready !== true)
    .map((c) => c.name);
  if (incomplete.length === 0) return { type: 'Initialized', status: 'True' };
  return {
    type: 'Initialized',
    status: 'False',
    reason: 'ContainersNotInitialized',
    message: `containers with incomplete status: ${goList(incomplete)}`,
  };
}

/** Gives each condition its lastTransitionTime: kept while its status stays, now when it changes. */
function withTransitions(
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

/**
 * The status to write for a pod. `podIsTerminal`: the pod is being deleted and all its
 * containers have stopped, so none will be restarted whatever the restart policy says.
 */
export function generatePodStatus(ctx: KubeletContext, record: PodRecord, podIsTerminal: boolean): PodStatus {
  const pod = record.pod;
  const old = record.apiStatus;
  const init = initContainersOf(pod).map((c) => containerStatus(ctx, record, c, true, podIsTerminal));
  const regular = containersOf(pod)
    .map((c) => containerStatus(ctx, record, c, false, podIsTerminal))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let phase = podPhase(pod, init, regular, podIsTerminal);
  if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;
  const sandbox = record.sandbox;
  const sandboxReady = sandbox?.state === 'SANDBOX_READY';
  const ready = readiness(pod, regular, phase);
  const generated: PodCondition[] = [
    { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' },
    initialized(pod, init, regular, phase),
    { ...ready, type: 'Ready' },
    ready,
    { type: 'PodScheduled', status: 'True' },
  ];
  const oldConditions = old.conditions ?? [];
  const conditions = [
    ...oldConditions.filter((c) => !KUBELET_CONDITIONS.includes(c.type)),
    ...withTransitions(generated, oldConditions, ctx.kernel.clock.timestamp()),
  ];
  const ip = pod.spec?.hostNetwork === true ? ctx.hostIP : (sandbox?.ip ?? null);
  const podIPs = ip !== null && sandboxReady ? [{ ip }] : (old.podIPs ?? []);
  return {
    phase,
    conditions,
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    ...(podIPs[0] === undefined ? {} : { podIP: podIPs[0].ip, podIPs }),
    ...(record.startTime === null ? {} : { startTime: record.startTime }),
    ...(init.length === 0 ? {} : { initContainerStatuses: init }),
    containerStatuses: regular,
    ...(old.qosClass === undefined ? {} : { qosClass: old.qosClass }),
    ...(old.nominatedNodeName === undefined ? {} : { nominatedNodeName: old.nominatedNodeName }),
  };
}
