/**
 * The terminal's line editor, a small readline: it turns what xterm.js sends for the
 * keyboard into an edited line, and answers with the text to write back (echo, cursor
 * moves, redraws) and actions for the shell (run a line, interrupt, complete). It keeps
 * track of the screen columns, so long lines and wide characters wrap where the terminal
 * wraps them. Pure: no DOM, no terminal, no timers.
 */
import { completionText, formatList, valueOf, type CompletionResult } from './completion-list';
import { HistoryBrowser, type History } from './history';
import { KeyDecoder, type Key, type KeyName } from './keys';
import { ReverseSearch, type LineState } from './reverse-search';
import { cursorCell, redraw, type View } from './render';
import { blankWordStartBefore, nextBoundary, previousBoundary, wordEndAfter, wordStartBefore } from './text';

/** What the editor asks the shell to do. */
export type EditorAction =
  /** Enter: run this line (a paste may make it several lines). */
  | { readonly type: 'submit'; readonly line: string }
  /** Ctrl-C while a command runs. */
  | { readonly type: 'interrupt' }
  /** Tab: find candidates for the word before `cursor`, then call {@link LineEditor.complete}. */
  | { readonly type: 'complete'; readonly line: string; readonly cursor: number };

/** The editor's answer to input: text to write to the terminal, and actions. */
export interface EditorOutput {
  readonly text: string;
  readonly actions: readonly EditorAction[];
}

/** Clears the screen and homes the cursor (Ctrl-L; the scrollback stays). */
const CLEAR_SCREEN = '\x1b[H\x1b[2J';

/**
 * Edits one line at a time: `prompt()` starts a line, `feed()` takes keys, and the line
 * goes to the shell on Enter; until the next `prompt()` only Ctrl-C does something.
 */
export class LineEditor {
  readonly #decoder = new KeyDecoder();
  readonly #history: History;
  #columns: number;
  /** `idle` while a command runs: no prompt, keys other than Ctrl-C are ignored. */
  #mode: 'idle' | 'editing' = 'idle';
  #prompt = '';
  #text = '';
  #cursor = 0;
  /** The row, counted from the prompt's first row, where the terminal's cursor is. */
  #row = 0;
  #browser: HistoryBrowser;
  #killed = '';
  #search: ReverseSearch | null = null;
  #lastSearch = '';
  /** The line a completion was asked for, until its answer comes. */
  #completing: LineState | null = null;
  /** Whether the last key was a Tab that changed nothing: the next one lists the candidates. */
  #tabUnchanged = false;

  constructor(options: { readonly columns: number; readonly history: History }) {
    this.#columns = Math.max(1, options.columns);
    this.#history = options.history;
    this.#browser = new HistoryBrowser(options.history);
  }

  /** Whether a line is being edited (else a command is running). */
  get editing(): boolean {
    return this.#mode === 'editing';
  }

  /** Starts a new line after `prompt`; returns what to write. */
  prompt(prompt: string): string {
    this.#mode = 'editing';
    this.#prompt = prompt;
    this.#setLine('', 0);
    this.#row = 0;
    this.#browser = new HistoryBrowser(this.#history);
    this.#search = null;
    this.#completing = null;
    this.#tabUnchanged = false;
    return prompt;
  }

  /** Handles input from the terminal (`onData`). */
  feed(data: string): EditorOutput {
    let text = '';
    const actions: EditorAction[] = [];
    for (const key of this.#decoder.decode(data)) {
      const out = this.#mode === 'idle' ? this.#idleKey(key) : this.#key(key);
      text += out.text;
      actions.push(...out.actions);
    }
    return { text, actions };
  }

  /** The screen is now `columns` wide: redraws the line to wrap there. */
  resize(columns: number): string {
    this.#columns = Math.max(1, columns);
    if (this.#mode === 'idle') return '';
    this.#row = this.#cursorCell().row;
    return this.#render();
  }

  /** Applies the answer to the last `complete` action, unless the line changed meanwhile. */
  complete(result: CompletionResult): string {
    const asked = this.#completing;
    this.#completing = null;
    if (this.#mode === 'idle' || asked?.text !== this.#text || asked.cursor !== this.#cursor) return '';
    const insert = completionText(result.candidates, this.#text.slice(result.replaceFrom, this.#cursor));
    if (insert !== null) {
      this.#tabUnchanged = false;
      return this.#replace(result.replaceFrom, insert);
    }
    // Nothing to add: the first Tab rings the bell, the next one lists the candidates.
    const list = new Set(result.candidates.map(valueOf)).size > 1 && this.#tabUnchanged;
    this.#tabUnchanged = true;
    if (!list) return '\x07';
    const cursor = this.#cursor;
    const listing = `${this.#renderAtEnd()}\r\n${formatList(result.candidates, this.#columns)}`;
    this.#cursor = cursor;
    this.#row = 0;
    return listing + this.#render();
  }

  #idleKey(key: Key): EditorOutput {
    if (key.type === 'key' && key.name === 'ctrl-c') return { text: '^C', actions: [{ type: 'interrupt' }] };
    return { text: '', actions: [] };
  }

  #key(key: Key): EditorOutput {
    const isTab = key.type === 'key' && key.name === 'tab';
    if (!isTab) this.#tabUnchanged = false;
    if (this.#search !== null) {
      const handled = this.#searchKey(key);
      if (handled !== null) return handled;
    }
    if (key.type === 'text') return this.#edit(this.#insert(key.text));
    if (key.type === 'paste') return this.#edit(this.#insert(key.text));
    return this.#named(key.name);
  }

  #named(name: KeyName): EditorOutput {
    const text = this.#text;
    const cursor = this.#cursor;
    switch (name) {
      case 'enter':
        return this.#submit();
      case 'ctrl-c': {
        const out = `${this.#renderAtEnd()}^C\r\n`;
        return { text: out + this.prompt(this.#prompt), actions: [] };
      }
      case 'ctrl-l':
        this.#row = 0;
        return this.#edit(CLEAR_SCREEN);
      case 'ctrl-d':
        // On an empty line bash would log out; the lab's terminal stays.
        if (text === '') return { text: '', actions: [] };
        return this.#edit(this.#kill(cursor, nextBoundary(text, cursor), false));
      case 'delete':
        return this.#edit(this.#kill(cursor, nextBoundary(text, cursor), false));
      case 'backspace':
        return this.#edit(this.#kill(previousBoundary(text, cursor), cursor, false));
      case 'left':
        return this.#moveTo(previousBoundary(text, cursor));
      case 'right':
        return this.#moveTo(nextBoundary(text, cursor));
      case 'home':
      case 'ctrl-a':
        return this.#moveTo(0);
      case 'end':
      case 'ctrl-e':
        return this.#moveTo(text.length);
      case 'word-left':
        return this.#moveTo(wordStartBefore(text, cursor));
      case 'word-right':
        return this.#moveTo(wordEndAfter(text, cursor));
      case 'ctrl-u':
        return this.#edit(this.#kill(0, cursor, true));
      case 'ctrl-k':
        return this.#edit(this.#kill(cursor, text.length, true));
      case 'ctrl-w':
        return this.#edit(this.#kill(blankWordStartBefore(text, cursor), cursor, true));
      case 'kill-word-left':
        return this.#edit(this.#kill(wordStartBefore(text, cursor), cursor, true));
      case 'kill-word-right':
        return this.#edit(this.#kill(cursor, wordEndAfter(text, cursor), true));
      case 'ctrl-y':
        return this.#edit(this.#insert(this.#killed));
      case 'up':
      case 'down': {
        const line = this.#browser.go(name === 'up' ? -1 : 1, text);
        if (line === null) return { text: '', actions: [] };
        this.#setLine(line, line.length);
        return this.#edit('');
      }
      case 'ctrl-r':
        this.#search = new ReverseSearch(this.#history, { text, cursor }, this.#lastSearch);
        return this.#edit('');
      case 'tab':
        if (this.#completing !== null) return { text: '', actions: [] };
        this.#completing = { text, cursor };
        return { text: '', actions: [{ type: 'complete', line: text, cursor }] };
      case 'ctrl-g':
      case 'escape':
        return { text: '', actions: [] };
    }
  }

  /** A key during Ctrl-R; null when the search ends and the key applies to the line. */
  #searchKey(key: Key): EditorOutput | null {
    const search = this.#search;
    if (search === null) return null;
    if (key.type !== 'key') {
      search.type(key.text);
      return this.#edit('');
    }
    switch (key.name) {
      case 'ctrl-r':
        search.again();
        return this.#edit('');
      case 'backspace':
        search.erase();
        return this.#edit('');
      case 'ctrl-g':
        this.#endSearch(search.original);
        return this.#edit('');
      case 'escape':
        this.#endSearch(search.line);
        return this.#edit('');
      default:
        // Any other key accepts the match and then does what it does on the line.
        this.#endSearch(search.line);
        return null;
    }
  }

  #endSearch(line: LineState): void {
    this.#lastSearch = this.#search?.query || this.#lastSearch;
    this.#search = null;
    this.#setLine(line.text, line.cursor);
  }

  #submit(): EditorOutput {
    const line = this.#text;
    const end = this.#renderAtEnd();
    const atFreshRow = this.#cursorCell().col === 0 && this.#row > 0 && !line.endsWith('\n');
    this.#mode = 'idle';
    for (const l of line.split('\n')) this.#history.add(l);
    return { text: end + (atFreshRow ? '' : '\r\n'), actions: [{ type: 'submit', line }] };
  }

  #setLine(text: string, cursor: number): void {
    this.#text = text;
    this.#cursor = cursor;
  }

  #insert(text: string): string {
    this.#setLine(
      this.#text.slice(0, this.#cursor) + text + this.#text.slice(this.#cursor),
      this.#cursor + text.length,
    );
    return '';
  }

  /** Removes `from..to`; `save` keeps it for Ctrl-Y. */
  #kill(from: number, to: number, save: boolean): string {
    if (to <= from) return '';
    if (save) this.#killed = this.#text.slice(from, to);
    this.#setLine(this.#text.slice(0, from) + this.#text.slice(to), from);
    return '';
  }

  #replace(from: number, text: string): string {
    this.#setLine(this.#text.slice(0, from) + text + this.#text.slice(this.#cursor), from + text.length);
    return this.#render();
  }

  #moveTo(cursor: number): EditorOutput {
    this.#cursor = cursor;
    return this.#edit('');
  }

  /** `before` (if any), then the line redrawn. */
  #edit(before: string): EditorOutput {
    return { text: before + this.#render(), actions: [] };
  }

  /** What is on screen: the prompt (or the search's), the line, the cursor in it. */
  #shown(): View {
    if (this.#search === null) return { prompt: this.#prompt, text: this.#text, cursor: this.#cursor };
    const { text, cursor } = this.#search.line;
    return { prompt: this.#search.prompt, text, cursor };
  }

  #cursorCell() {
    return cursorCell(this.#shown(), this.#columns);
  }

  #render(): string {
    const { out, row } = redraw(this.#shown(), this.#row, this.#columns);
    this.#row = row;
    return out;
  }

  /** Redraws with the cursor at the end of the line, as before Enter or a listing. */
  #renderAtEnd(): string {
    if (this.#search !== null) this.#endSearch(this.#search.line);
    this.#cursor = this.#text.length;
    return this.#render();
  }
}
