/**
 * The shell's command history, shared by the line editor (Up, Down, Ctrl-R) and the
 * `history` builtin. Lines are kept as Debian's default .bashrc has bash keep them
 * (`HISTCONTROL=ignoreboth`): a line the same as the one before it, or one starting with a
 * blank, is not added.
 */

/** bash's default HISTSIZE. */
export const HISTORY_SIZE = 500;

/** The lines run in this session, oldest first, numbered as `history` numbers them. */
export class History {
  #lines: string[] = [];
  /** How many lines were ever added: numbers the lines as `history` prints them. */
  #added = 0;

  /** The lines, oldest first. */
  get lines(): readonly string[] {
    return this.#lines;
  }

  /** The number `history` shows for the oldest line kept. */
  get firstNumber(): number {
    return this.#added - this.#lines.length + 1;
  }

  /** Records a line the user ran. */
  add(line: string): void {
    if (line.trim() === '' || /^\s/.test(line) || this.#lines.at(-1) === line) return;
    this.#lines.push(line);
    this.#added++;
    if (this.#lines.length > HISTORY_SIZE) this.#lines.shift();
  }

  /** Forgets every line (`history -c`). */
  clear(): void {
    this.#lines = [];
    this.#added = 0;
  }

  /**
   * Searches backwards for `query`, from line `from` (inclusive) down to the oldest: the
   * index of the first line containing it, and where in the line the match is (its last
   * occurrence, as reverse-i-search shows it), or null.
   */
  searchBackward(query: string, from: number): { index: number; at: number } | null {
    for (let index = Math.min(from, this.#lines.length - 1); index >= 0; index--) {
      const at = (this.#lines[index] ?? '').lastIndexOf(query);
      if (at >= 0) return { index, at };
    }
    return null;
  }
}

/**
 * Where Up and Down are in the history while a line is edited. Lines edited on the way
 * keep their edits (the new line too) until the line is run, as in bash.
 */
export class HistoryBrowser {
  #index: number;
  readonly #edits = new Map<number, string>();

  constructor(private readonly history: History) {
    this.#index = history.lines.length;
  }

  /** Leaves the line shown (as edited to `text`) for the one `step` lines away: its text, or null at either end. */
  go(step: number, text: string): string | null {
    const lines = this.history.lines;
    const index = this.#index + step;
    if (index < 0 || index > lines.length) return null;
    this.#edits.set(this.#index, text);
    this.#index = index;
    return this.#edits.get(index) ?? lines[index] ?? '';
  }
}
