/**
 * Key helpers: the `/registry/...` layout kube-apiserver uses, etcd's byte ordering of keys,
 * and a sorted key index with binary search for prefix ranges.
 */

/**
 * Builds the etcd key kube-apiserver stores an object under:
 * `/registry/<prefix>/<namespace>/<name>`, or `/registry/<prefix>/<name>` for a cluster-scoped
 * object (`namespace` null). Without `name` it returns the prefix to range or watch over,
 * ending in '/': `/registry/pods/default/` (one namespace) or `/registry/pods/` (all).
 *
 * `prefix` is the resource's storage prefix, e.g. `pods`, `deployments` or
 * `apiregistration.k8s.io/apiservices`; it may contain '/' but not start or end with one.
 */
export function registryKey(prefix: string, namespace: string | null, name?: string): string {
  if (prefix === '' || prefix.startsWith('/') || prefix.endsWith('/')) {
    throw new RangeError(
      `registry prefix must be non-empty without leading or trailing '/', got '${prefix}'`,
    );
  }
  if (namespace !== null && (namespace === '' || namespace.includes('/'))) {
    throw new RangeError(`namespace must be null or a non-empty name without '/', got '${namespace}'`);
  }
  if (name !== undefined && name.includes('/')) {
    throw new RangeError(`object name must not contain '/', got '${name}'`);
  }
  const base = namespace === null ? `/registry/${prefix}/` : `/registry/${prefix}/${namespace}/`;
  return name === undefined ? base : base + name;
}

/**
 * Maps a UTF-16 code unit so that comparing mapped units orders strings by code point, which
 * is the order of their UTF-8 bytes: surrogates (astral characters) move above U+E000-U+FFFF.
 */
function byteRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/**
 * Compares keys the way etcd does, by their UTF-8 bytes. Negative if `a` sorts first, 0 if
 * equal, positive otherwise. Unlike `<` on JS strings, astral characters sort after U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return byteRank(x) - byteRank(y);
  }
  return a.length - b.length;
}

/**
 * A set of keys kept in {@link compareKeys} order in a plain array. Lookups are binary
 * searches; inserts and removals move the tail of the array (a fast memmove), which is fine
 * for the tens of thousands of keys a simulated cluster holds.
 */
export class SortedKeys {
  #keys: string[];

  /** @param keys initial keys, in any order and possibly repeated. */
  constructor(keys: Iterable<string> = []) {
    this.#keys = [...new Set(keys)].sort(compareKeys);
  }

  get size(): number {
    return this.#keys.length;
  }

  /** The key at position `index` (0-based). */
  at(index: number): string | undefined {
    return this.#keys[index];
  }

  has(key: string): boolean {
    const i = this.lowerBound(key);
    return this.#keys[i] === key;
  }

  /** Position of the first key >= `key`. */
  lowerBound(key: string): number {
    return this.#partition((k) => compareKeys(k, key) >= 0, 0);
  }

  /** Position of the first key > `key`. */
  upperBound(key: string): number {
    return this.#partition((k) => compareKeys(k, key) > 0, 0);
  }

  /**
   * Position just past the keys starting with `prefix`, searching from `from` (which must be
   * at or before the first such key). Keys sharing a prefix are contiguous in byte order.
   */
  prefixEnd(prefix: string, from: number): number {
    return this.#partition((k) => !k.startsWith(prefix) && compareKeys(k, prefix) > 0, from);
  }

  /** Adds `key`; returns false if it was already present. */
  insert(key: string): boolean {
    const i = this.lowerBound(key);
    if (this.#keys[i] === key) return false;
    this.#keys.splice(i, 0, key);
    return true;
  }

  /** Removes `key`; returns false if it was absent. */
  remove(key: string): boolean {
    const i = this.lowerBound(key);
    if (this.#keys[i] !== key) return false;
    this.#keys.splice(i, 1);
    return true;
  }

  /** Removes every key in `keys` in one pass. */
  removeAll(keys: ReadonlySet<string>): void {
    if (keys.size > 0) this.#keys = this.#keys.filter((k) => !keys.has(k));
  }

  /** The keys in order (a copy). */
  toArray(): string[] {
    return [...this.#keys];
  }

  /** First position at or after `from` whose key satisfies `pred`; `pred` must be monotone. */
  #partition(pred: (key: string) => boolean, from: number): number {
    let lo = from;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.#keys[mid] as string)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
