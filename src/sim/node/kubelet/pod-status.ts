/**
 * The pod status the kubelet writes (upstream's generateAPIPodStatus and
 * convertToAPIContainerStatuses, getPhase, and the status/generate.go conditions): built from
 * what the runtime reports about the pod's sandbox and containers, the reasons containers
 * could not be started, what the probes say (started, ready) and the status already in the API.
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
import { containersReady, initialized, withTransitions } from './conditions';
import { isStatic } from './config/static-pods';
import type { ProbeManager } from './prober/manager';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The condition types the kubelet owns; others (DisruptionTarget...) are kept from the API. */
const KUBELET_CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/**
 * Whether a container that is not running should be (re)started, by the pod's restart policy
 * (a sidecar always is, an init container that succeeded never is).
 */
export function shouldRestart(
  pod: PodObject,
  container: Container,
  status: ContainerStatus | undefined,
  isInit: boolean,
): boolean {
  if (pod.metadata.deletionTimestamp !== undefined) return false;
  if (status === undefined || status.state === 'CONTAINER_CREATED') return true;
  if (status.state !== 'CONTAINER_EXITED') return false;
  if (isInit && container.restartPolicy === 'Always') return true;
  if (isInit && status.exitCode === 0) return false;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  return policy === 'Always' || status.exitCode !== 0;
}

function terminated(s: ContainerStatus, clock: VirtualClock, scheme: string) {
  return {
    terminated: {
      exitCode: s.exitCode,
      reason: s.reason,
      startedAt: clock.timestamp(s.startedAt),
      finishedAt: clock.timestamp(s.finishedAt),
      containerID: `${scheme}://${s.id}`,
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
  const scheme = ctx.runtime.flavour.name;
  const [current, previous] = record.containers.get(container.name) ?? [];
  const defaultReason = initContainersOf(record.pod).length > 0 ? 'PodInitializing' : 'ContainerCreating';
  let state: Mutable<ApiContainerStatus>['state'] = { waiting: { reason: defaultReason } };
  let lastState: Mutable<ApiContainerStatus>['lastState'] = {};
  if (current?.state === 'CONTAINER_RUNNING')
    state = { running: { startedAt: clock.timestamp(current.startedAt) } };
  if (current?.state === 'CONTAINER_EXITED') state = terminated(current, clock, scheme);
  if (current?.state === 'CONTAINER_CREATED') state = { waiting: { reason: 'ContainerCreating' } };
  if (previous?.state === 'CONTAINER_EXITED') lastState = terminated(previous, clock, scheme);
  const failure = record.failures.get(container.name);
  if (!podIsTerminal && failure !== undefined && shouldRestart(record.pod, container, current, isInit)) {
    if (state.terminated !== undefined) lastState = state;
    state = { waiting: { reason: failure.reason, message: failure.message } };
  }
  return {
    name: container.name,
    state,
    lastState,
    ready: false,
    restartCount: current?.attempt ?? 0,
    image: current?.image ?? container.image ?? '',
    imageID: current?.imageRef ?? '',
    ...(current === undefined ? {} : { containerID: `${scheme}://${current.id}` }),
    started: false,
  };
}

/**
 * upstream getPhase: the pod phase from its containers' statuses and the restart policy.
 * Sidecars keep a pod Running while they run, but how they exit does not decide its phase;
 * a static pod never becomes terminal this way.
 */
export function podPhase(
  pod: PodObject,
  init: readonly ApiContainerStatus[],
  regular: readonly ApiContainerStatus[],
  podIsTerminal: boolean,
): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInit = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of initContainersOf(pod)) {
    const s = init.find((x) => x.name === c.name);
    const lastExit = s?.lastState?.terminated;
    if (c.restartPolicy === 'Always') {
      // A sidecar that stopped (or is waiting to restart) does not count.
      if (s?.state?.running !== undefined) {
        if (s.started !== true) pendingInitialization++;
        running++;
      } else if (s?.state?.terminated === undefined && lastExit === undefined) {
        pendingInitialization++;
        waiting++;
      }
    } else if (s?.state?.terminated !== undefined) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s?.state?.waiting !== undefined && lastExit !== undefined) {
      if (lastExit.exitCode !== 0) failedInit++;
    } else pendingInitialization++;
  }
  for (const s of regular) {
    if (s.state?.running !== undefined) running++;
    else if (s.state?.terminated !== undefined) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated !== undefined) stopped++;
    else waiting++;
  }
  const regularStarted = regular.some(
    (s) => s.state?.running !== undefined || s.state?.terminated !== undefined,
  );
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  // Pending initialization stops counting once a main container ran (sidecars restarting).
  if ((pendingInitialization > 0 && !regularStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal && !isStatic(pod)) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/**
 * The status to write for a pod. `podIsTerminal`: the pod is being deleted and all its
 * containers have stopped, so none will be restarted whatever the restart policy says.
 */
export function generatePodStatus(
  ctx: KubeletContext,
  probes: ProbeManager,
  record: PodRecord,
  podIsTerminal: boolean,
): PodStatus {
  const pod = record.pod;
  const old = record.apiStatus;
  const init = initContainersOf(pod).map((c) => containerStatus(ctx, record, c, true, podIsTerminal));
  const regular = containersOf(pod)
    .map((c) => containerStatus(ctx, record, c, false, podIsTerminal))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  probes.updatePodStatus(record, { initContainerStatuses: init, containerStatuses: regular });
  let phase = podPhase(pod, init, regular, podIsTerminal);
  if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;
  const sandbox = record.sandbox;
  const sandboxReady = sandbox?.state === 'SANDBOX_READY';
  const ready = containersReady(pod, init, regular, phase);
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
