/**
 * Reads a kubectl command line up to the cursor as cobra does when it completes: which
 * command the words name, which flags are set (and to what), which positional arguments
 * are given, and the word being completed.
 */
import { COMMANDS, GLOBAL_FLAGS, HELP_FLAG, type FlagInfo } from './kubectl-commands';

/** One word of a shell line: its text once quotes are removed, and where it starts. */
export interface Word {
  readonly text: string;
  readonly start: number;
}

/**
 * Splits `line` into shell words, keeping where each starts. Quotes group, a backslash
 * escapes one character; an unfinished quote runs to the end. When the line ends in a blank,
 * the last word is the empty word about to be typed.
 */
export function splitWords(line: string): Word[] {
  const words: Word[] = [];
  let text = '';
  let start = -1;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) text += line.charAt(++i);
      else text += ch;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (start >= 0) words.push({ text, start });
      text = '';
      start = -1;
    } else {
      if (start < 0) start = i;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\' && i + 1 < line.length) text += line.charAt(++i);
      else text += ch;
    }
  }
  words.push(start >= 0 ? { text, start } : { text: '', start: line.length });
  return words;
}

/** A kubectl command line, parsed up to the word being completed. */
export interface ParsedLine {
  /** The command's path (`rollout status`), `''` for kubectl itself. */
  readonly path: string;
  /** Positional arguments before the current word. */
  readonly args: readonly string[];
  /** Long names of the flags given, with their last value (`''` for a switch). */
  readonly flags: ReadonlyMap<string, string>;
  /** A flag before the current word that is still waiting for its value. */
  readonly pendingFlag: FlagInfo | null;
  /** The word being completed. */
  readonly current: Word;
}

/** The flags a command accepts: its own, the global ones it does not redefine, and `--help`. */
export function flagsOf(path: string): FlagInfo[] {
  const own = COMMANDS.get(path)?.flags ?? [];
  return [...GLOBAL_FLAGS.filter((g) => !own.some((f) => f.name === g.name)), ...own, HELP_FLAG];
}

/**
 * Parses the words of a line that starts with `kubectl`, up to the cursor; null for a line
 * that runs something else.
 */
export function parseLine(line: string): ParsedLine | null {
  const words = splitWords(line);
  const current = words.pop() ?? { text: '', start: line.length };
  if (words[0]?.text !== 'kubectl') return null;
  let path = '';
  const args: string[] = [];
  const flags = new Map<string, string>();
  let pending: FlagInfo | null = null;
  let dashDash = false;
  for (const { text } of words.slice(1)) {
    if (pending !== null) {
      flags.set(pending.name, text);
      pending = null;
    } else if (dashDash || !text.startsWith('-') || text === '-') {
      const sub = path === '' ? text : `${path} ${text}`;
      if (args.length === 0 && COMMANDS.has(sub)) path = sub;
      else args.push(text);
    } else if (text === '--') {
      dashDash = true;
    } else if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq < 0 ? undefined : eq);
      const flag = flagsOf(path).find((f) => f.name === name);
      flags.set(name, eq < 0 ? '' : text.slice(eq + 1));
      if (flag?.takesValue && eq < 0) pending = flag;
    } else {
      pending = readShorthands(text.slice(1), path, flags);
    }
  }
  return { path, args, flags, pendingFlag: pending, current };
}

/** Reads `-abc`, `-n value` and `-nvalue`; returns the flag still waiting for its value. */
function readShorthands(letters: string, path: string, flags: Map<string, string>): FlagInfo | null {
  for (let i = 0; i < letters.length; i++) {
    const flag = flagsOf(path).find((f) => f.shorthand === letters.charAt(i));
    if (flag === undefined) continue;
    if (!flag.takesValue) {
      flags.set(flag.name, '');
      continue;
    }
    const rest = letters.slice(i + 1).replace(/^=/, '');
    if (rest === '') return flag;
    flags.set(flag.name, rest);
    return null;
  }
  return null;
}
