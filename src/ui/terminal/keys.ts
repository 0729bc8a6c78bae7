/**
 * Turns what xterm.js sends for the keyboard (`onData`: characters, control characters,
 * escape sequences, and pastes wrapped in bracketed-paste markers) into keys the line
 * editor understands.
 */

/** The editing keys the line editor handles. */
export type KeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'kill-word-right'
  | 'kill-word-left'
  | 'tab'
  | 'escape'
  | 'ctrl-a'
  | 'ctrl-c'
  | 'ctrl-d'
  | 'ctrl-e'
  | 'ctrl-g'
  | 'ctrl-k'
  | 'ctrl-l'
  | 'ctrl-r'
  | 'ctrl-u'
  | 'ctrl-w'
  | 'ctrl-y';

/** Normalizes pasted text: newlines as `\n`, tabs as spaces, no other control characters. */
function cleanPaste(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '')
      .replace(/\n+$/, '')
  );
}

/** One key press, typed text, or one paste (newlines as `\n`, without a final one). */
export type Key =
  | { readonly type: 'key'; readonly name: KeyName }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'paste'; readonly text: string };

const CONTROL: Readonly<Record<string, KeyName>> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x01': 'ctrl-a',
  '\x02': 'left',
  '\x03': 'ctrl-c',
  '\x04': 'ctrl-d',
  '\x05': 'ctrl-e',
  '\x06': 'right',
  '\x07': 'ctrl-g',
  '\x0b': 'ctrl-k',
  '\x0c': 'ctrl-l',
  '\x0e': 'down',
  '\x10': 'up',
  '\x12': 'ctrl-r',
  '\x15': 'ctrl-u',
  '\x17': 'ctrl-w',
  '\x19': 'ctrl-y',
};

/** Escape sequences, without the leading ESC. */
const SEQUENCES: Readonly<Record<string, KeyName>> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  '[H': 'home',
  '[F': 'end',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[4~': 'end',
  '[7~': 'home',
  '[8~': 'end',
  '[3~': 'delete',
  '[1;5C': 'word-right',
  '[1;5D': 'word-left',
  '[1;3C': 'word-right',
  '[1;3D': 'word-left',
  b: 'word-left',
  f: 'word-right',
  d: 'kill-word-right',
  '\x7f': 'kill-word-left',
  '\b': 'kill-word-left',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** The length of the escape sequence at `i` (which is ESC), or 1 for a lone ESC. */
function sequenceLength(data: string, i: number): number {
  const next = data.charAt(i + 1);
  if (next === '[') {
    // CSI: parameters and intermediates, then one final byte from @ to ~.
    let j = i + 2;
    while (j < data.length && !/[@-~]/.test(data.charAt(j))) j++;
    return Math.min(j + 1, data.length) - i;
  }
  if (next === 'O') return Math.min(3, data.length - i);
  return next === '' ? 1 : 2;
}

/** Decodes `onData` input; keeps state so a paste may arrive in several pieces. */
export class KeyDecoder {
  #paste: string | null = null;

  /** The keys in `data`, in order. Typed text in a row comes as one `text` key. */
  decode(data: string): Key[] {
    const keys: Key[] = [];
    const text = (t: string) => {
      const last = keys.at(-1);
      if (last?.type === 'text') keys[keys.length - 1] = { type: 'text', text: last.text + t };
      else keys.push({ type: 'text', text: t });
    };
    let i = 0;
    while (i < data.length) {
      if (this.#paste !== null) {
        const end = data.indexOf(PASTE_END, i);
        this.#paste += data.slice(i, end < 0 ? undefined : end);
        if (end < 0) break;
        keys.push({ type: 'paste', text: cleanPaste(this.#paste) });
        this.#paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      if (data.startsWith(PASTE_START, i)) {
        this.#paste = '';
        i += PASTE_START.length;
        continue;
      }
      const ch = data.charAt(i);
      if (ch === '\x1b') {
        const length = sequenceLength(data, i);
        const name = length === 1 ? 'escape' : SEQUENCES[data.slice(i + 1, i + length)];
        if (name !== undefined) keys.push({ type: 'key', name });
        i += length;
        continue;
      }
      const control = CONTROL[ch];
      if (control !== undefined) keys.push({ type: 'key', name: control });
      else if (ch >= ' ' && !/[\x80-\x9f]/.test(ch)) text(ch);
      i++;
    }
    return keys;
  }
}
