import type { ClusterOptions } from '../sim/cluster';
import { Listeners, type SimHost } from './host';
import { SimulationRunner, type RunnerEnv } from './runner';

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
