import type { ClusterOptions } from '../sim/cluster';
import type { Command, HostEvent } from './protocol';
import { SimulationRunner, type RunnerEnv } from './runner';

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

class Listeners {
  readonly #set = new Set<(event: HostEvent) => void>();
  add(listener: (event: HostEvent) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  deliver(event: HostEvent): void {
    for (const listener of this.#set) listener(event);
  }
}

/** Runs the simulation in a Web Worker, off the page's main thread. */
export function createWorkerHost(options: ClusterOptions): SimHost {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kubelab-simulation',
  });
  const listeners = new Listeners();
  worker.addEventListener('message', (event: MessageEvent<HostEvent>) => listeners.deliver(event.data));
  worker.addEventListener('error', (event) =>
    listeners.deliver({ type: 'error', message: `simulation worker failed: ${event.message}` }),
  );
  const host: SimHost = {
    kind: 'worker',
    send: (command) => worker.postMessage(command),
    subscribe: (listener) => listeners.add(listener),
    dispose: () => worker.terminate(),
  };
  host.send({ type: 'reset', options });
  return host;
}

/** The default frame scheduler: the browser's animation frame, or ~60 Hz where there is none. */
function defaultEnv(): Omit<RunnerEnv, 'emit'> {
  return {
    now: () => performance.now(),
    requestFrame: (callback) =>
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(() => callback())
        : setTimeout(callback, 16),
  };
}

/**
 * Runs the simulation on the calling thread, for tests and for browsers without module
 * workers. Events are delivered asynchronously, as a worker's would be.
 */
export function createInProcessHost(
  options: ClusterOptions,
  env: Omit<RunnerEnv, 'emit'> = defaultEnv(),
): SimHost {
  const listeners = new Listeners();
  let disposed = false;
  const runner = new SimulationRunner({
    ...env,
    emit: (event) => queueMicrotask(() => !disposed && listeners.deliver(event)),
  });
  const host: SimHost = {
    kind: 'in-process',
    send: (command) => {
      const copy: unknown = structuredClone(command);
      queueMicrotask(() => !disposed && runner.handle(copy));
    },
    subscribe: (listener) => listeners.add(listener),
    dispose: () => {
      disposed = true;
      runner.handle({ type: 'pause' });
    },
  };
  host.send({ type: 'reset', options });
  return host;
}

/** A worker host where module workers are available, otherwise an in-process one. */
export function createHost(options: ClusterOptions): SimHost {
  if (typeof Worker === 'function') {
    try {
      return createWorkerHost(options);
    } catch {
      // Fall through: some embedding contexts forbid workers.
    }
  }
  return createInProcessHost(options);
}
