import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration, requestTimeout } from './timeout';

describe('--request-timeout', () => {
  it.each([
    ['0', undefined],
    ['', undefined],
    ['1', '1s'],
    ['90', '1m30s'],
    ['5s', '5s'],
    ['1m', '1m0s'],
    ['1h', '1h0m0s'],
    ['1.5s', '1.5s'],
    ['500ms', '500ms'],
    ['-1s', '-1s'],
    ['2h45m', '2h45m0s'],
    ['10us', '10µs'],
    ['3ns', '3ns'],
  ])('%s -> timeout=%s', (text, param) => {
    expect(requestTimeout(text)).toBe(param);
  });

  it.each(['abc', '-1', '1x', '.s'])('%s is refused with kubectl’s message', (text) => {
    expect(() => requestTimeout(text)).toThrow(
      'Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)',
    );
  });

  it('parses and formats Go durations', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500_000_000n);
    expect(parseGoDuration('1')).toBeUndefined();
    expect(formatGoDuration(3_723_500_000_000n)).toBe('1h2m3.5s');
    expect(formatGoDuration(0n)).toBe('0s');
  });
});
