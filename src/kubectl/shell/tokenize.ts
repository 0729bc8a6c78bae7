/**
 * Splits a typed command line into words the way a POSIX shell would before running a
 * program: blanks separate words, single quotes keep everything literally, double quotes
 * keep everything but `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the
 * next character, and `#` at the start of a word begins a comment.
 *
 * The in-page terminal runs one command per line, so the operators that would make a
 * pipeline, a redirection or a command list (`|`, `&`, `;`, `<`, `>`, `(`, `)`, `` ` ``,
 * `$(`) are rejected here with a message naming the operator, rather than passed on to
 * kubectl as arguments. Variables (`$HOME`) and globs are not expanded: `$` and `*` stay
 * literal, which is also what a shell does with a glob that matches no file.
 */

/** The words of a line, or why the line cannot be run. */
export type TokenizeResult = { readonly words: string[] } | { readonly error: string };

const BLANKS = new Set([' ', '\t', '\n', '\r']);
const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);
/** Characters a backslash escapes inside double quotes; before any other it stays. */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

/** What each shell operator the terminal does not run is called, for the error message. */
const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  '|': 'pipes',
  '<': 'redirections',
  '>': 'redirections',
  '`': 'command substitutions',
  '$(': 'command substitutions',
  '(': 'subshells',
  ')': 'subshells',
};

function unsupported(operator: string): { error: string } {
  const what = OPERATOR_NAMES[operator] ?? 'command lists';
  return { error: `${what} (${operator}) are not supported here: type one command per line` };
}

/** Tokenizes `line` into words, as a shell would before running a simple command. */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  let word = '';
  // Whether a word has started: `''` is an empty word, blanks alone are none.
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (BLANKS.has(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === '#' && !inWord) {
      break;
    } else if (ch === '\\') {
      const next = line.charAt(i + 1);
      // A backslash before a newline continues the line; at the very end it is kept.
      if (next === '\n') {
        i += 2;
        continue;
      }
      word += next === '' ? '\\' : next;
      inWord = true;
      i += 2;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const quoted = readDoubleQuoted(line, i + 1);
      if ('error' in quoted) return quoted;
      word += quoted.text;
      inWord = true;
      i = quoted.end + 1;
    } else if (ch === '$' && line.charAt(i + 1) === '(') {
      return unsupported('$(');
    } else if (OPERATORS.has(ch)) {
      const doubled = line.charAt(i + 1) === ch && (ch === '&' || ch === '|');
      return unsupported(doubled ? ch + ch : ch);
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { words };
}

/** Reads a double-quoted string starting after its opening quote, up to its closing one. */
function readDoubleQuoted(line: string, start: number): { text: string; end: number } | { error: string } {
  let text = '';
  let i = start;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (ch === '"') return { text, end: i };
    if (ch === '\\' && DOUBLE_QUOTE_ESCAPES.has(line.charAt(i + 1))) {
      const next = line.charAt(i + 1);
      if (next !== '\n') text += next;
      i += 2;
    } else if (ch === '`' || (ch === '$' && line.charAt(i + 1) === '(')) {
      return unsupported(ch === '`' ? '`' : '$(');
    } else {
      text += ch;
      i++;
    }
  }
  return { error: 'unexpected EOF while looking for matching `"\'' };
}
