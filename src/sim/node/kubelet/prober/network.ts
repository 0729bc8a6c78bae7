/**
 * The network probes (upstream's pkg/probe/http, tcp and grpc): an httpGet probe succeeds on
 * a status from 200 to 399 (a redirect to another host is a success with a warning), fails
 * with "HTTP probe failed with statuscode: <code>" from 400 on, and fails with Go's error when
 * nothing listens; a tcpSocket probe succeeds when the port accepts the connection. A grpc
 * probe needs the server to implement the gRPC health protocol, which none of the simulated
 * images does: a listening port fails as a server without grpc.health.v1.Health does, and a
 * closed one fails after the probe's timeout, as the gRPC dial does.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { KubeletContext, PodRecord } from '../context';
import { httpGet, podAddress, resolvePort, tcpConnect } from '../http-get';
import type { Attempt } from './probe';

/** The http prober reads at most 10 KiB of a response body. */
const MAX_BODY = 10 * 1024;

function attemptNow(ctx: KubeletContext, attempt: Attempt, done: (attempt: Attempt) => void): void {
  ctx.kernel.schedule(0, `${ctx.id}: probe answered`, () => done(attempt));
}

/** Runs an httpGet, tcpSocket or grpc probe against the pod. */
export function networkProbe(
  ctx: KubeletContext,
  record: PodRecord,
  container: Container,
  containerId: string,
  probe: Probe,
  cause: number | null,
  done: (attempt: Attempt) => void,
): void {
  const action = probe.httpGet ?? probe.tcpSocket;
  if (action !== undefined) {
    const port = resolvePort(action.port, container);
    if (typeof port === 'string')
      return attemptNow(ctx, { result: 'unknown', output: '', error: port, step: cause }, done);
    if (probe.httpGet !== undefined) {
      const got = httpGet(ctx, record, container, containerId, probe.httpGet, port, 'probe', cause);
      const { error, response, step } = got;
      if (error !== null || response === null)
        return attemptNow(ctx, { result: 'failure', output: error ?? '', error: null, step }, done);
      const body = response.body.slice(0, MAX_BODY);
      const status = response.status;
      const attempt: Attempt =
        status >= 200 && status < 300
          ? { result: 'success', output: body, error: null, step }
          : status >= 300 && status < 400
            ? {
                result: 'warning',
                output: `Probe terminated redirects, Response body: ${body}`,
                error: null,
                step,
              }
            : {
                result: 'failure',
                output: `HTTP probe failed with statuscode: ${status}`,
                error: null,
                step,
              };
      return attemptNow(ctx, attempt, done);
    }
    const host = probe.tcpSocket?.host ?? podAddress(ctx, record);
    const { error, step } = tcpConnect(ctx, record, containerId, host, port, cause);
    return attemptNow(
      ctx,
      { result: error === null ? 'success' : 'failure', output: error ?? '', error: null, step },
      done,
    );
  }
  const grpcPort = probe.grpc?.port ?? 0;
  const host = podAddress(ctx, record);
  const { error, step } = tcpConnect(ctx, record, containerId, host, grpcPort, cause);
  if (error === null) {
    const output =
      'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health';
    return attemptNow(ctx, { result: 'failure', output, error: null, step }, done);
  }
  const timeout = probe.timeoutSeconds ?? 1;
  const output = `timeout: failed to connect service "${host}:${grpcPort}" within ${timeout}s: context deadline exceeded`;
  ctx.kernel.schedule(timeout * 1000, `${ctx.id}: grpc probe timed out`, () =>
    done({ result: 'failure', output, error: null, step }),
  );
}
