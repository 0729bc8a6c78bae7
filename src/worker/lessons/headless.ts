/**
 * A simulation host with no page: the real runner, driven by real time on the calling
 * thread, with kubectl lines run through the protocol as the page's terminal runs them.
 * `npm run lessons:check` and the lesson tests take lessons through it.
 */
import type { HostEvent } from '../protocol';
import { SimulationRunner } from '../runner';
import type { LessonHost } from './driver';

/** A headless host: a {@link LessonHost}, the virtual time now, and a way to stop it. */
export interface HeadlessHost extends LessonHost {
  /** The virtual time (ms) of the last batch. */
  readonly time: number;
  /** Resolves once the clock has run `ms` more virtual ms (the clock must be playing). */
  elapse(ms: number): Promise<void>;
  dispose(): void;
}

/** Starts a headless host (send it a `reset` first, as every host needs). */
export function createHeadlessHost(): HeadlessHost {
  const listeners = new Set<(event: HostEvent) => void>();
  let frames: (() => void)[] = [];
  let disposed = false;
  let time = 0;
  let nextId = 1;
  const runner = new SimulationRunner({
    now: () => performance.now(),
    requestFrame: (callback) => {
      frames.push(callback);
      if (frames.length === 1) setTimeout(pump, 0);
    },
    emit: (event) => {
      if (event.type === 'batch' || event.type === 'rewound' || event.type === 'init')
        time = event.clock.time;
      for (const listener of [...listeners]) listener(event);
    },
  });
  function pump(): void {
    if (disposed) return;
    const due = frames;
    frames = [];
    for (const callback of due) callback();
  }
  const host: HeadlessHost = {
    get time() {
      return time;
    },
    send: (command) => runner.handle(structuredClone(command)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    kubectl(line, stdin) {
      const id = nextId++;
      let output = '';
      return new Promise((resolve) => {
        const stop = host.subscribe((event) => {
          if (event.type === 'output' && event.id === id) output += event.text;
          if (event.type === 'exit' && event.id === id) {
            stop();
            resolve({ code: event.code, output });
          }
        });
        host.send(stdin === undefined ? { type: 'exec', id, line } : { type: 'exec', id, line, stdin });
      });
    },
    elapse(ms) {
      const until = time + ms;
      return new Promise((resolve) => {
        const stop = host.subscribe((event) => {
          if (event.type === 'batch' && event.clock.time >= until) {
            stop();
            resolve();
          }
        });
      });
    },
    dispose() {
      disposed = true;
      runner.handle({ type: 'pause' });
      listeners.clear();
    },
  };
  return host;
}
