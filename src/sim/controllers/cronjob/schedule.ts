/**
 * Cron schedules as the CronJob controller evaluates them (robfig/cron v3's ParseStandard
 * and SpecSchedule.Next): five fields (minute, hour, day of month, month, day of week) or a
 * descriptor (`@hourly`, `@daily`...), in a time zone. Day of month and day of week are
 * ORed when both are restricted, ANDed when either is `*`. The apiserver has validated the
 * syntax; this only evaluates it, with the parser's tables from apiserver/validation/cron.ts.
 */
import {
  CRON_DESCRIPTORS as DESCRIPTORS,
  CRON_FIELDS,
  DURATION_UNIT_MS as UNIT_MS,
} from '../../apiserver/validation/cron';
import { fromWall, toWall } from './zone';

/** A parsed schedule: the next activation strictly after an instant (wall-clock ms). */
export interface Schedule {
  /** The next activation after `t`, or null when there is none within five years. */
  next(t: number): number | null;
}

interface Field {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

const BOUNDS: readonly [number, number][] = CRON_FIELDS.map((f) => [f.min, f.max]);
/** Month and weekday names, in whichever field they appear. */
const NAMES: Readonly<Record<string, number>> = Object.assign(
  {},
  ...CRON_FIELDS.map((f) => f.names ?? {}),
) as Readonly<Record<string, number>>;

function value(text: string): number {
  return NAMES[text.toLowerCase()] ?? Number(text);
}

function parseField(text: string, [min, max]: [number, number]): Field {
  const values = new Set<number>();
  let star = false;
  for (const expr of text.split(',')) {
    const [range = '', stepText] = expr.split('/');
    const [lowText = '', highText] = range.split('-');
    let [low, high] = [min, max];
    if (lowText === '*' || lowText === '?') star = stepText === undefined || Number(stepText) === 1;
    else {
      low = value(lowText);
      high = highText !== undefined ? value(highText) : stepText !== undefined ? max : low;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values, star };
}

/** Go's time.ParseDuration, in ms. */
function parseDuration(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/([0-9.]+)([a-zµμ]+)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total;
}

/** Parses a schedule (with a `TZ=`/`CRON_TZ=` prefix, or `timeZone`); throws on bad input. */
export function parseSchedule(spec: string, timeZone = 'UTC'): Schedule {
  let rest = spec.trim();
  let zone = timeZone;
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(rest);
  if (tz !== null) {
    zone = tz[1] ?? zone;
    rest = rest.slice(tz[0].length).trim();
  }
  if (rest.startsWith('@every ')) {
    // ConstantDelaySchedule: whole seconds, at least one.
    const delay = Math.max(1000, Math.floor(parseDuration(rest.slice(7)) / 1000) * 1000);
    return { next: (t) => t + delay - (((t % 1000) + 1000) % 1000) };
  }
  const fields = (DESCRIPTORS[rest] ?? rest).split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${rest}]`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, BOUNDS[i] ?? [0, 0])) as [
    Field,
    Field,
    Field,
    Field,
    Field,
  ];
  const dayMatches = (d: Date) => {
    const domMatch = dom.values.has(d.getUTCDate());
    const dowMatch = dow.values.has(d.getUTCDay());
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  };
  return {
    next(t) {
      // The next whole minute after t, as local wall time.
      let w = Math.floor(toWall(zone, t) / 60_000) * 60_000 + 60_000;
      const limit = w + 5 * 366 * 86_400_000;
      while (w <= limit) {
        const d = new Date(w);
        if (!month.values.has(d.getUTCMonth() + 1)) {
          w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        } else if (!dayMatches(d)) {
          w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
        } else if (!hour.values.has(d.getUTCHours())) {
          w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
        } else if (!minute.values.has(d.getUTCMinutes())) {
          w += 60_000;
        } else {
          const at = fromWall(zone, w);
          if (at > t) return at;
          w += 60_000;
        }
      }
      return null;
    },
  };
}
