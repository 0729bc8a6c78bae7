/** Pods and pod templates: the STATUS, READY and RESTARTS logic of `kubectl get pods`. */
import type { Container, ContainerStatus, Pod, PodStatus, PodTemplate } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer, wide } from './columns';
import { humanDuration, parseTime, since } from './duration';
import { containerCells, formatLabels } from './format';
import type { PrintedRow, TableRowCondition } from './types';

const POD_SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** The most recent `lastState.terminated.finishedAt` seen so far (undefined = never). */
function later(current: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseTime(status.lastState?.terminated?.finishedAt);
  if (finished === undefined) return current;
  return current === undefined || current < finished ? finished : current;
}

function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasCondition(status: PodStatus, type: string): boolean {
  const condition = status.conditions?.find((c) => c.type === type);
  return condition?.status === 'True';
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  ).length;
  return `${passed}/${gates.length}`;
}

/**
 * One `kubectl get pods` row. The status is the phase (or status.reason), overridden by
 * SchedulingGated, by the first init container that has not finished (`Init:1/2`,
 * `Init:CrashLoopBackOff`, `Init:Error`...), by the first app container's waiting or
 * terminated reason (`ContainerCreating`, `CrashLoopBackOff`, `Completed`, `Error`,
 * `ExitCode:1`...), and finally by `Terminating` or `Unknown` once the pod is being deleted.
 */
export function printPod(pod: Pod, now: number): PrintedRow {
  const spec = pod.spec;
  const status: PodStatus = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  const initSpecs = new Map<string, Container>();
  let totalContainers = spec?.containers?.length ?? 0;
  for (const container of spec?.initContainers ?? []) {
    initSpecs.set(container.name, container);
    if (isSidecar(container)) totalContainers++;
  }
  const initCount = spec?.initContainers?.length ?? 0;

  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as ContainerStatus;
    const sidecar = isSidecar(initSpecs.get(c.name));
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod with one container still running is not "Completed" yet.
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsCell =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const podIP = status.podIP || status.podIPs?.[0]?.ip || '<none>';
  const cells = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    since(pod.metadata?.creationTimestamp, now),
    podIP,
    spec?.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates(pod),
  ];
  const conditions = phase === 'Succeeded' ? POD_SUCCEEDED : phase === 'Failed' ? POD_FAILED : undefined;
  return conditions ? { cells, conditions: conditions.map((c) => ({ ...c })) } : { cells };
}

/** `kubectl get pods`. */
export const podPrinter = printer<Pod>(
  [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready containers out of all containers (sidecars included).'),
    column('Status', 'string', 'Summary of the pod phase and its containers’ states.'),
    column('Restarts', 'string', 'Container restarts, and how long ago the latest one happened.'),
    AGE_COLUMN,
    wide(column('IP', 'string', 'The pod’s primary IP address.')),
    wide(column('Node', 'string', 'The node the pod is bound to.')),
    wide(column('Nominated Node', 'string', 'The node preemption made room on, if any.')),
    wide(column('Readiness Gates', 'string', 'Readiness gates whose condition is True, out of all.')),
  ],
  printPod,
);

/** `kubectl get podtemplates`. */
export const podTemplatePrinter = printer<PodTemplate>(
  [
    NAME_COLUMN,
    column('Containers', 'string', 'Container names in the template.'),
    column('Images', 'string', 'Container images in the template.'),
    column('Pod Labels', 'string', 'Labels the template gives its pods.'),
  ],
  (t) => {
    const [names, images] = containerCells(t.template?.spec?.containers);
    return [t.metadata?.name ?? '', names, images, formatLabels(t.template?.metadata?.labels)];
  },
);
