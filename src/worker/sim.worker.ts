/// <reference lib="webworker" />
/**
 * The Web Worker entry: hosts one SimulationRunner and speaks the protocol over postMessage.
 */
import type { HostEvent } from './protocol';
import { SimulationRunner } from './runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const runner = new SimulationRunner({
  now: () => performance.now(),
  requestFrame: (callback) =>
    typeof scope.requestAnimationFrame === 'function'
      ? scope.requestAnimationFrame(() => callback())
      : setTimeout(callback, 16),
  emit: (event: HostEvent) => scope.postMessage(event),
});

scope.addEventListener('message', (event: MessageEvent<unknown>) => runner.handle(event.data));
