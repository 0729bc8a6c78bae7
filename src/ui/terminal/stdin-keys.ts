/**
 * What the terminal does with keys while a command reads them (see Shell.mode): in raw mode
 * (`kubectl exec -it`) every key goes to the container as typed, Ctrl-C and Ctrl-D too (the
 * pty in the container makes them SIGINT and end of input, as on a real node);
 * in line mode (`kubectl exec -i`) the terminal edits a line the way a tty's line discipline
 * does (echo, Backspace, Ctrl-U), sends it on Enter, and Ctrl-D ends the input. Pure.
 */

/** What to do with some input: text to echo on the screen, what to send, and Ctrl-C. */
export interface StdinKeys {
  /** Text for the terminal (line mode's echo). */
  readonly echo: string;
  /** For the command's stdin, in order: text, or null for the end of the input. */
  readonly send: readonly (string | null)[];
  /** Ctrl-C was pressed (line mode): interrupt the command. */
  readonly interrupt: boolean;
}

const ESC = '\x1b';
/** Bracketed paste's markers, which the shell turned on and a command does not expect. */
const PASTE_MARKERS = new RegExp(`${ESC}\\[20[01]~`, 'g');
/** Escape sequences (arrow and function keys), which line mode does not edit with. */
const ESCAPES = new RegExp(`${ESC}\\[[0-9;?]*[@-~]|${ESC}O.`, 'g');

/** Raw mode: everything as typed, control keys included, for the container's pty. */
export function rawKeys(data: string): StdinKeys {
  const text = data.replace(PASTE_MARKERS, '');
  return { echo: '', send: text === '' ? [] : [text], interrupt: false };
}

/** Line mode: a line being typed, sent whole on Enter. */
export class LineDiscipline {
  #line = '';

  /** Handles typed or pasted input. */
  feed(data: string): StdinKeys {
    let echo = '';
    const send: (string | null)[] = [];
    let interrupt = false;
    const text = data.replace(PASTE_MARKERS, '').replace(ESCAPES, '');
    for (const char of text) {
      if (char === '\r' || char === '\n') {
        echo += '\r\n';
        send.push(`${this.#line}\n`);
        this.#line = '';
      } else if (char === '\x7f' || char === '\b') {
        const chars = [...this.#line];
        if (chars.length === 0) continue;
        chars.pop();
        this.#line = chars.join('');
        echo += '\b \b';
      } else if (char === '\x15') {
        echo += '\b \b'.repeat([...this.#line].length);
        this.#line = '';
      } else if (char === '\x04') {
        send.push(this.#line === '' ? null : this.#line);
        this.#line = '';
      } else if (char === '\x03') {
        echo += '^C';
        interrupt = true;
        this.#line = '';
        break;
      } else if (char >= ' ') {
        this.#line += char;
        echo += char;
      }
    }
    return { echo, send, interrupt };
  }
}
