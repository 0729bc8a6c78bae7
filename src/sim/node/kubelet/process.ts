/**
 * Whether the kubelet process runs and whether it reaches kube-apiserver: the two switches
 * faults flip (a stopped kubelet, a node cut off the network). A stopped kubelet does
 * nothing (no lease, no status, no pod sync) while its containers keep running; a
 * partitioned one keeps running its pods but nothing it sends reaches the apiserver and no
 * watch event reaches it. Its parts ask {@link running} and {@link connected}; the kubelet
 * listens for changes to stop and restart what talks to the apiserver.
 */
export class KubeletProcess {
  #running = true;
  #reachable = true;
  readonly #listeners: ((cause: number | null) => void)[] = [];

  /** The process runs (pod workers and the event stream act). */
  get running(): boolean {
    return this.#running;
  }

  /** The process runs and reaches the apiserver (lease, status, watches, writes). */
  get connected(): boolean {
    return this.#running && this.#reachable;
  }

  /** Calls `listener` after every change of either switch. */
  onChange(listener: (cause: number | null) => void): void {
    this.#listeners.push(listener);
  }

  setRunning(running: boolean, cause: number | null): void {
    if (this.#running === running) return;
    this.#running = running;
    for (const l of this.#listeners) l(cause);
  }

  setReachable(reachable: boolean, cause: number | null): void {
    if (this.#reachable === reachable) return;
    this.#reachable = reachable;
    for (const l of this.#listeners) l(cause);
  }
}
