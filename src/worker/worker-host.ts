import type { ClusterOptions } from '../sim/cluster';
import { Listeners, type SimHost } from './host';
import type { HostEvent } from './protocol';

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
