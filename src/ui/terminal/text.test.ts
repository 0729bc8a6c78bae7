import { describe, expect, it } from 'vitest';
import {
  advance,
  blankWordStartBefore,
  charWidth,
  displayWidth,
  nextBoundary,
  previousBoundary,
  settle,
  wordEndAfter,
  wordStartBefore,
} from './text';

describe('text', () => {
  it('measures characters as a terminal does', () => {
    expect(charWidth('a'.codePointAt(0) ?? 0)).toBe(1);
    expect(charWidth('日'.codePointAt(0) ?? 0)).toBe(2);
    expect(charWidth(0x301)).toBe(0);
    expect(displayWidth('\x1b[1;32mkubelab\x1b[0m:~$ ')).toBe(11);
    expect(displayWidth('日本 ok')).toBe(7);
  });

  it('moves over surrogate pairs and combining marks whole', () => {
    const text = 'a😀e\u0301b';
    expect(nextBoundary(text, 1)).toBe(3);
    expect(nextBoundary(text, 3)).toBe(5);
    expect(previousBoundary(text, 5)).toBe(3);
    expect(previousBoundary(text, 3)).toBe(1);
    expect(previousBoundary(text, 0)).toBe(0);
    expect(nextBoundary(text, text.length)).toBe(text.length);
  });

  it('finds word edges as readline does', () => {
    const line = 'kubectl get pods/web-1 ';
    expect(wordStartBefore(line, line.length)).toBe(21);
    expect(wordEndAfter(line, 0)).toBe(7);
    expect(blankWordStartBefore(line, line.length)).toBe(12);
  });

  it('follows the cursor across wraps, wide characters and newlines', () => {
    expect(advance({ row: 0, col: 0 }, 'abcde', 10)).toEqual({ row: 0, col: 5 });
    expect(advance({ row: 0, col: 8 }, 'abc', 10)).toEqual({ row: 1, col: 1 });
    expect(advance({ row: 0, col: 0 }, 'abcdefghij', 10)).toEqual({ row: 0, col: 10 });
    expect(settle({ row: 0, col: 10 }, 10)).toEqual({ row: 1, col: 0 });
    expect(advance({ row: 0, col: 9 }, '日', 10)).toEqual({ row: 1, col: 2 });
    expect(advance({ row: 0, col: 0 }, 'abcdefghij\nx', 10)).toEqual({ row: 1, col: 1 });
  });
});
