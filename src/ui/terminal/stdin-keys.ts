/**
 * What the terminal does with keys while a command reads them (see Shell.mode): in raw mode
 * (`kubectl exec -it`) every key goes to the container as typed, and Ctrl-D ends the input;
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

/** Raw mode: everything as typed, cut at each Ctrl-D (the end of the input). */
export function rawKeys(data: string): StdinKeys {
  const send: (string | null)[] = [];
  const parts = data.replace(PASTE_MARKERS, '').split('\x04');
  parts.forEach((part, i) => {
    if (part !== '') send.push(part);
    if (i < parts.length - 1) send.push(null);
  });
  return { echo: '', send, interrupt: false };
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
