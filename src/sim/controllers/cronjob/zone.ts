/**
 * Wall-clock time in an IANA time zone, for cron schedules with `spec.timeZone` (or `TZ=`):
 * converts instants to local "wall" times (local fields stored as if UTC) and back, with the
 * zone data of the JavaScript runtime (as Go uses the host's zoneinfo).
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset at instant `t` (ms; local = t + offset). */
export function offsetAt(zone: string, t: number): number {
  if (zone === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const p of format(zone).formatToParts(new Date(t))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/** The local wall time of instant `t`. */
export function toWall(zone: string, t: number): number {
  return t + offsetAt(zone, t);
}

/** The instant of local wall time `w` (the later offset wins in a gap or overlap). */
export function fromWall(zone: string, w: number): number {
  const first = w - offsetAt(zone, w);
  return w - offsetAt(zone, first);
}

/** Go's time.Format(time.RFC3339) of instant `t` in `zone`: `2025-01-01T09:00:00+09:00`. */
export function rfc3339(zone: string, t: number): string {
  const offset = offsetAt(zone, t);
  const local = new Date(t + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Go's time.RFC1123Z in UTC, as MissSchedule prints: `Wed, 01 Jan 2025 00:05:00 +0000`. */
export function rfc1123z(t: number): string {
  return new Date(t).toUTCString().replace('GMT', '+0000');
}
