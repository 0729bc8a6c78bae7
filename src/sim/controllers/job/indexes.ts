/**
 * Completion indexes of Indexed Jobs (indexed_job_utils.go): the `completedIndexes` interval
 * notation (`0-2,5`), and the lowest indexes still needing a pod.
 */

/** Parses `1,3-5` into a sorted set of indexes below `completions`. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const set = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
    for (let i = lo; i <= hi && i < completions; i++) set.add(i);
  }
  return set;
}

/** Formats indexes as intervals: `0-2,5`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const i of [...sorted, Number.NaN]) {
    if (start !== undefined && prev !== undefined && i === prev + 1) {
      prev = i;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      parts.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = i;
    prev = i;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor active. */
export function firstPendingIndexes(
  succeeded: ReadonlySet<number>,
  active: ReadonlySet<number>,
  count: number,
  completions: number,
): number[] {
  const pending: number[] = [];
  for (let i = 0; i < completions && pending.length < count; i++)
    if (!succeeded.has(i) && !active.has(i)) pending.push(i);
  return pending;
}
