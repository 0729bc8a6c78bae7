/**
 * A small Go tokenizer: enough of the Go lexical grammar to read type declarations out of
 * k8s.io API packages. Comments are kept apart from the tokens (with their lines) so the
 * parser can attach doc comments the way go/parser does, and semicolons are inserted at line
 * ends by Go's own rule, so declarations and struct fields end with a `;` token.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'char' | 'op' | ';';

export interface Token {
  readonly kind: TokenKind;
  /** The identifier, operator or number text; for strings, the decoded value. */
  readonly text: string;
  /** 1-based line of the token's first character. */
  readonly line: number;
}

export interface Comment {
  /** The comment's lines without `//` (or `/*`, `*\/`), otherwise untouched. */
  readonly lines: readonly string[];
  readonly line: number;
  readonly endLine: number;
  /** Whether code precedes the comment on its first line (a trailing comment, never a doc). */
  readonly trailing: boolean;
  /** A `/* ... *\/` comment rather than a `//` one. */
  readonly block: boolean;
}

export interface Lexed {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

const SEMICOLON_AFTER_OPS = new Set([')', ']', '}', '++', '--']);
const SEMICOLON_AFTER_WORDS = new Set(['break', 'continue', 'fallthrough', 'return']);
const KEYWORDS_WITHOUT_SEMICOLON = new Set([
  'package',
  'import',
  'type',
  'func',
  'const',
  'var',
  'struct',
  'interface',
  'map',
  'chan',
  'if',
  'else',
  'for',
  'switch',
  'case',
  'default',
  'go',
  'defer',
  'select',
  'range',
  'goto',
]);

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function endsStatement(token: Token): boolean {
  switch (token.kind) {
    case 'ident':
      return SEMICOLON_AFTER_WORDS.has(token.text) || !KEYWORDS_WITHOUT_SEMICOLON.has(token.text);
    case 'op':
      return SEMICOLON_AFTER_OPS.has(token.text);
    case ';':
      return false;
    default:
      return true;
  }
}

/** Tokenizes one Go source file. Throws on an unterminated string or comment. */
export function lex(source: string): Lexed {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let line = 1;
  let lastTokenLine = 0;
  let i = 0;
  const push = (kind: TokenKind, text: string, at: number) => {
    tokens.push({ kind, text, line: at });
    lastTokenLine = at;
  };
  const newline = () => {
    const last = tokens.at(-1);
    if (last !== undefined && lastTokenLine === line && endsStatement(last)) {
      push(';', ';', line);
    }
    line++;
  };
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === '\n') {
      newline();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      comments.push({
        lines: [source.slice(i + 2, stop)],
        line,
        endLine: line,
        trailing: lastTokenLine === line,
        block: false,
      });
      i = stop;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`line ${line}: unterminated comment`);
      const lines = source.slice(i + 2, end).split('\n');
      const start = line;
      const trailing = lastTokenLine === line;
      for (let n = 1; n < lines.length; n++) newline();
      comments.push({ lines, line: start, endLine: line, trailing, block: true });
      i = end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_0-9]+/.exec(source.slice(i, i + 200)) ?? [c];
      push('ident', match[0], line);
      i += match[0].length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^[0-9A-Za-z_.]+/.exec(source.slice(i, i + 200)) ?? [c];
      push('number', match[0], line);
      i += match[0].length;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new Error(`line ${line}: unterminated raw string`);
      const text = source.slice(i + 1, end);
      push('string', text.replaceAll('\r', ''), line);
      line += text.split('\n').length - 1;
      lastTokenLine = line;
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        const ch = source[j] ?? '';
        if (ch === '\n') throw new Error(`line ${line}: unterminated string`);
        if (ch === '\\') {
          const next = source[j + 1] ?? '';
          text += ESCAPES[next] ?? `\\${next}`;
          j++;
        } else {
          text += ch;
        }
      }
      if (j >= source.length) throw new Error(`line ${line}: unterminated string`);
      push(c === '"' ? 'string' : 'char', text, line);
      i = j + 1;
    } else {
      const op = ['...', '++', '--'].find((o) => source.startsWith(o, i)) ?? c;
      push(op === ';' ? ';' : 'op', op, line);
      i += op.length;
    }
  }
  newline();
  return { tokens, comments };
}
