/**
 * The column aligner kubectl's printers write through (printers.GetNewTabWriter: Go's
 * text/tabwriter as forked by liggitt/tabwriter, minwidth 6, padding 3, padded with
 * spaces, RememberWidths). Text is split into cells at tabs and into lines at newlines; a
 * column is as wide as its widest cell plus 3 (at least 6) within each block of
 * consecutive lines that have that column; the text after a line's last tab is not part of
 * any column and is never padded. A line without a tab flushes what came before, and the
 * widths seen so far are remembered across such flushes.
 */

const MIN_WIDTH = 6;
const PADDING = 3;

interface Cell {
  readonly text: string;
  /** Width in runes, as Go counts it. */
  readonly width: number;
}

const runes = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A tabwriter.Writer with kubectl's settings: write text, then flush to get the aligned output. */
export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private readonly maxWidths: number[] = [];
  private out = '';

  /** Buffers text (tabs end cells, newlines end lines); a line without tabs flushes. */
  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v') {
        this.terminateCell();
      } else if (ch === '\n' || ch === '\f') {
        const cells = this.terminateCell();
        this.lines.push([]);
        if (ch === '\f' || cells === 1) this.formatBuffered();
      } else {
        this.cell += ch;
      }
    }
  }

  /** Formats everything buffered and returns all output produced so far (then clears it). */
  flush(): string {
    this.formatBuffered();
    const out = this.out;
    this.out = '';
    return out;
  }

  private formatBuffered(): void {
    if (this.cell !== '') this.terminateCell();
    this.format(0, this.lines.length, []);
    this.lines = [[]];
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1] ?? [];
    line.push({ text: this.cell, width: runes(this.cell) });
    this.cell = '';
    return line.length;
  }

  /** text/tabwriter's format: widths of the columns to the left are already fixed. */
  private format(line0: number, line1: number, widths: number[]): void {
    const column = widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= (this.lines[row]?.length ?? 0) - 1) continue;
      this.writeLines(start, row, widths);
      start = row;
      let width = MIN_WIDTH;
      for (; row < line1; row++) {
        const line = this.lines[row] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column]?.width ?? 0) + PADDING);
      }
      width = this.remember(widths, width);
      widths.push(width);
      this.format(start, row, widths);
      widths.pop();
      start = row;
    }
    this.writeLines(start, line1, widths);
  }

  /** liggitt/tabwriter's RememberWidths: a column never gets narrower than it has been. */
  private remember(widths: readonly number[], width: number): number {
    if (this.maxWidths.length < widths.length) this.maxWidths.push(...widths.slice(this.maxWidths.length));
    const remembered = this.maxWidths[widths.length];
    if (remembered === undefined) this.maxWidths.push(width);
    else if (remembered > width) return remembered;
    else this.maxWidths[widths.length] = width;
    return width;
  }

  private writeLines(line0: number, line1: number, widths: readonly number[]): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] ?? [];
      line.forEach((c, j) => {
        this.out += c.text;
        const w = widths[j];
        if (w !== undefined) this.out += ' '.repeat(Math.max(0, w - c.width));
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }
}

/** Runs text through a fresh kubectl tabwriter. */
export function tabwrite(text: string): string {
  const w = new TabWriter();
  w.write(text);
  return w.flush();
}

/**
 * Aligns rows of cells as kubectl prints tables: each row's cells joined by tabs and ended
 * by a newline, through kubectl's tabwriter. Columns are separated by at least 3 spaces and
 * at least 6 wide; the last cell of a row is not padded (so no trailing spaces, unless it is
 * empty). Cells must not contain tabs or newlines of their own (they would split, as in kubectl).
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''));
}
