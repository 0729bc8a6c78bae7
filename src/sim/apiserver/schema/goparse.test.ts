import { describe, expect, it } from 'vitest';
import { base64Error } from './gobase64';
import { goTimeParseError } from './gotime';

const AS = 'as "2006-01-02T15:04:05Z07:00"';

describe('goTimeParseError (RFC 3339)', () => {
  const cases: [string, string | undefined][] = [
    ['2024-05-01T10:00:00Z', undefined],
    ['2024-05-01T10:00:00.123Z', undefined],
    ['2024-05-01T10:00:00,5+02:00', undefined],
    ['2024-02-29T23:59:59-07:00', undefined],
    ['', `parsing time "" ${AS}: cannot parse "" as "2006"`],
    [
      '24-05-01T10:00:00Z',
      `parsing time "24-05-01T10:00:00Z" ${AS}: cannot parse "24-05-01T10:00:00Z" as "2006"`,
    ],
    ['2024/05/01', `parsing time "2024/05/01" ${AS}: cannot parse "/05/01" as "-"`],
    [
      '2024-5-01T10:00:00Z',
      `parsing time "2024-5-01T10:00:00Z" ${AS}: cannot parse "5-01T10:00:00Z" as "01"`,
    ],
    ['2024-05-01 10:00:00Z', `parsing time "2024-05-01 10:00:00Z" ${AS}: cannot parse " 10:00:00Z" as "T"`],
    ['2024-05-01T10:00:00', `parsing time "2024-05-01T10:00:00" ${AS}: cannot parse "" as "Z07:00"`],
    [
      '2024-05-01T10:00:00+0200',
      `parsing time "2024-05-01T10:00:00+0200" ${AS}: cannot parse "+0200" as "Z07:00"`,
    ],
    ['2024-05-01T10:00:00Zjunk', 'parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"'],
    ['2024-13-01T10:00:00Z', 'parsing time "2024-13-01T10:00:00Z": month out of range'],
    ['2024-05-01T24:00:00Z', 'parsing time "2024-05-01T24:00:00Z": hour out of range'],
    ['2024-05-01T10:60:00Z', 'parsing time "2024-05-01T10:60:00Z": minute out of range'],
    ['2024-05-01T10:00:60Z', 'parsing time "2024-05-01T10:00:60Z": second out of range'],
    ['2023-02-29T10:00:00Z', 'parsing time "2023-02-29T10:00:00Z": day out of range'],
    [
      '2024-05-01T10:00:00+25:00',
      'parsing time "2024-05-01T10:00:00+25:00": time zone offset hour out of range',
    ],
    ['día', `parsing time "d\\xc3\\xada" ${AS}: cannot parse "d\\xc3\\xada" as "2006"`],
  ];
  it.each(cases)('%j', (value, expected) => {
    expect(goTimeParseError(value)).toBe(expected);
  });

  it('requires six fractional digits for MicroTime', () => {
    const as = 'as "2006-01-02T15:04:05.000000Z07:00"';
    expect(goTimeParseError('2024-05-01T10:00:00.000001Z', true)).toBeUndefined();
    expect(goTimeParseError('2024-05-01T10:00:00.5Z', true)).toBe(
      `parsing time "2024-05-01T10:00:00.5Z" ${as}: cannot parse ".5Z" as ".000000"`,
    );
  });
});

describe('base64Error (base64.StdEncoding)', () => {
  const cases: [string, number | undefined][] = [
    ['', undefined],
    ['aGVsbG8=', undefined],
    ['aGVs\nbG8=\n', undefined],
    ['aGk=', undefined],
    ['aA==', undefined],
    ['hello', 4],
    ['aGVsbG8', 4],
    ['aGVs bG8=', 4],
    ['a===', 1],
    ['aA=', 3],
    ['aA=x', 2],
    ['aA==x', 4],
    ['aGVsbG8=aGVs', 8],
    ['héllo', 1],
  ];
  it.each(cases)('%j', (value, at) => {
    expect(base64Error(value)).toBe(at === undefined ? undefined : `illegal base64 data at input byte ${at}`);
  });
});
