/**
 * What a sync of a running pod should do (upstream's computePodActions with
 * computeInitContainerActions, the SidecarContainers way): which containers to kill first
 * (a failed liveness or startup probe), which init containers and sidecars to start, which
 * main containers to start, and whether nothing is left to run. Init containers run one
 * after the other; a sidecar (an init container with `restartPolicy: Always`) does not have
 * to finish: once it runs and its startup probe (if any) succeeded, the next init container
 * starts, and it is restarted whenever it stops. Main containers start once every init
 * container has succeeded or started.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ContainerStatus } from '../cri/types';
import { containersOf, initContainersOf, latest, type PodRecord } from './context';
import type { KillRequest } from './lifecycle/kill';
import { shouldRestart } from './pod-status';
import { isRestartable, type ProbeManager } from './prober/manager';

export interface PodActions {
  /** Running containers to stop before anything starts. */
  readonly kill: KillRequest[];
  /** Init containers and sidecars to start, in spec order. */
  readonly initStart: Container[];
  /** Main containers to start, in spec order. */
  readonly start: Container[];
  /** Nothing is left to run: stop whatever still runs (sidecars...) and the sandbox, instead of `kill`. */
  readonly killPod: boolean;
}

function kill(container: Container, status: ContainerStatus, message: string, reason: KillRequest['reason']) {
  return { container, status, message, reason, gracePeriodOverride: null, ordering: null };
}

const failed = (s: ContainerStatus) => s.state === 'CONTAINER_EXITED' && s.exitCode !== 0;

/** computeInitContainerActions: fills `actions`; returns whether the pod is initialized. */
function initActions(record: PodRecord, probes: ProbeManager, actions: PodActions): boolean | 'killPod' {
  const pod = record.pod;
  const inits = initContainersOf(pod);
  if (inits.length === 0) return true;
  let initialized = containersOf(pod).some((c) => {
    const state = latest(record, c.name)?.state;
    return state === 'CONTAINER_CREATED' || state === 'CONTAINER_RUNNING';
  });
  let previouslyInitialized = initialized;
  const restartOnFailure = (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
  const start: number[] = [];
  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i] as Container;
    const s = latest(record, c.name);
    const sidecar = isRestartable(c);
    if (s === undefined) {
      if (previouslyInitialized && sidecar) start.push(i);
      continue;
    }
    if (previouslyInitialized && !sidecar) continue;
    if (s.state === 'CONTAINER_CREATED') start.push(i);
    else if (s.state === 'CONTAINER_RUNNING' && sidecar) {
      const startup = c.startupProbe === undefined ? 'Success' : probes.startup.get(s.id);
      if (startup === 'Failure') {
        actions.kill.push(kill(c, s, `Init container ${c.name} failed startup probe`, 'StartupProbe'));
        start.push(i);
      } else if (startup === 'Success') {
        if (i === inits.length - 1) initialized = true;
        else if (!previouslyInitialized) start.push(i + 1);
        if (c.livenessProbe !== undefined && probes.liveness.get(s.id) === 'Failure') {
          actions.kill.push(kill(c, s, `Init container ${c.name} failed liveness probe`, 'LivenessProbe'));
          start.push(i);
        }
      }
    } else if (s.state === 'CONTAINER_EXITED' && sidecar) start.push(i);
    else if (s.state === 'CONTAINER_EXITED' && failed(s)) {
      if (!restartOnFailure) return 'killPod';
      start.push(i);
    } else if (s.state === 'CONTAINER_EXITED') {
      if (i === inits.length - 1) initialized = true;
      else start.push(i + 1);
    }
    previouslyInitialized = true;
  }
  if (!previouslyInitialized) start.push(0);
  for (const i of start.reverse()) actions.initStart.push(inits[i] as Container);
  return initialized;
}

/** computePodActions for a pod with a sandbox that should run. */
export function computePodActions(record: PodRecord, probes: ProbeManager): PodActions {
  const actions: PodActions = { kill: [], initStart: [], start: [], killPod: false };
  const initialized = initActions(record, probes, actions);
  if (initialized === 'killPod') return { kill: [], initStart: [], start: [], killPod: true };
  if (!initialized) return actions;
  const pod = record.pod;
  const restart = (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
  let keep = 0;
  for (const c of containersOf(pod)) {
    const s = latest(record, c.name);
    if (s === undefined || s.state !== 'CONTAINER_RUNNING') {
      if (shouldRestart(pod, c, s, false)) actions.start.push(c);
      continue;
    }
    let message: string;
    let reason: KillRequest['reason'];
    if (probes.liveness.get(s.id) === 'Failure') {
      message = `Container ${c.name} failed liveness probe`;
      reason = 'LivenessProbe';
    } else if (probes.startup.get(s.id) === 'Failure') {
      message = `Container ${c.name} failed startup probe`;
      reason = 'StartupProbe';
    } else {
      keep++;
      continue;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      actions.start.push(c);
    }
    actions.kill.push(kill(c, s, message, reason));
  }
  if (keep === 0 && actions.start.length === 0) return { ...actions, initStart: [], killPod: true };
  return actions;
}
