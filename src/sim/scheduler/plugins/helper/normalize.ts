/**
 * Upstream's helper.DefaultNormalizeScore: scales scores so the highest becomes
 * `maxPriority`, optionally reversed (`maxPriority - score`), in integer arithmetic.
 */
import type { NodeScore } from '../../framework/interface';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
