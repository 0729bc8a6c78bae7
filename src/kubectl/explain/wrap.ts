/**
 * The text helpers of kubectl explain's template: word wrapping as mitchellh/go-wordwrap
 * v1.0.1 does it (at white space only, a long word overflowing, widths in runes, no-break
 * spaces kept inside words), and indenting every line.
 */

const NBSP = '\u00a0';
const SPACE = /^\s$/u;

/** Wraps `text` at `limit` columns, breaking only at white space. */
export function wrap(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let spaces = '';
  let spacesLen = 0;
  const flushSpaces = () => {
    out += spaces;
    spaces = '';
    spacesLen = 0;
  };
  const flushWord = () => {
    out += word;
    word = '';
    wordLen = 0;
  };
  for (const char of text) {
    if (char === '\n') {
      if (wordLen === 0) {
        if (current + spacesLen <= limit) flushSpaces();
        spaces = '';
        spacesLen = 0;
      } else {
        flushSpaces();
        flushWord();
      }
      out += char;
      current = 0;
    } else if (SPACE.test(char) && char !== NBSP) {
      if (spacesLen === 0 || wordLen > 0) {
        current += spacesLen + wordLen;
        flushSpaces();
        flushWord();
      }
      spaces += char;
      spacesLen++;
    } else {
      word += char;
      wordLen++;
      if (current + spacesLen + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        spaces = '';
        spacesLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spacesLen <= limit) out += spaces;
  } else out += spaces + word;
  return out;
}

/** Puts `amount` spaces before the text and after every newline in it. */
export function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.replaceAll('\n', `\n${pad}`);
}
