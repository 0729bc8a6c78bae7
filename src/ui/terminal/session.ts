/**
 * One terminal session: wires the line editor and the shell to a terminal. Keys go to the
 * editor, the lines it submits go to the shell, and the prompt comes back when a line has
 * run. Pure: the terminal (xterm.js in the page) and kubectl are given to it.
 */
import { History } from './history';
import { LineEditor } from './line-editor';
import { PROMPT, Shell, type ShellEnv, type ShellTerminal } from './shell';

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
  }

  /** Greets and shows the first prompt. */
  start(): void {
    this.#term.write(GREETING + BRACKETED_PASTE + this.#editor.prompt(PROMPT));
  }

  /** Handles what the user typed or pasted (xterm.js's `onData`). */
  input(data: string): void {
    const { text, actions } = this.#editor.feed(data);
    if (text !== '') this.#term.write(text);
    for (const action of actions) {
      switch (action.type) {
        case 'submit':
          void this.shell
            .run(action.line, this.#term)
            .then(() => this.#term.write(this.#editor.prompt(PROMPT)));
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

  /** Ends the session: stops what runs (a watch, a streaming command); nothing more is written. */
  close(): void {
    this.shell.interrupt();
    this.#closed = true;
  }

  /** The terminal changed size: redraws the line being edited. */
  resize(): void {
    const text = this.#editor.resize(this.#term.columns);
    if (text !== '') this.#term.write(text);
  }
}
