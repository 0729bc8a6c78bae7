/**
 * What the kubelet knows of its container runtime (upstream's runtimeState, updateRuntimeUp
 * and updatePodCIDR): every 5 s, and whenever node status wants to know, it asks the runtime
 * for its Status; a runtime whose network is not ready (no CNI configuration loaded yet)
 * makes the node's Ready condition False with `container runtime network not ready: ...`,
 * and keeps every pod but host-network ones from starting (`NetworkNotReady`). Status is
 * polled, so only a change of its answer is a trace step.
 *
 * The node's pod CIDR reaches the runtime through here: the kubelet's `--pod-cidr` at start
 * (a range assigned by hand), else `spec.podCIDR` once node-ipam has written it on the Node,
 * passed on with the CRI call UpdateRuntimeConfig.
 */
import type { Kernel } from '../../kernel/kernel';
import { formatRuntimeCondition } from '../cri/network-config';
import type { ContainerRuntime } from '../cri/runtime';

/** How often updateRuntimeUp runs. */
export const RUNTIME_UP_PERIOD_MS = 5_000;

/** The kubelet's runtime state: the network error Status last reported, and the pod CIDR it passed on. */
export class RuntimeState {
  #networkError: string | null = null;
  #podCIDR = '';
  #answer: string | null = null;

  constructor(
    private readonly kernel: Kernel,
    /** `<node>/kubelet` */
    private readonly id: string,
    private readonly runtime: ContainerRuntime,
  ) {}

  /** The error that keeps the runtime's network from being ready, or null when it is ready. */
  get networkError(): string | null {
    return this.#networkError;
  }

  /** The pod CIDR the runtime was given ('' before it has one). */
  get podCIDR(): string {
    return this.#podCIDR;
  }

  /** What keeps the node from being Ready (the Ready condition's message when any). */
  errors(): string[] {
    return this.#networkError === null ? [] : [this.#networkError];
  }

  /** updateRuntimeUp: asks the runtime for its Status. */
  update(cause: number | null): void {
    const conditions = this.runtime.status().conditions;
    const network = conditions.find((c) => c.type === 'NetworkReady');
    this.#networkError =
      network === undefined || network.status
        ? null
        : `container runtime network not ready: ${formatRuntimeCondition(network)}`;
    const answer = conditions.map((c) => `${c.type}=${String(c.status)}`).join(', ');
    if (answer === this.#answer) return;
    this.#answer = answer;
    this.kernel.trace.emit({
      from: this.id,
      to: this.runtime.id,
      kind: 'runtime',
      summary: `Status: ${answer}${this.#networkError === null ? '' : ` (${network?.reason ?? ''}: ${network?.message ?? ''})`}`,
      detail: { conditions: conditions.map((c) => ({ ...c })) },
      causedBy: cause,
    });
  }

  /** updatePodCIDR: hands a new pod CIDR to the runtime; returns whether it changed. */
  updatePodCIDR(cidr: string, cause: number | null): boolean {
    if (cidr === '' || cidr === this.#podCIDR) return false;
    this.runtime.updateRuntimeConfig(cidr, cause);
    this.#podCIDR = cidr;
    return true;
  }

  /** Runs updateRuntimeUp every 5 s from now on. */
  start(): void {
    const tick = () => {
      this.update(null);
      this.kernel.schedule(RUNTIME_UP_PERIOD_MS, `${this.id}: runtime status`, tick);
    };
    this.kernel.schedule(RUNTIME_UP_PERIOD_MS, `${this.id}: runtime status`, tick);
  }
}
