/**
 * The runtime handlers the node's containerd is configured with (kind's containerd config
 * has `runc`, its default, and `test-handler`, which Kubernetes' own e2e tests use). A
 * RuntimeClass names one of these; a sandbox asked for with any other handler fails the way
 * containerd's CRI plugin fails it.
 */

/** The configured handlers; '' is the default runtime (runc). */
export const RUNTIME_HANDLERS: readonly string[] = ['', 'runc', 'test-handler'];

/** A CRI call that failed, with the gRPC status text the kubelet puts in its event. */
export class CriError extends Error {
  constructor(
    message: string,
    /** The trace step of the failed call. */
    readonly step: number,
  ) {
    super(message);
  }
}

/** Why a sandbox cannot be run with `handler`, or null when the handler is configured. */
export function unknownHandler(handler: string | undefined): string | null {
  const name = handler ?? '';
  return RUNTIME_HANDLERS.includes(name)
    ? null
    : `rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "${name}" is configured`;
}
