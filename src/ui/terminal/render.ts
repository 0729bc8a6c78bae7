/**
 * Drawing the line being edited: the prompt, the text (which may wrap and may hold
 * newlines) and the cursor, from the row where the prompt starts.
 */
import { advance, settle, stripEscapes, type Cell } from './text';

/** What is on screen: a prompt (which may be coloured), the text after it, the cursor in it. */
export interface View {
  readonly prompt: string;
  readonly text: string;
  /** A UTF-16 index into `text`. */
  readonly cursor: number;
}

/** Where the cursor stands, counted from the prompt's first row. */
export function cursorCell(view: View, columns: number): Cell {
  const start = advance({ row: 0, col: 0 }, stripEscapes(view.prompt), columns);
  return settle(advance(start, view.text.slice(0, view.cursor), columns), columns);
}

/**
 * Redraws `view` when the terminal's cursor is on row `row` of it: goes up to the prompt's
 * first row, clears to the end of the screen, writes the prompt and the text (newlines as
 * CR LF), then moves the cursor to its place. Returns the text to write and the cursor's row.
 */
export function redraw(
  view: View,
  row: number,
  columns: number,
): { readonly out: string; readonly row: number } {
  let out = `${row > 0 ? `\x1b[${row}A` : ''}\r\x1b[J${view.prompt}${view.text.replace(/\n/g, '\r\n')}`;
  const start = advance({ row: 0, col: 0 }, stripEscapes(view.prompt), columns);
  let end = advance(start, view.text, columns);
  if (end.col >= columns) {
    // Ended exactly at the margin: step onto the next row, where the cursor is counted.
    out += '\r\n';
    end = settle(end, columns);
  }
  const at = cursorCell(view, columns);
  if (end.row > at.row) out += `\x1b[${end.row - at.row}A`;
  out += `\r${at.col > 0 ? `\x1b[${at.col}C` : ''}`;
  return { out, row: at.row };
}
