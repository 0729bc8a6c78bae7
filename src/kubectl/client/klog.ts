/**
 * klog's line format, which kubectl's `-v` diagnostics use:
 * `I1122 05:03:49.868289       1 round_trippers.go:560] GET https://... 200 OK in 1 milliseconds`.
 * The time is the run's clock (virtual in the page); the process id is always 1.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One info-level klog line (with its newline) at epoch ms `now`, from `source` (`file.go:line`). */
export function klogLine(now: number, source: string, message: string): string {
  const d = new Date(now);
  const stamp =
    `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
  return `I${stamp}       1 ${source}] ${message}\n`;
}
