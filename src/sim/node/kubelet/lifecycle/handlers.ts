/**
 * The lifecycle hook runner (upstream's lifecycle/handlers.go): runs a container's postStart
 * or preStop handler. `exec` runs the command in the container through the runtime and fails
 * if it exits with a code other than 0; `sleep` (PodLifecycleSleepAction, on by default in
 * v1.32) waits its seconds on the virtual clock; `httpGet` fails only if the request cannot
 * be made (see http-hook.ts); a `tcpSocket` handler cannot run. A failure comes back with
 * upstream's message, which the container's waiting state shows (events only say
 * `PostStartHook failed`).
 */
import type { Container, LifecycleHandler } from 'kubernetes-types/core/v1';
import { goQuote } from '../../../apiserver/validation/gofmt';
import type { KubeletContext, PodRecord } from '../context';
import { execSync } from '../exec-sync';
import { formatPod } from '../format';
import { httpHook } from './http-hook';

/** How a hook ended: `message` is null when it succeeded. */
export interface HookResult {
  readonly message: string | null;
  readonly step: number | null;
}

/** Runs `handler` for container `containerId`; `done` is called once, when it ends. */
export function runHandler(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  containerId: string,
  handler: LifecycleHandler,
  cause: number | null,
  done: (result: HookResult) => void,
): void {
  const who = `Container ${goQuote(container.name)} in Pod ${goQuote(formatPod(record.pod))}`;
  if (handler.exec !== undefined) {
    const cmd = handler.exec.command ?? [];
    return execSync(ctx, containerId, cmd, 0, cause, ({ output, failure, step }) => {
      if (failure === null) return done({ message: null, step });
      const message = `Exec lifecycle hook ([${cmd.join(' ')}]) for ${who} failed - error: ${failure.message}, message: ${goQuote(output)}`;
      done({ message, step });
    });
  }
  if (handler.httpGet !== undefined) {
    const path = handler.httpGet.path ?? '';
    return httpHook(ctx, record, container, containerId, handler.httpGet, cause, (error, step) =>
      done({
        message: error === null ? null : `HTTP lifecycle hook (${path}) for ${who} failed - error: ${error}`,
        step,
      }),
    );
  }
  if (handler.sleep !== undefined) {
    const seconds = handler.sleep.seconds;
    ctx.kernel.schedule(seconds * 1000, `${ctx.id}: ${container.name} sleep hook ends`, () =>
      done({ message: null, step: cause }),
    );
    return;
  }
  // A tcpSocket handler passes validation (kept for compatibility) but cannot run.
  const port = handler.tcpSocket?.port;
  const intOrString = typeof port === 'number' ? `{0 ${port} }` : `{1 0 ${port ?? ''}}`;
  const tcp =
    handler.tcpSocket === undefined
      ? 'nil'
      : `&TCPSocketAction{Port:${intOrString},Host:${handler.tcpSocket.host ?? ''},}`;
  const message = `Cannot run handler: invalid handler: &LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:${tcp},Sleep:nil,}`;
  ctx.kernel.schedule(0, `${ctx.id}: hook`, () => done({ message, step: cause }));
}
