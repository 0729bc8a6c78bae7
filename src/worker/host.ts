import type { ClusterOptions } from '../sim/cluster';
import type { Command, HostEvent } from './protocol';

/**
 * The UI's handle on a running simulation. The Web Worker host and the in-process host
 * implement it identically: commands in, events out, always asynchronously.
 */
export interface SimHost {
  /** `worker` when the simulation runs in a Web Worker, `in-process` on the page's thread. */
  readonly kind: 'worker' | 'in-process';
  send(command: Command): void;
  /** Calls `listener` with every event; returns a function that stops it. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Stops the simulation for good. */
  dispose(): void;
}

/** Fans events out to a host's subscribers. */
export class Listeners {
  readonly #set = new Set<(event: HostEvent) => void>();
  add(listener: (event: HostEvent) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  deliver(event: HostEvent): void {
    for (const listener of this.#set) listener(event);
  }
}

/**
 * A Web Worker host where module workers are available; otherwise (or when asked) an
 * in-process host, loaded on demand so the page's initial script stays small.
 */
export async function createHost(options: ClusterOptions, inProcess = false): Promise<SimHost> {
  if (!inProcess && typeof Worker === 'function') {
    try {
      const { createWorkerHost } = await import('./worker-host');
      return createWorkerHost(options);
    } catch {
      // Fall through: some embedding contexts forbid workers.
    }
  }
  const { createInProcessHost } = await import('./in-process-host');
  return createInProcessHost(options);
}
