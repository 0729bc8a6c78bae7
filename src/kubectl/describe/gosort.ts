/**
 * Go's sort.Sort and sort.Slice (pattern-defeating quicksort) as built into kubectl v1.32
 * (Go 1.23). They are not stable: elements that compare equal (events with the same
 * timestamp, tolerations with the same key) end up in the order this exact algorithm
 * leaves them, which is the order kubectl prints. Reproducing it, down to the xorshift
 * shifts (13, 17, 5) that scatter elements after an unbalanced partition, is what makes
 * such lists match kubectl line for line.
 */

type Less<T> = (a: T, b: T) => boolean;

interface Data<T> {
  readonly items: T[];
  readonly less: Less<T>;
}

const lt = <T>(d: Data<T>, i: number, j: number): boolean => d.less(d.items[i] as T, d.items[j] as T);

function swap<T>(d: Data<T>, i: number, j: number): void {
  const t = d.items[i] as T;
  d.items[i] = d.items[j] as T;
  d.items[j] = t;
}

/** bits.Len: the number of bits needed to represent n. */
const bitLength = (n: number): number => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

/** Sorts `items` in place exactly as Go's sort.Sort / sort.Slice would, and returns it. */
export function goSort<T>(items: T[], less: Less<T>): T[] {
  if (items.length > 1) pdqsort({ items, less }, 0, items.length, bitLength(items.length));
  return items;
}

function insertionSort<T>(d: Data<T>, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && lt(d, j, j - 1); j--) swap(d, j, j - 1);
}

function siftDown<T>(d: Data<T>, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && lt(d, first + child, first + child + 1)) child++;
    if (!lt(d, first + root, first + child)) return;
    swap(d, first + root, first + child);
    root = child;
  }
}

function heapSort<T>(d: Data<T>, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    swap(d, a, a + i);
    siftDown(d, 0, i, a);
  }
}

/** choosePivot's guess at how the range is ordered. */
const Hint = { Unknown: 0, Increasing: 1, Decreasing: 2 } as const;
type Hint = (typeof Hint)[keyof typeof Hint];

function pdqsort<T>(d: Data<T>, a: number, b: number, limit: number): void {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) return insertionSort(d, a, b);
    if (limit === 0) return heapSort(d, a, b);
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(d, a, b)) return;
    if (a > 0 && !lt(d, a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition<T>(d: Data<T>, a: number, b: number, pivot: number): [number, boolean] {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && lt(d, i, a)) i++;
  while (i <= j && !lt(d, j, a)) j--;
  if (i > j) {
    swap(d, j, a);
    return [j, true];
  }
  swap(d, i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && lt(d, i, a)) i++;
    while (i <= j && !lt(d, j, a)) j--;
    if (i > j) break;
    swap(d, i, j);
    i++;
    j--;
  }
  swap(d, j, a);
  return [j, false];
}

function partitionEqual<T>(d: Data<T>, a: number, b: number, pivot: number): number {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !lt(d, a, i)) i++;
    while (i <= j && lt(d, a, j)) j--;
    if (i > j) return i;
    swap(d, i, j);
    i++;
    j--;
  }
}

function partialInsertionSort<T>(d: Data<T>, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !lt(d, i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(d, i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!lt(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!lt(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns<T>(d: Data<T>, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length);
  const modulus = 2 ** bitLength(length);
  const start = a + Math.trunc(length / 4) * 2 - 1;
  for (let idx = start; idx <= start + 2; idx++) {
    random ^= (random << 13n) & MASK64;
    random ^= random >> 17n;
    random ^= (random << 5n) & MASK64;
    let other = Number(random & BigInt(modulus - 1));
    if (other >= length) other -= length;
    swap(d, idx, a + other);
  }
}

function choosePivot<T>(d: Data<T>, a: number, b: number): [number, Hint] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4);
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= 50) {
      i = median(d, i - 1, i, i + 1, swaps);
      j = median(d, j - 1, j, j + 1, swaps);
      k = median(d, k - 1, k, k + 1, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, Hint.Increasing];
  if (swaps.n === 12) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function order2<T>(d: Data<T>, a: number, b: number, swaps: { n: number }): [number, number] {
  if (lt(d, b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median<T>(d: Data<T>, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(d, a, b, swaps);
  b = order2(d, b, c, swaps)[0];
  return order2(d, a, b, swaps)[1];
}

function reverseRange<T>(d: Data<T>, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) swap(d, i, j);
}
