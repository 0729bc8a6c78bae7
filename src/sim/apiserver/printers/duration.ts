/** Durations and ages as kube-apiserver prints them (k8s.io/apimachinery/pkg/util/duration). */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's time.Time zero value, as it reads when serialized: `0001-01-01T00:00:00Z`. */
const GO_ZERO_TIME = -62_135_596_800_000;

/**
 * A succinct duration with about two significant figures, exactly like Kubernetes'
 * `duration.HumanDuration`: `59s`, `119s`, `2m`, `5m10s`, `179m`, `3h30m`, `47h`, `3d4h`,
 * `729d`, `2y10d`, `8y`. Slightly negative values (clock skew under 2 s) read `0s`;
 * anything earlier reads `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * Parses a metav1.Time / MicroTime string to epoch ms. Missing, unparsable and Go's zero
 * time all give undefined (the printers' "zero" timestamp).
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME) return undefined;
  return ms;
}

/** Time elapsed from `timestamp` to `now`, or `<unknown>` for a zero timestamp. */
export function since(timestamp: unknown, now: number): string {
  const ms = parseTime(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** RFC 3339 in UTC with whole seconds, as Go's time.RFC3339 prints it (zero time included). */
export function rfc3339(timestamp: unknown): string {
  const ms = parseTime(timestamp) ?? GO_ZERO_TIME;
  return new Date(ms - (((ms % SECOND) + SECOND) % SECOND)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
