/**
 * One terminal session: wires the line editor and the shell to a terminal. Keys go to the
 * editor, the lines it submits go to the shell, and the prompt comes back when a line has
 * run; while a command reads the terminal (`kubectl exec -it`) keys go to it instead. Keys
 * typed while a command runs without reading the terminal wait, as a tty's typeahead does,
 * for whoever reads next: the command once it asks for the terminal, else the next prompt.
 * Pure: the terminal (xterm.js in the page) and kubectl are given to it.
 */
import { History } from './history';
import { LineEditor } from './line-editor';
import { PROMPT, Shell, type ShellEnv, type ShellTerminal } from './shell';
import { LineDiscipline, rawKeys } from './stdin-keys';

/** The greeting above the first prompt. */
export const GREETING =
  '\x1b[2mKubelab terminal: kubectl here talks to the simulated cluster. Type help to see what you can do.\x1b[0m\r\n';

/** Turns on bracketed paste, so a paste arrives as one piece and is not run line by line. */
const BRACKETED_PASTE = '\x1b[?2004h';

/** A shell session on one terminal, from the greeting to `close()`. */
export class TerminalSession {
  readonly history = new History();
  readonly shell: Shell;
  readonly #editor: LineEditor;
  readonly #term: ShellTerminal;
  /** The line being typed for a command that reads the terminal in line mode. */
  #line = new LineDiscipline();
  /** What was typed while a command ran without reading the terminal (typeahead). */
  #typeahead = '';
  /** Lines typed for the user (see {@link type}) while a command ran: for the next prompt. */
  #requests: string[] = [];
  #closed = false;

  constructor(term: ShellTerminal, env: Omit<ShellEnv, 'history'>) {
    const closed = () => this.#closed;
    this.#term = {
      write: (text) => !closed() && term.write(text),
      get columns() {
        return term.columns;
      },
      get rows() {
        return term.rows;
      },
    };
    this.shell = new Shell({ ...env, history: this.history });
    this.#editor = new LineEditor({ columns: term.columns, history: this.history });
    this.shell.onMode((mode) => {
      this.#line = new LineDiscipline();
      if (mode !== 'off') this.#flushTypeahead();
    });
  }

  /** Greets and shows the first prompt. */
  start(): void {
    this.#term.write(GREETING + BRACKETED_PASTE + this.#editor.prompt(PROMPT));
  }

  /**
   * Handles what the user typed or pasted (xterm.js's `onData`): the line editor's, unless
   * the running command reads the terminal (see {@link Shell.mode}).
   */
  input(data: string): void {
    if (this.shell.mode !== 'off') return this.#stdin(data);
    if (!this.#editor.editing && !data.includes('\x03')) {
      this.#typeahead += data;
      return;
    }
    // Ctrl-C flushes the typeahead with the command, as the tty does on SIGINT.
    if (!this.#editor.editing) this.#typeahead = '';
    const { text, actions } = this.#editor.feed(data);
    if (text !== '') this.#term.write(text);
    for (const action of actions) {
      switch (action.type) {
        case 'submit':
          void this.shell.run(action.line, this.#term).then(() => {
            this.#term.write(this.#editor.prompt(PROMPT));
            this.#flushTypeahead();
            const next = this.#requests.shift();
            if (next !== undefined) this.input(next);
          });
          break;
        case 'interrupt':
          this.shell.interrupt();
          break;
        case 'complete':
          void this.shell
            .complete(action.line, action.cursor)
            .then((result) => this.#term.write(this.#editor.complete(result)));
          break;
      }
    }
  }

  /**
   * Types `line` at the prompt for the user (a lesson's runnable block, an embedding page),
   * replacing what was typed there, and presses Enter if `run`. While a command runs it
   * waits for the prompt, and never goes to a command that reads the terminal.
   */
  type(line: string, run: boolean): void {
    // End of line, kill to its start, then the line as a paste: nothing in it acts as a key.
    const keys = `\x05\x15\x1b[200~${line}\x1b[201~${run ? '\r' : ''}`;
    if (this.shell.mode === 'off' && this.#editor.editing && this.#requests.length === 0) this.input(keys);
    else this.#requests.push(keys);
  }

  /** Ends the session: stops what runs (a watch, a streaming command); nothing more is written. */
  close(): void {
    this.shell.interrupt();
    this.#closed = true;
  }

  /** The terminal changed size: redraws the line being edited, and tells a command reading it. */
  resize(): void {
    const text = this.#editor.resize(this.#term.columns);
    if (text !== '') this.#term.write(text);
    this.shell.resize(this.#term.columns, this.#term.rows);
  }

  /** Hands the typeahead to whoever reads the terminal now. */
  #flushTypeahead(): void {
    const data = this.#typeahead;
    this.#typeahead = '';
    if (data !== '') this.input(data);
  }

  /** Keys for a command that reads the terminal: passed as typed (raw), or a line at a time. */
  #stdin(data: string): void {
    const keys = this.shell.mode === 'raw' ? rawKeys(data) : this.#line.feed(data);
    if (keys.echo !== '') this.#term.write(keys.echo);
    for (const chunk of keys.send) this.shell.input(chunk);
    if (keys.interrupt) this.shell.interrupt();
  }
}
