/**
 * Column alignment exactly as Go's text/tabwriter does it with the settings kubectl's
 * describers use (minwidth 0, padding 2, pad with spaces, no flags): tab-terminated cells
 * line up per block of consecutive lines that have a cell in that column; the text after
 * a line's last tab is not part of any column.
 */

interface Cell {
  readonly text: string;
  /** Width in runes, as Go counts it. */
  readonly width: number;
}

const PADDING = 2;

/** A line's cells: every tab-terminated cell, then the trailing one (if the line has it). */
type Line = readonly Cell[];

function cell(text: string): Cell {
  let width = 0;
  for (const _ of text) width++;
  return { text, width };
}

/**
 * Splits buffered text into lines of cells. Each line that ends in a newline has its
 * trailing cell, even when empty; the unterminated last line keeps its trailing cell only
 * when it has text (Go adds the pending cell at flush only if it is non-empty).
 */
function splitLines(text: string): Line[] {
  const rows = text.split('\n');
  return rows.map((row, i) => {
    const parts = row.split(/[\t\v]/);
    const last = i === rows.length - 1;
    if (last && parts[parts.length - 1] === '') parts.pop();
    return parts.map(cell);
  });
}

/** Formats lines [line0, line1) given the widths of the columns already decided. */
function format(lines: readonly Line[], widths: number[], line0: number, line1: number, out: string[]): void {
  const column = widths.length;
  let start = line0;
  for (let row = line0; row < line1; row++) {
    if (column >= (lines[row]?.length ?? 0) - 1) continue;
    writeLines(lines, widths, start, row, out);
    start = row;
    let width = 0;
    for (; row < line1; row++) {
      const line = lines[row] ?? [];
      if (column >= line.length - 1) break;
      width = Math.max(width, (line[column]?.width ?? 0) + PADDING);
    }
    widths.push(width);
    format(lines, widths, start, row, out);
    widths.pop();
    start = row;
    row--;
  }
  writeLines(lines, widths, start, line1, out);
}

function writeLines(
  lines: readonly Line[],
  widths: readonly number[],
  line0: number,
  line1: number,
  out: string[],
) {
  for (let i = line0; i < line1; i++) {
    const line = lines[i] ?? [];
    line.forEach((c, j) => {
      out.push(c.text);
      const w = widths[j];
      if (w !== undefined) out.push(' '.repeat(Math.max(0, w - c.width)));
    });
    if (i + 1 < lines.length) out.push('\n');
  }
}

/** Aligns one flushed batch of text the way tabwriter.Writer.Flush writes it. */
export function alignColumns(text: string): string {
  if (text === '') return '';
  const lines = splitLines(text);
  const out: string[] = [];
  format(lines, [], 0, lines.length, out);
  return out.join('');
}
