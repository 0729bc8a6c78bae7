/**
 * The termination order of a pod with sidecars (upstream's kuberuntime_termination_order.go):
 * every sidecar (restartable init container) waits until all the pod's main containers have
 * stopped, and each sidecar also waits for the sidecars declared after it, so sidecars stop
 * in the reverse of their start order, after the containers they serve. Containers that are
 * not running count as stopped already. Nobody waits longer than its grace period.
 */
import type { Kernel } from '../../../kernel/kernel';
import { containersOf, initContainersOf, type PodObject } from '../context';

/** Who waits for whom while one pod's containers are being killed. */
export class TerminationOrdering {
  /** Names not yet stopped, and for each container the names it waits for. */
  readonly #running: Set<string>;
  readonly #prereqs = new Map<string, string[]>();
  readonly #waiters: (() => void)[] = [];

  constructor(
    private readonly kernel: Kernel,
    pod: PodObject,
    runningNames: readonly string[],
  ) {
    this.#running = new Set(runningNames);
    const mains = containersOf(pod).map((c) => c.name);
    let later: string | null = null;
    for (const c of [...initContainersOf(pod)].reverse()) {
      if (c.restartPolicy !== 'Always') continue;
      this.#prereqs.set(c.name, later === null ? mains : [...mains, later]);
      later = c.name;
    }
  }

  /**
   * waitForTurn: calls `done` with the whole seconds waited once every container `name`
   * waits for has stopped, or once `gracePeriodSeconds` have passed; at once without a grace
   * period.
   */
  waitForTurn(name: string, gracePeriodSeconds: number, done: (waitedSeconds: number) => void): void {
    const start = this.kernel.clock.now();
    const prereqs = this.#prereqs.get(name) ?? [];
    const ready = () => prereqs.every((p) => !this.#running.has(p));
    if (gracePeriodSeconds <= 0 || ready()) return done(0);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.kernel.cancel(timer);
      done(Math.floor((this.kernel.clock.now() - start) / 1000));
    };
    const timer = this.kernel.schedule(gracePeriodSeconds * 1000, `${name}: grace period over`, finish);
    this.#waiters.push(() => {
      if (ready()) finish();
    });
  }

  /** containerTerminated: `name` has stopped; whoever waited only for it goes on. */
  containerTerminated(name: string): void {
    if (!this.#running.delete(name)) return;
    for (const waiter of [...this.#waiters]) waiter();
  }
}
