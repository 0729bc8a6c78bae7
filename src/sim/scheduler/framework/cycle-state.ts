/**
 * CycleState (upstream's framework.CycleState): what plugins compute for one pod in one
 * scheduling cycle (usually in PreFilter or PreScore) and read back later in the cycle,
 * plus the plugins the framework skips because they returned Skip.
 */
export class CycleState {
  readonly #data = new Map<string, unknown>();
  /** Filter plugins to skip this cycle (their PreFilter returned Skip). */
  readonly skipFilterPlugins = new Set<string>();
  /** Score plugins to skip this cycle (their PreScore returned Skip). */
  readonly skipScorePlugins = new Set<string>();

  write(key: string, value: unknown): void {
    this.#data.set(key, value);
  }

  /** The value stored under `key`; throws, as upstream returns ErrNotFound, when absent. */
  read<T>(key: string): T {
    if (!this.#data.has(key)) throw new Error(`reading ${JSON.stringify(key)} from cycleState: not found`);
    return this.#data.get(key) as T;
  }

  /** The value stored under `key`, or undefined. */
  tryRead<T>(key: string): T | undefined {
    return this.#data.get(key) as T | undefined;
  }

  /** A copy for a dry run (preemption): the same values, separate sets. */
  clone(): CycleState {
    const copy = new CycleState();
    for (const [k, v] of this.#data) copy.#data.set(k, v);
    for (const p of this.skipFilterPlugins) copy.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) copy.skipScorePlugins.add(p);
    return copy;
  }
}
