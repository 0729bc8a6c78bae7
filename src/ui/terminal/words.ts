/**
 * The shell's reading of a line: words (quotes and backslashes removed, where each one is
 * in the line kept) and the operators between them, and bash's alias expansion.
 */

/** A word, or a shell operator (`|`, `>`, `;`, `&&`...). */
export type Token =
  | {
      readonly kind: 'word';
      /** The word with its quotes and escapes removed. */
      readonly text: string;
      /** Where the word starts and ends in the line. */
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'operator'; readonly text: string; readonly start: number; readonly end: number };

const OPERATORS = ['$(', '&&', '||', '>>', '|', '&', ';', '<', '>', '(', ')', '`'];

/** Splits a line into words and operators; an unfinished quote is an error, as bash says it. */
export function tokenize(line: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') break;
    const operator = OPERATORS.find((op) => line.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, start: i, end: i + operator.length });
      i += operator.length;
      continue;
    }
    const start = i;
    let text = '';
    while (i < line.length && !/\s/.test(line.charAt(i))) {
      const c = line.charAt(i);
      if (OPERATORS.some((op) => line.startsWith(op, i))) break;
      if (c === "'" || c === '"') {
        const close = closingQuote(line, i);
        if (close < 0) return { error: `unexpected EOF while looking for matching \`${c}'` };
        const quoted = line.slice(i + 1, close);
        text += c === '"' ? quoted.replace(/\\([\\"$`])/g, '$1') : quoted;
        i = close + 1;
      } else if (c === '\\') {
        text += line.charAt(i + 1);
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ kind: 'word', text, start, end: i });
  }
  return tokens;
}

/** Where the quote opened at `open` closes (in double quotes, `\"` does not close), or -1. */
function closingQuote(line: string, open: number): number {
  const quote = line.charAt(open);
  for (let i = open + 1; i < line.length; i++) {
    if (line.charAt(i) === quote) return i;
    if (quote === '"' && line.charAt(i) === '\\') i++;
  }
  return -1;
}

/** A word that alias expansion may replace: plain characters, no quotes or escapes. */
const PLAIN_WORD = /^(\s*)([^\s|&;<>()'"`\\$]+)(?=$|[\s|&;<>()])/;

/**
 * Expands aliases at the start of `line`, as bash does: the first word, if it is an alias
 * not already being expanded, is replaced by its value, whose own first word is checked in
 * turn; when a value ends with a blank, the word after it is checked too.
 */
export function expandAliases(
  line: string,
  aliases: ReadonlyMap<string, string>,
  expanding: ReadonlySet<string> = new Set(),
): string {
  const match = PLAIN_WORD.exec(line);
  const [whole, blanks = '', word = ''] = match ?? [];
  const value = aliases.get(word);
  if (match === null || value === undefined || expanding.has(word)) return line;
  const inner = new Set([...expanding, word]);
  const rest = line.slice((whole ?? '').length);
  const after = /\s$/.test(value) ? expandAliases(rest, aliases, inner) : rest;
  return blanks + expandAliases(value, aliases, inner) + after;
}
