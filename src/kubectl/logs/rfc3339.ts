/**
 * Go's time.Parse with the RFC 3339 layout, as `--since-time` reads its value: the time in
 * epoch ms, or Go's error text (`parsing time "2020" as "2006-01-02T15:04:05Z07:00":
 * cannot parse "" as "-"`, `parsing time "...": month out of range`).
 */

const LAYOUT = '2006-01-02T15:04:05Z07:00';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** The layout's elements: numbers (their field and digit count, 0 meaning one or two) and literals. */
const ELEMENTS: readonly (readonly [string, Field | null, number])[] = [
  ['2006', 'year', 4],
  ['-', null, 0],
  ['01', 'month', 2],
  ['-', null, 0],
  ['02', 'day', 2],
  ['T', null, 0],
  ['15', 'hour', 0],
  [':', null, 0],
  ['04', 'minute', 2],
  [':', null, 0],
  ['05', 'second', 2],
];

const RANGES: Readonly<Record<Field, readonly [number, number]>> = {
  year: [0, 9999],
  month: [1, 12],
  day: [1, 31],
  hour: [0, 23],
  minute: [0, 59],
  second: [0, 59],
};

/** Parses `text` as RFC 3339 (fractional seconds allowed): epoch ms, or Go's error. */
export function parseRfc3339(text: string): number | { error: string } {
  const cannot = (rest: string, element: string) => ({
    error: `parsing time ${JSON.stringify(text)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(element)}`,
  });
  const values: Record<string, number> = {};
  let rest = text;
  for (const [element, field, digits] of ELEMENTS) {
    if (field === null) {
      if (!rest.startsWith(element)) return cannot(rest, element);
      rest = rest.slice(element.length);
      continue;
    }
    const match = (digits === 0 ? /^\d\d?/ : new RegExp(`^\\d{${digits}}`)).exec(rest);
    if (match === null) return cannot(rest, element);
    const value = Number(match[0]);
    const [min, max] = RANGES[field];
    if (value < min || value > max)
      return { error: `parsing time ${JSON.stringify(text)}: ${field} out of range` };
    values[field] = value;
    rest = rest.slice(match[0].length);
  }
  const fraction = /^\.(\d+)/.exec(rest);
  const ms = fraction === null ? 0 : Math.floor(Number(`0.${fraction[1] ?? ''}`) * 1000);
  if (fraction !== null) rest = rest.slice(fraction[0].length);
  let offsetMinutes = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (zone === null) return cannot(rest, 'Z07:00');
    offsetMinutes = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    rest = rest.slice(zone[0].length);
  }
  if (rest !== '')
    return { error: `parsing time ${JSON.stringify(text)}: extra text: ${JSON.stringify(rest)}` };
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = values;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate())
    return { error: `parsing time ${JSON.stringify(text)}: day out of range` };
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** metav1.Time's JSON form: RFC 3339 in UTC, whole seconds. */
export function formatRfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
