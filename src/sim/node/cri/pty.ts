/**
 * The pseudo-terminal a runtime gives a process exec'd with a TTY (`kubectl exec -it`), in
 * its default (canonical) mode: the client's terminal is raw and sends every key, and the
 * pty's line discipline does what a terminal does on a Linux box. It echoes what is typed,
 * edits the line (Backspace, Ctrl-U), hands the process a whole line on Enter, turns Ctrl-D
 * into end of input (or sends the line so far), Ctrl-C into SIGINT, and writes the process's
 * newlines as CR LF. Pure.
 */

const ESC = '\x1b';
/** Arrow and function keys' escape sequences, which canonical mode does not edit with. */
const ESCAPES = new RegExp(`${ESC}\\[[0-9;?]*[@-~]|${ESC}O.`, 'g');

/** Where the pty sends things: the terminal's screen, the process's stdin, its signals. */
export interface PtyEnds {
  /** Text for the terminal (echo, and the process's output). */
  screen(text: string): void;
  /** Input for the process: a line or what Ctrl-D flushed, or null (end of input). */
  stdin(data: string | null): void;
  /** Ctrl-C: SIGINT for the process. */
  interrupt(): void;
}

/** One pty, between a client's raw terminal and a process. */
export class Pty {
  #line = '';

  constructor(private readonly ends: PtyEnds) {}

  /** Keys from the client's terminal. */
  input(data: string): void {
    let echo = '';
    const flush = () => {
      if (echo !== '') this.ends.screen(echo);
      echo = '';
    };
    for (const char of data.replace(ESCAPES, '')) {
      if (char === '\r' || char === '\n') {
        echo += '\r\n';
        flush();
        const line = this.#line;
        this.#line = '';
        this.ends.stdin(`${line}\n`);
      } else if (char === '\x7f' || char === '\b') {
        const chars = [...this.#line];
        if (chars.pop() === undefined) continue;
        this.#line = chars.join('');
        echo += '\b \b';
      } else if (char === '\x15') {
        echo += '\b \b'.repeat([...this.#line].length);
        this.#line = '';
      } else if (char === '\x04') {
        flush();
        const line = this.#line;
        this.#line = '';
        this.ends.stdin(line === '' ? null : line);
      } else if (char === '\x03') {
        echo += '^C\r\n';
        flush();
        this.#line = '';
        this.ends.interrupt();
      } else if (char >= ' ') {
        this.#line += char;
        echo += char;
      }
    }
    flush();
  }

  /** The process's output as the terminal gets it: each newline as CR LF (onlcr). */
  output(text: string): string {
    return text.replace(/\r?\n/g, '\r\n');
  }
}
