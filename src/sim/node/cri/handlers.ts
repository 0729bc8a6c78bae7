/**
 * Runtime handlers: a RuntimeClass names one of the handlers the node's runtime is configured
 * with (flavour.ts: containerd on kind has `runc` and `test-handler`, which Kubernetes' own
 * e2e tests use; CRI-O has `crun` and `runc`). A sandbox asked for with any other handler
 * fails RunPodSandbox in the runtime's words, and the kubelet reports the CriError.
 */
import type { RuntimeFlavour } from './flavour';

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
export function unknownHandler(flavour: RuntimeFlavour, handler: string | undefined): string | null {
  const name = handler ?? '';
  return flavour.handlers.includes(name) ? null : flavour.unknownHandler(name);
}
