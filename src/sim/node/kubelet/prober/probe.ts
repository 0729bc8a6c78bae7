/**
 * One probe of one container (upstream's prober.probe and runProbe): runs the container's
 * liveness, readiness or startup probe once, retrying up to three times while it errors
 * (a probe that cannot run is not a failure), and records what upstream records: `Unhealthy`
 * "<Type> probe failed: <output>" when it fails, "<Type> probe errored and resulted in
 * unknown state: <error>" when it could not run, and `ProbeWarning` for a success with a
 * warning. An exec probe runs its command in the container (exit code 0 is success, and what
 * it printed is the output); network probes ask the pod's address (see network.ts).
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { KubeletContext, PodRecord } from '../context';
import { expand, mappingFor } from '../env/expansion';
import { execSync } from '../exec-sync';
import { networkProbe } from './network';

/** The kinds of probe a container can have. */
export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** How the probe's type reads in events (upstream's probeType.String()). */
const PROBE_TYPE_NAMES: Readonly<Record<ProbeType, string>> = {
  liveness: 'Liveness',
  readiness: 'Readiness',
  startup: 'Startup',
};

/** What one attempt gave (pkg/probe's Result, its output, and an error if it could not run). */
export interface Attempt {
  readonly result: 'success' | 'warning' | 'failure' | 'unknown';
  readonly output: string;
  readonly error: string | null;
  readonly step: number | null;
}

/** Upstream's maxProbeRetries: attempts while a probe errors. */
const MAX_PROBE_RETRIES = 3;
/** The exec prober keeps at most 10 KiB of what the command printed. */
const MAX_EXEC_OUTPUT = 10 * 1024;

/** The container's probe of `type`, if it has one. */
export function probeOf(container: Container, type: ProbeType): Probe | undefined {
  if (type === 'liveness') return container.livenessProbe;
  if (type === 'readiness') return container.readinessProbe;
  return container.startupProbe;
}

/**
 * ExpandContainerCommandOnlyStatic: `$(VAR)` references to the container's env vars expand
 * to their literal values (not to what `valueFrom` gives: the probe does not see those).
 */
function expandStatic(cmd: readonly string[], container: Container): string[] {
  const env = new Map((container.env ?? []).map((e) => [e.name, e.value ?? '']));
  const mapping = mappingFor(env);
  return cmd.map((arg) => expand(arg, mapping));
}

function runProbe(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  probe: Probe,
  containerId: string,
  cause: number | null,
  done: (attempt: Attempt) => void,
): void {
  const timeout = probe.timeoutSeconds ?? 1;
  if (probe.exec !== undefined) {
    const cmd = expandStatic(probe.exec.command ?? [], container);
    return execSync(ctx, containerId, cmd, timeout, cause, ({ output, failure, step }) => {
      const kept = output.slice(0, MAX_EXEC_OUTPUT);
      if (failure === null) return done({ result: 'success', output: kept, error: null, step });
      if (failure.kind === 'exit') return done({ result: 'failure', output: kept, error: null, step });
      if (failure.kind === 'timeout')
        return done({ result: 'failure', output: failure.message, error: null, step });
      done({ result: 'unknown', output: '', error: failure.message, step });
    });
  }
  if (probe.httpGet !== undefined || probe.tcpSocket !== undefined || probe.grpc !== undefined) {
    return networkProbe(ctx, record, container, containerId, probe, cause, done);
  }
  const { name, namespace, uid } = record.pod.metadata;
  const error = `missing probe handler for ${name ?? ''}_${namespace ?? ''}(${uid ?? ''}):${container.name}`;
  ctx.kernel.schedule(0, `${ctx.id}: probe`, () =>
    done({ result: 'unknown', output: '', error, step: cause }),
  );
}

/**
 * Probes the container once (with the retries) and reports Success or Failure; `errored`
 * means the probe could not run, and the worker throws the result away.
 */
export function probeContainer(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  type: ProbeType,
  containerId: string,
  cause: number | null,
  done: (result: 'Success' | 'Failure', errored: boolean, step: number | null) => void,
): void {
  const probe = probeOf(container, type);
  if (probe === undefined) return done('Success', false, cause);
  const name = PROBE_TYPE_NAMES[type];
  const attempt = (left: number) =>
    runProbe(ctx, record, container, probe, containerId, cause, (a) => {
      if (a.error !== null && left > 1) return attempt(left - 1);
      const event = (reason: string, message: string) =>
        ctx.recorder.event(record.pod, 'Warning', reason, message, a.step);
      if (a.error !== null) {
        event('Unhealthy', `${name} probe errored and resulted in ${a.result} state: ${a.error}`);
        return done('Failure', true, a.step);
      }
      if (a.result === 'success') return done('Success', false, a.step);
      if (a.result === 'warning') {
        event('ProbeWarning', `${name} probe warning: ${a.output}`);
        return done('Success', false, a.step);
      }
      if (a.result === 'failure') event('Unhealthy', `${name} probe failed: ${a.output}`);
      done('Failure', false, a.step);
    });
  attempt(MAX_PROBE_RETRIES);
}
