/**
 * Ctrl-R, readline's reverse incremental search: each typed character narrows the search to
 * the newest older line containing the query, Ctrl-R steps to the next older match, and the
 * prompt reads ``(reverse-i-search)`query': `` (``(failed reverse-i-search)`` when nothing
 * matches).
 */
import type { History } from './history';

/** A line and where the cursor stands in it. */
export interface LineState {
  readonly text: string;
  readonly cursor: number;
}

/** One Ctrl-R search: its query, its current match, and whether the last step failed. */
export class ReverseSearch {
  #query = '';
  #match: { index: number; at: number } | null = null;
  #failed = false;
  readonly #history: History;
  readonly #lastQuery: string;

  /** `original` is the line being edited when the search started. */
  constructor(
    history: History,
    readonly original: LineState,
    lastQuery: string,
  ) {
    this.#history = history;
    this.#lastQuery = lastQuery;
  }

  /** The query so far (remembered for the next search's first Ctrl-R). */
  get query(): string {
    return this.#query;
  }

  /** What stands in place of the prompt. */
  get prompt(): string {
    return `(${this.#failed ? 'failed ' : ''}reverse-i-search)\`${this.#query}': `;
  }

  /** The line shown: the current match, or the original line before any. */
  get line(): LineState {
    if (this.#match === null) return this.original;
    return { text: this.#history.lines[this.#match.index] ?? '', cursor: this.#match.at };
  }

  /** Adds typed text to the query and searches from the current match. */
  type(text: string): void {
    this.#query += text;
    this.#find(this.#match?.index ?? this.#history.lines.length - 1);
  }

  /** Ctrl-R: the next older match (an empty query repeats the last search). */
  again(): void {
    if (this.#query === '') {
      this.#query = this.#lastQuery;
      this.#find(this.#history.lines.length - 1);
      return;
    }
    this.#find((this.#match?.index ?? this.#history.lines.length) - 1);
  }

  /** Backspace: drops the query's last character and searches again from the newest line. */
  erase(): void {
    this.#query = this.#query.slice(0, -1);
    this.#match = null;
    this.#failed = false;
    if (this.#query !== '') this.#find(this.#history.lines.length - 1);
  }

  #find(from: number): void {
    if (this.#query === '') return;
    const found = this.#history.searchBackward(this.#query, from);
    this.#failed = found === null;
    if (found !== null) this.#match = found;
  }
}
