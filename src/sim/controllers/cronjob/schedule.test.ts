import { describe, expect, it } from 'vitest';
import { parseSchedule } from './schedule';
import { rfc1123z, rfc3339 } from './zone';

const at = (iso: string) => Date.parse(iso);
const nexts = (spec: string, from: string, n: number, zone?: string) => {
  const s = parseSchedule(spec, zone);
  const out: string[] = [];
  for (let t: number | null = at(from); out.length < n && t !== null;) {
    t = s.next(t);
    if (t !== null) out.push(new Date(t).toISOString());
  }
  return out;
};

describe('cron schedules', () => {
  it('evaluates five-field schedules with steps, ranges, lists and names', () => {
    expect(nexts('*/15 * * * *', '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-01-01T00:15:00.000Z',
      '2025-01-01T00:30:00.000Z',
      '2025-01-01T00:45:00.000Z',
    ]);
    expect(nexts('30 9-10 * * mon-fri', '2025-01-03T10:00:00Z', 3)).toEqual([
      '2025-01-03T10:30:00.000Z',
      '2025-01-06T09:30:00.000Z',
      '2025-01-06T10:30:00.000Z',
    ]);
    expect(nexts('0 0 1,15 feb *', '2025-01-01T00:00:00Z', 2)).toEqual([
      '2025-02-01T00:00:00.000Z',
      '2025-02-15T00:00:00.000Z',
    ]);
  });

  it('ORs a restricted day of month with a restricted day of week', () => {
    // 13th of the month or any Friday.
    expect(nexts('0 12 13 * 5', '2025-06-01T00:00:00Z', 3)).toEqual([
      '2025-06-06T12:00:00.000Z',
      '2025-06-13T12:00:00.000Z',
      '2025-06-20T12:00:00.000Z',
    ]);
  });

  it('understands descriptors and @every', () => {
    expect(nexts('@hourly', '2025-01-01T00:00:00Z', 2)).toEqual([
      '2025-01-01T01:00:00.000Z',
      '2025-01-01T02:00:00.000Z',
    ]);
    expect(nexts('@weekly', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-05T00:00:00.000Z']);
    expect(nexts('@yearly', '2025-01-01T00:00:00Z', 1)).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(nexts('@every 90s', '2025-01-01T00:00:00.500Z', 2)).toEqual([
      '2025-01-01T00:01:30.000Z',
      '2025-01-01T00:03:00.000Z',
    ]);
  });

  it('evaluates in a time zone, from spec.timeZone or a TZ= prefix', () => {
    expect(nexts('0 9 * * *', '2025-01-01T00:00:00Z', 1, 'Asia/Tokyo')).toEqual([
      '2025-01-01T00:00:00.000Z'.replace('01T00', '02T00'),
    ]);
    expect(nexts('TZ=America/New_York 0 9 * * *', '2025-07-01T00:00:00Z', 1)).toEqual([
      '2025-07-01T13:00:00.000Z',
    ]);
    expect(rfc3339('Asia/Tokyo', at('2025-01-02T00:00:00Z'))).toBe('2025-01-02T09:00:00+09:00');
    expect(rfc1123z(at('2025-01-01T00:05:00Z'))).toBe('Wed, 01 Jan 2025 00:05:00 +0000');
  });
});
