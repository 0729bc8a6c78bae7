/**
 * The text sink every describer writes to: kubectl's PrefixWriter (two spaces per level,
 * terminal escape characters made visible) over a tabwriter whose columns are aligned at
 * each flush and at the end.
 */
import { alignColumns } from './tabwriter';

/** Indentation levels, two spaces each (kubectl's LEVEL_0..LEVEL_4). */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** Makes ESC and CR visible, as kubectl's terminal escaper does for everything it prints. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** Where describers write: indented text with tab-separated columns. */
export interface PrefixWriter {
  /** Writes `text` (which carries its own tabs and newlines) indented by `level`. */
  write(level: number, text: string): void;
  /** Writes a whole line at the writer's base indentation (Go's Fprintln of one value). */
  line(text: string): void;
  /** Aligns what was written so far on its own, so later columns start afresh. */
  flush(): void;
}

/** The top-level writer; `toString()` returns everything written, columns aligned. */
export class DescribeWriter implements PrefixWriter {
  private readonly done: string[] = [];
  private pending = '';

  write(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text);
  }

  line(text: string): void {
    this.pending += escapeTerminal(`${text}\n`);
  }

  flush(): void {
    this.done.push(alignColumns(this.pending));
    this.pending = '';
  }

  toString(): string {
    return this.done.join('') + alignColumns(this.pending);
  }
}

/**
 * A writer that adds `indent` levels to everything written through it (kubectl's nested
 * prefix writer, used to describe a claim template inside a volume).
 */
export function nestedWriter(parent: PrefixWriter, indent: number): PrefixWriter {
  return {
    write: (level, text) => parent.write(level + indent, text),
    line: (text) => parent.write(indent, `${text}\n`),
    flush: () => parent.flush(),
  };
}
