import { describe, expect, it } from 'vitest';
import { alignColumns } from './tabwriter';
import { DescribeWriter, LEVEL_1, nestedWriter } from './writer';

describe('alignColumns', () => {
  it('pads each column of consecutive lines to its widest cell plus two spaces', () => {
    expect(alignColumns('Name:\tweb\nNamespace:\tdefault\n')).toBe('Name:       web\nNamespace:  default\n');
  });

  it('starts a new block of columns after a line without that column', () => {
    expect(alignColumns('a:\t1\nlonger-key:\t2\nheading\nb:\t3\n')).toBe(
      'a:           1\nlonger-key:  2\nheading\nb:  3\n',
    );
  });

  it('aligns inner columns only across consecutive lines that have them, and counts runes', () => {
    // The second line's `yyyy` ends its line, so it is in no column and splits column two.
    expect(alignColumns('x\ty\tz\nxx\tyyyy\nä\tb\tc\n')).toBe('x   y  z\nxx  yyyy\nä   b  c\n');
  });

  it('pads tab-terminated cells even when nothing follows, and keeps an unterminated last line', () => {
    expect(alignColumns('host\t\n\tpath\tbackend\nend')).toBe('host  \n      path  backend\nend');
  });
});

describe('DescribeWriter', () => {
  it('indents two spaces a level, aligns what was flushed on its own, and escapes terminal codes', () => {
    const w = new DescribeWriter();
    w.write(0, 'Name:\tx\n');
    w.write(LEVEL_1, 'Very long key:\ty\n');
    w.flush();
    w.write(0, 'A:\t\x1b[31mred\r\n');
    w.line('<none>');
    expect(w.toString()).toBe('Name:             x\n  Very long key:  y\nA:  ^[[31mred\\r\n<none>\n');
  });

  it('nests a writer a number of levels deeper, lines included', () => {
    const w = new DescribeWriter();
    const nested = nestedWriter(w, 2);
    nested.write(0, 'Labels:\t');
    nested.line('<none>');
    expect(w.toString()).toBe('    Labels:\t    <none>\n'.replace('\t', '  '));
  });
});
