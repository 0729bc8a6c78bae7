import { describe, expect, it } from 'vitest';
import { TabWriter, formatTable, tabwrite } from './tabwriter';

describe('formatTable', () => {
  it('pads columns to their widest cell plus 3, at least 6, and leaves the last cell unpadded', () => {
    expect(
      formatTable([
        ['NAME', 'READY', 'STATUS'],
        ['web-7d4b9c6f5-abcde', '1/1', 'Running'],
        ['db', '0/1', 'Pending'],
      ]),
    ).toBe(
      [
        'NAME                  READY   STATUS',
        'web-7d4b9c6f5-abcde   1/1     Running',
        'db                    0/1     Pending',
        '',
      ].join('\n'),
    );
  });

  it('keeps narrow columns at the minimum width of 6', () => {
    expect(
      formatTable([
        ['A', 'B'],
        ['x', 'y'],
      ]),
    ).toBe('A     B\nx     y\n');
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(
      formatTable([
        ['héllo✓', 'x'],
        ['🙂', 'y'],
      ]),
    ).toBe('héllo✓   x\n🙂        y\n');
  });

  it('pads an empty last-but-one cell and leaves an empty last cell empty', () => {
    expect(
      formatTable([
        ['NAME', 'E'],
        ['a', ''],
      ]),
    ).toBe('NAME   E\na      \n');
    expect(
      formatTable([
        ['NAME', 'E', 'F'],
        ['a', '', 'z'],
      ]),
    ).toBe('NAME   E     F\na            z\n');
  });

  it('prints an empty table as nothing', () => {
    expect(formatTable([])).toBe('');
  });
});

describe('tabwrite', () => {
  it('aligns each block of lines that share a column separately', () => {
    expect(tabwrite('a\tb\tc\nlonger-cell\td\n')).toBe('a             b     c\nlonger-cell   d\n');
    expect(tabwrite('a\tb\tc\ncell\tlonger-cell\tc\nx\ty\n')).toBe(
      'a      b             c\ncell   longer-cell   c\nx      y\n',
    );
  });

  it('remembers column widths across the flush a line without tabs causes', () => {
    const w = new TabWriter();
    w.write('a-long-name\tx\n');
    w.write('no tabs here\n');
    w.write('b\ty\n');
    expect(w.flush()).toBe('a-long-name   x\nno tabs here\nb             y\n');
  });

  it('splits cells at tabs and lines at newlines found inside values, as kubectl does', () => {
    expect(tabwrite('N\tV\nname\tmap[a:x\ny]\tz\n')).toBe('N      V\nname   map[a:x\ny]     z\n');
  });

  it('writes a final line without a newline as it is', () => {
    expect(tabwrite('a\tb\nccc\td')).toBe('a     b\nccc   d');
  });
});
