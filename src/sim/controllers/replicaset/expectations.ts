/**
 * Upstream's UIDTrackingControllerExpectations (pkg/controller/controller_utils.go): what a
 * controller expects to see after it creates or deletes pods. A ReplicaSet that issued creates
 * or deletes is not acted on again until the informer has observed them all (or five minutes
 * have passed), so it never counts the same missing pod twice. Deletions are tracked by pod
 * key, so that a graceful delete (deletionTimestamp set) and the final removal count once.
 */

/** How long expectations are honoured before the controller acts anyway (ms). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  /** When the expectation was set (virtual ms). */
  readonly at: number;
}

export class Expectations {
  readonly #expectations = new Map<string, Expectation>();
  readonly #deleteKeys = new Map<string, Set<string>>();

  /** @param now the virtual clock. */
  constructor(private readonly now: () => number) {}

  /** The adds and deletes still expected for `key`, if any were set. */
  get(key: string): { add: number; del: number } | undefined {
    const e = this.#expectations.get(key);
    return e === undefined ? undefined : { add: e.add, del: e.del };
  }

  /**
   * Whether the controller may act on `key`: it set no expectations, they are fulfilled,
   * or they have expired.
   */
  satisfied(key: string): boolean {
    const e = this.#expectations.get(key);
    if (e === undefined) return true;
    return (e.add <= 0 && e.del <= 0) || this.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Expects `adds` pod creations (replacing earlier expectations). */
  expectCreations(key: string, adds: number): void {
    this.#expectations.set(key, { add: adds, del: 0, at: this.now() });
  }

  /** Expects the deletion of the pods with these `namespace/name` keys. */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    const keys = new Set(podKeys);
    this.#deleteKeys.set(key, keys);
    this.#expectations.set(key, { add: 0, del: keys.size, at: this.now() });
  }

  /** One expected creation was observed (or will never happen). */
  creationObserved(key: string): void {
    const e = this.#expectations.get(key);
    if (e !== undefined) e.add--;
  }

  /** The pod `podKey` was seen deleted; counts only if its deletion was expected. */
  deletionObserved(key: string, podKey: string): void {
    const keys = this.#deleteKeys.get(key);
    if (keys === undefined || !keys.has(podKey)) return;
    keys.delete(podKey);
    const e = this.#expectations.get(key);
    if (e !== undefined) e.del--;
  }

  /** Forgets everything about `key` (its controller was deleted). */
  delete(key: string): void {
    this.#expectations.delete(key);
    this.#deleteKeys.delete(key);
  }
}
