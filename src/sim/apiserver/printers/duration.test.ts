import { describe, expect, it } from 'vitest';
import { humanDuration, parseTime, rfc3339, since } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    [-3 * S, '<invalid>'],
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    [59 * S, '59s'],
    [60 * S, '60s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [5 * M + 10 * S, '5m10s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 30 * M, '3h30m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [364 * D, '364d'],
    [729 * D + 23 * H, '729d'],
    [730 * D, '2y'],
    [740 * D, '2y10d'],
    [3 * 365 * D + 100 * D, '3y100d'],
    [8 * 365 * D - 1 * H, '7y364d'],
    [8 * 365 * D, '8y'],
    [20 * 365 * D + 200 * D, '20y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('timestamps', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('measures the age up to now', () => {
    expect(since('2025-03-01T11:55:00Z', now)).toBe('5m');
    expect(since('2025-02-26T08:00:00Z', now)).toBe('3d4h');
  });

  it('reads micro-time strings', () => {
    expect(since('2025-03-01T11:59:30.123456Z', now)).toBe('29s');
  });

  it('prints <unknown> for a missing or zero timestamp', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since(null, now)).toBe('<unknown>');
    expect(since('', now)).toBe('<unknown>');
    expect(since('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
    expect(parseTime('not a time')).toBeUndefined();
  });

  it('prints <invalid> for timestamps in the future', () => {
    expect(since('2025-03-01T12:00:05Z', now)).toBe('<invalid>');
  });

  it('formats RFC 3339 in UTC with whole seconds', () => {
    expect(rfc3339('2025-03-01T12:34:56Z')).toBe('2025-03-01T12:34:56Z');
    expect(rfc3339('2025-03-01T14:34:56.789+02:00')).toBe('2025-03-01T12:34:56Z');
    expect(rfc3339(undefined)).toBe('0001-01-01T00:00:00Z');
  });
});
