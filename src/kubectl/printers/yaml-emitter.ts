/**
 * The writing half of libyaml's emitter as yaml.v2 runs it: the column and indentation
 * state, and the four scalar styles kubectl's YAML uses. Plain, single- and double-quoted
 * scalars fold at a space once past column 80, continuing on the next line at the current
 * indentation; literal blocks get `|`, `|-` or `|+` and an indentation hint when they
 * start with a space or a line break.
 */
import { isBreak, isPrintable, isSpace } from './yaml-scalar';

/** Spaces per indentation level. */
const BEST_INDENT = 2;
const BEST_WIDTH = 80;

/** libyaml's emitter state, reduced to what block-style output of JSON values needs. */
export class Emitter {
  /** The text written so far. */
  out = '';
  /** The current column, in characters. */
  column = 0;
  /** The current indentation (-1 before the first node). */
  indent = -1;
  private readonly indents: number[] = [];
  /** Whether the last thing written was whitespace (no separating space needed). */
  whitespace = true;
  /** Whether the line so far is only indentation. */
  indention = true;

  /** Writes text that holds no line break. */
  put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }

  /** Writes a newline. */
  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** Writes a line break character from a scalar (NEL, LS, PS are written as themselves). */
  writeBreak(c: string): void {
    if (c === '\n') return this.putBreak();
    this.out += c;
    this.column = 0;
  }

  /** yaml_emitter_write_indicator: `-`, `:`, `?`, quotes, `|`, `{}`... */
  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** yaml_emitter_write_indent: a new line (unless already at the indentation) and the indentation. */
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  /** Enters a nested node: one level deeper, unless `indentless` (a sequence under a mapping key). */
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  /** Leaves a nested node. */
  popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }
}

/** yaml_emitter_write_plain_scalar. */
export function writePlain(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  if (!e.whitespace) e.put(' ');
  let spaces = false;
  let breaks = false;
  chars.forEach((c, i) => {
    if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && !isSpace(chars[i + 1])) e.writeIndent();
      else e.put(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') e.putBreak();
      e.writeBreak(c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      e.put(c);
      e.indention = false;
      spaces = breaks = false;
    }
  });
  e.whitespace = false;
  e.indention = false;
}

/** yaml_emitter_write_single_quoted_scalar: `'` doubled inside. */
export function writeSingleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  e.indicator("'", true, false, false);
  let spaces = false;
  let breaks = false;
  chars.forEach((c, i) => {
    if (isSpace(c)) {
      const inside = i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1]);
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && inside) e.writeIndent();
      else e.put(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') e.putBreak();
      e.writeBreak(c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      e.put(c === "'" ? "''" : c);
      e.indention = false;
      spaces = breaks = false;
    }
  });
  e.indicator("'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}

const DOUBLE_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function escape(c: string): string {
  const p = c.codePointAt(0) ?? 0;
  const short = DOUBLE_ESCAPES[p];
  if (short !== undefined) return `\\${short}`;
  const hex = p.toString(16).toUpperCase();
  if (p <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return p <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

/** yaml_emitter_write_double_quoted_scalar: YAML escapes for what is not printable. */
export function writeDoubleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  e.indicator('"', true, false, false);
  // libyaml's is_bom looks at the start of the value, not at the current character.
  const bom = chars[0] === '\ufeff';
  let spaces = false;
  chars.forEach((c, i) => {
    if (bom || !isPrintable(c) || isBreak(c) || c === '"' || c === '\\') {
      e.put(escape(c));
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        e.writeIndent();
        if (isSpace(chars[i + 1])) e.put('\\');
      } else e.put(c);
      spaces = true;
    } else {
      e.put(c);
      spaces = false;
    }
  });
  e.indicator('"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

/** yaml_emitter_write_literal_scalar with its block scalar hints. */
export function writeLiteral(e: Emitter, chars: readonly string[]): void {
  e.indicator('|', true, false, false);
  if (isSpace(chars[0]) || isBreak(chars[0])) e.indicator(String(BEST_INDENT), false, false, false);
  const last = chars.length - 1;
  if (!isBreak(chars[last])) e.indicator('-', false, false, false);
  else if (last === 0 || isBreak(chars[last - 1])) e.indicator('+', false, false, false);
  e.putBreak();
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      e.writeBreak(c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) e.writeIndent();
      e.put(c);
      e.indention = false;
      breaks = false;
    }
  }
}
