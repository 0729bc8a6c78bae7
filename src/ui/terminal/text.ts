/**
 * Measuring and moving through the text of a command line as a terminal shows it: how many
 * cells each character takes, where the cursor may stand, where words begin and end, and
 * where text lands when it wraps at the right margin.
 */

/** Characters that take no cell of their own: combining marks and format controls. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff]/u;

/**
 * East Asian wide and fullwidth ranges, in which each character takes two cells (Markus
 * Kuhn's wcwidth, which xterm.js's default Unicode 6 width table follows).
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3040, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** The cells one code point takes: 0, 1 or 2. */
export function charWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint === 0) return 0;
  const ch = String.fromCodePoint(codePoint);
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1;
}

/** Escape sequences (colours) that take no cells. */
// eslint-disable-next-line no-control-regex -- escape sequences start with ESC
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** `text` without its colour escape sequences. */
export const stripEscapes = (text: string): string => text.replace(ESCAPES, '');

/** The cells a string takes on one line, ignoring colour escape sequences. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of stripEscapes(text)) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

const isZeroWidth = (text: string, i: number) => i < text.length && charWidth(text.codePointAt(i) ?? 0) === 0;

/**
 * The next place the cursor may stand after `i` (a UTF-16 index): past one character and
 * the combining marks that belong to it.
 */
export function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  let j = i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
  while (isZeroWidth(text, j)) j += (text.codePointAt(j) ?? 0) > 0xffff ? 2 : 1;
  return j;
}

/** The place the cursor may stand before `i`. */
export function previousBoundary(text: string, i: number): number {
  let j = i;
  for (;;) {
    if (j <= 0) return 0;
    j -=
      j >= 2 && /[\udc00-\udfff]/.test(text.charAt(j - 1)) && /[\ud800-\udbff]/.test(text.charAt(j - 2))
        ? 2
        : 1;
    if (!isZeroWidth(text, j)) return j;
  }
}

const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch);

/** Where the word before `i` starts, as readline's backward-word sees words (letters and digits). */
export function wordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(text.charAt(j - 1))) j--;
  while (j > 0 && isWordChar(text.charAt(j - 1))) j--;
  return j;
}

/** Where the word at or after `i` ends (readline's forward-word). */
export function wordEndAfter(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isWordChar(text.charAt(j))) j++;
  while (j < text.length && isWordChar(text.charAt(j))) j++;
  return j;
}

/** Where the whitespace-delimited word before `i` starts (Ctrl-W, unix-word-rubout). */
export function blankWordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(text.charAt(j - 1))) j--;
  while (j > 0 && !/\s/.test(text.charAt(j - 1))) j--;
  return j;
}

/** A cell on the screen, relative to the row where the prompt starts. */
export interface Cell {
  readonly row: number;
  readonly col: number;
}

/**
 * Where the cursor ends up after writing `text` from `start` on a screen `columns` wide, as
 * a terminal moves it: text wraps at the margin, a wide character that does not fit in the
 * last cell moves to the next row, and a newline (written as CR LF) starts one. Text that
 * ends exactly at the margin leaves the cursor in the margin (`col === columns`) with the
 * wrap still pending, as terminals do; {@link settle} says where that really is.
 */
export function advance(start: Cell, text: string, columns: number): Cell {
  let { row, col } = start;
  for (const ch of text) {
    if (ch === '\n') {
      row++;
      col = 0;
      continue;
    }
    const width = charWidth(ch.codePointAt(0) ?? 0);
    if (width === 0) continue;
    if (col + width > columns) {
      row++;
      col = 0;
    }
    col += width;
  }
  return { row, col };
}

/** A cell with a pending wrap, as the start of the next row. */
export function settle(cell: Cell, columns: number): Cell {
  return cell.col >= columns ? { row: cell.row + 1, col: 0 } : cell;
}
