/**
 * Killing one container (upstream's killContainer): a `Killing` event, then the container's
 * preStop hook (if it has one and there is a grace period) within the grace period, then,
 * for a sidecar of a terminating pod, waiting for its turn (termination-order.ts), and last
 * StopContainer with what is left of the grace period, never less than 2 s. The grace period
 * is the pod's deletion grace period, or a failed probe's own `terminationGracePeriodSeconds`,
 * or the pod's `terminationGracePeriodSeconds`. A preStop hook that fails gets a
 * `FailedPreStopHook` event; the container is stopped all the same.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ContainerStatus } from '../../cri/types';
import type { KubeletContext, PodObject, PodRecord } from '../context';
import { refreshContainer } from '../pleg';
import { runHandler } from './handlers';
import type { TerminationOrdering } from './termination-order';

/** Upstream's minimumGracePeriodInSeconds: the least time a container gets to stop. */
const MINIMUM_GRACE_SECONDS = 2;

/** Why a container is killed, where it changes the grace period (upstream's containerKillReason). */
export type KillReason = 'StartupProbe' | 'LivenessProbe' | 'FailedPostStartHook' | 'Unknown';

/** What to kill and why. */
export interface KillRequest {
  readonly container: Container;
  readonly status: ContainerStatus;
  /** The Killing event's message; `Stopping container <name>` when empty. */
  readonly message: string;
  readonly reason: KillReason;
  /** A grace period that replaces the computed one (the pod worker's, when the pod is deleted). */
  readonly gracePeriodOverride: number | null;
  readonly ordering: TerminationOrdering | null;
}

/** setTerminationGracePeriod: the grace period before the preStop hook takes its part. */
function terminationGracePeriod(pod: PodObject, container: Container, reason: KillReason): number {
  const deletion = pod.metadata.deletionGracePeriodSeconds;
  if (deletion !== undefined) return deletion;
  const podGrace = pod.spec?.terminationGracePeriodSeconds;
  if (podGrace === undefined) return MINIMUM_GRACE_SECONDS;
  const probe =
    reason === 'StartupProbe'
      ? container.startupProbe
      : reason === 'LivenessProbe'
        ? container.livenessProbe
        : undefined;
  return probe?.terminationGracePeriodSeconds ?? podGrace;
}

/** Kills one container; `done` gets the trace step of its refreshed status once it has stopped. */
export function killContainer(
  ctx: KubeletContext,
  record: PodRecord,
  request: KillRequest,
  cause: number | null,
  done: (step: number | null) => void,
): void {
  const { kernel, recorder, runtime } = ctx;
  const { container, status, ordering } = request;
  const pod = record.pod;
  let grace = request.gracePeriodOverride ?? terminationGracePeriod(pod, container, request.reason);
  const message = request.message === '' ? `Stopping container ${container.name}` : request.message;
  recorder.event(pod, 'Normal', 'Killing', message, cause);
  const stop = (step: number | null) => {
    const timeout = Math.max(grace, MINIMUM_GRACE_SECONDS);
    runtime.stopContainer(status.id, timeout, step, (stopped) => {
      const refreshed = refreshContainer(ctx, record, status.id, stopped);
      ordering?.containerTerminated(container.name);
      done(refreshed);
    });
  };
  const turn = (step: number | null) => {
    if (ordering === null || grace <= 0) return stop(step);
    ordering.waitForTurn(container.name, grace, (waited) => {
      grace -= waited;
      stop(step);
    });
  };
  const preStop = container.lifecycle?.preStop;
  if (preStop === undefined || grace <= 0) return turn(cause);
  const start = kernel.clock.now();
  let finished = false;
  const afterHook = (step: number | null) => {
    if (finished) return;
    finished = true;
    kernel.cancel(deadline);
    grace -= Math.floor((kernel.clock.now() - start) / 1000);
    turn(step);
  };
  const deadline = kernel.schedule(grace * 1000, `${ctx.id}: ${container.name} preStop hook timed out`, () =>
    afterHook(cause),
  );
  runHandler(ctx, record, container, status.id, preStop, cause, ({ message: failed, step }) => {
    if (failed !== null) recorder.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', step);
    afterHook(step);
  });
}
