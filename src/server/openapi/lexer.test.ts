import { describe, expect, it } from 'vitest';
import { lex } from './lexer';

const texts = (source: string) => lex(source).tokens.map((t) => t.text);

describe('Go lexer', () => {
  it.each([
    [
      'semicolons end lines after names, literals and closing brackets',
      'a := b\nc()\n',
      ['a', ':', '=', 'b', ';', 'c', '(', ')', ';'],
    ],
    [
      'no semicolon after an operator or an opening bracket',
      'x = a +\nb\nf(\n)',
      ['x', '=', 'a', '+', 'b', ';', 'f', '(', ')', ';'],
    ],
    [
      'keywords that continue a statement get none',
      'type\nstruct\nreturn\n',
      ['type', 'struct', 'return', ';'],
    ],
    ['strings are decoded, raw strings kept', '"a\\"b\\n" `c\\d`', ['a"b\n', 'c\\d', ';']],
    ['numbers and the ++ operator', 'i++\n1.5e3', ['i', '++', ';', '1.5e3', ';']],
  ])('%s', (_name, source, expected) => {
    expect(texts(source)).toEqual(expected);
  });

  it('keeps comments apart with their lines, marking trailing ones', () => {
    const { tokens, comments } = lex('// doc\n//  more\nx int // trailing\n/* block\n */ y');
    expect(tokens.map((t) => [t.text, t.line])).toEqual([
      ['x', 3],
      ['int', 3],
      [';', 3],
      ['y', 5],
      [';', 5],
    ]);
    expect(comments).toEqual([
      { lines: [' doc'], line: 1, endLine: 1, trailing: false, block: false },
      { lines: ['  more'], line: 2, endLine: 2, trailing: false, block: false },
      { lines: [' trailing'], line: 3, endLine: 3, trailing: true, block: false },
      { lines: [' block', ' '], line: 4, endLine: 5, trailing: false, block: true },
    ]);
  });

  it('counts lines inside raw strings', () => {
    const { tokens } = lex('a `x\ny`\nb');
    expect(tokens.map((t) => [t.text, t.line])).toEqual([
      ['a', 1],
      ['x\ny', 1],
      [';', 2],
      ['b', 3],
      [';', 3],
    ]);
  });

  it('rejects unterminated strings and comments', () => {
    expect(() => lex('"abc\n"')).toThrow('line 1: unterminated string');
    expect(() => lex('/* abc')).toThrow('unterminated comment');
  });
});
