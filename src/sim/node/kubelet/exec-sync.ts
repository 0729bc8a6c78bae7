/**
 * The kubelet's RunInContainer (the runtime manager's, over CRI ExecSync): runs a command in
 * a running container to its end and collects what it wrote, within an optional timeout.
 * Exec probes and exec lifecycle hooks use it. The runtime's exec starts the process; the
 * kubelet waits for it here, on the virtual clock. Failures read as the CRI client reports
 * them: an exit code other than 0, a timeout, or an error from the runtime.
 */
import type { KubeletContext } from './context';

/** Why a command did not succeed. */
export type ExecFailure =
  /** The command ran and exited with a code other than 0 (utilexec.CodeExitError). */
  | { readonly kind: 'exit'; readonly exitCode: number; readonly message: string }
  /** It ran past its timeout (the CRI client's ErrCommandTimedOut). */
  | { readonly kind: 'timeout'; readonly message: string }
  /** The runtime could not run it (an rpc error). */
  | { readonly kind: 'error'; readonly message: string };

/** What a command printed (stdout, then stderr, as RunInContainer appends them) and how it ended. */
export interface ExecResult {
  readonly output: string;
  readonly failure: ExecFailure | null;
  /** The trace step of the ExecSync call, to continue the causal chain from. */
  readonly step: number;
}

/**
 * Runs `cmd` in container `containerId`; `timeoutSeconds` 0 waits as long as it takes.
 * `done` is called once, when the command ends or times out.
 */
export function execSync(
  ctx: KubeletContext,
  containerId: string,
  cmd: readonly string[],
  timeoutSeconds: number,
  cause: number | null,
  done: (result: ExecResult) => void,
): void {
  const { kernel, runtime } = ctx;
  const line = cmd.join(' ');
  const exec = runtime.exec(containerId, cmd, false, cause);
  const step = exec.step;
  const process = exec.value;
  if (process === null) {
    const message =
      'rpc error: code = Unknown desc = failed to exec in container: container is in CONTAINER_EXITED state';
    kernel.schedule(0, `${ctx.id}: exec failed`, () =>
      done({ output: '', failure: { kind: 'error', message }, step }),
    );
    return;
  }
  let stdout = '';
  let stderr = '';
  let finished = false;
  const timer =
    timeoutSeconds > 0
      ? kernel.schedule(timeoutSeconds * 1000, `${ctx.id}: exec timed out`, () => {
          if (finished) return;
          finished = true;
          process.kill();
          const message = `command timed out: "${line}" timed out after ${timeoutSeconds}s`;
          done({ output: '', failure: { kind: 'timeout', message }, step });
        })
      : null;
  process.start(
    (stream, data) => {
      if (stream === 'stdout') stdout += data;
      else stderr += data;
    },
    (result) => {
      if (finished) return;
      finished = true;
      if (timer !== null) kernel.cancel(timer);
      const output = stdout + stderr;
      if ('error' in result) {
        const message = `rpc error: code = Unknown desc = ${result.error}`;
        return done({ output: '', failure: { kind: 'error', message }, step });
      }
      if (result.exitCode === 0) return done({ output, failure: null, step });
      const message = `command '${line}' exited with ${result.exitCode}: ${stderr}`;
      done({ output, failure: { kind: 'exit', exitCode: result.exitCode, message }, step });
    },
  );
  // ExecSync gives the command no stdin: it reads end-of-file at once.
  process.closeStdin();
}
