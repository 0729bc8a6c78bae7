/**
 * Trace steps on the edge between a node's kubelet and its container runtime, and below it,
 * between the runtime and the OCI runtime (`<node>/runc`, or `<node>/crun` under CRI-O) that
 * makes the containers' processes.
 */
import type { Kernel } from '../../kernel/kernel';
import type { Json } from '../../kernel/trace';
import type { RuntimeFlavour } from './flavour';

export class RuntimeTracer {
  /** `<node>/kubelet` */
  readonly kubelet: string;
  /** `<node>/container-runtime` */
  readonly runtime: string;
  /** `<node>/runc` or `<node>/crun` */
  readonly oci: string;

  constructor(
    private readonly kernel: Kernel,
    nodeName: string,
    /** The runtime this tracer speaks for. */
    readonly flavour: RuntimeFlavour,
  ) {
    this.kubelet = `${nodeName}/kubelet`;
    this.runtime = `${nodeName}/container-runtime`;
    this.oci = `${nodeName}/${flavour.oci}`;
  }

  /** A call from the kubelet into the runtime; returns the step id. */
  call(summary: string, detail: Json, causedBy: number | null): number {
    return this.kernel.trace.emit({
      from: this.kubelet,
      to: this.runtime,
      kind: 'runtime',
      summary,
      detail,
      causedBy,
    }).id;
  }

  /** Something the runtime reports back to the kubelet (a finished pull, an event). */
  reply(summary: string, detail: Json, causedBy: number | null): number {
    return this.kernel.trace.emit({
      from: this.runtime,
      to: this.kubelet,
      kind: 'runtime',
      summary,
      detail,
      causedBy,
    }).id;
  }

  /** The runtime asks runc to act on a container (OCI create, start); returns the step id. */
  runc(summary: string, detail: Json, causedBy: number | null): number {
    return this.kernel.trace.emit({
      from: this.runtime,
      to: this.oci,
      kind: 'runtime',
      summary,
      detail,
      causedBy,
    }).id;
  }
}
