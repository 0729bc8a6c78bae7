/**
 * An httpGet lifecycle hook (upstream's runHTTPHandler): a GET from the kubelet to the pod,
 * as `kube-lifecycle/1.32`. Only a request that cannot be made fails the hook; what the
 * server answers, whatever its status, does not.
 */
import type { Container, HTTPGetAction } from 'kubernetes-types/core/v1';
import type { KubeletContext, PodRecord } from '../context';
import { httpGet, resolvePort } from '../http-get';

/** Runs the hook's GET; `done` gets Go's error text (or null) and the trace step. */
export function httpHook(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  containerId: string,
  action: HTTPGetAction,
  cause: number | null,
  done: (error: string | null, step: number | null) => void,
): void {
  const port = resolvePort(action.port, container);
  const answer =
    typeof port === 'string'
      ? { error: port, step: cause }
      : httpGet(ctx, record, container, containerId, action, port, 'lifecycle', cause);
  ctx.kernel.schedule(0, `${ctx.id}: ${container.name} http hook answered`, () =>
    done(answer.error, answer.step),
  );
}
