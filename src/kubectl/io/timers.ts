/**
 * Timers on a kubectl session's clock: real time over HTTP, the simulation's virtual clock
 * in the page (so `wait --timeout=60s` waits sixty simulated seconds, and a paused
 * simulation pauses it too). Commands that wait use them through CommandContext.sleep.
 */

/** Schedules a callback `ms` from now on the session's clock; returns a function that cancels it. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

/** Timers in real time, for hosts without a simulated clock. */
export const realTimers: SetTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
};

/**
 * Waits `ms` with `setTimer`: resolves true once the time has passed, or false as soon as
 * `signal` aborts (the timer is then cancelled).
 */
export function sleep(setTimer: SetTimer, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const abort = () => {
      cancel();
      resolve(false);
    };
    const cancel = setTimer(() => {
      signal?.removeEventListener('abort', abort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
