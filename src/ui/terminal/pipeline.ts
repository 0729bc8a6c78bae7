/**
 * The one kind of pipeline the lab's shell runs: a command whose output goes through
 * `grep` (any number of them: `kubectl get pods -A | grep kube | grep -v proxy`). Other
 * pipes, redirections and command lists are refused with a message that says so.
 */
import type { Token } from './words';

/** A line of output and whether it passes. */
export type LineFilter = (line: string) => boolean;

/** A command (its text and words) and the grep filters its output goes through. */
export interface Pipeline {
  /** The command's text as typed, without the pipes after it. */
  readonly command: string;
  readonly words: readonly string[];
  readonly filters: readonly LineFilter[];
}

/** Why a line cannot run: a message for stderr and the exit code. */
export interface ShellError {
  readonly error: string;
  readonly code: number;
}

const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  '>': 'redirections (>)',
  '>>': 'redirections (>>)',
  '<': 'redirections (<)',
  '$(': 'command substitutions ($( ))',
  '`': 'command substitutions (` `)',
  '(': 'subshells (( ))',
  ')': 'subshells (( ))',
};

/** bash's exit code for a command line it cannot parse or run this way. */
const USAGE = 2;

/** Splits a tokenized line into its command and grep filters. */
export function parsePipeline(line: string, tokens: readonly Token[]): Pipeline | ShellError {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'word') segments.at(-1)?.push(token);
    else if (token.text === '|') segments.push([]);
    else
      return {
        error: `kubelab: ${OPERATOR_NAMES[token.text] ?? `command lists (${token.text})`} are not supported here: type one command per line`,
        code: USAGE,
      };
  }
  const [first = [], ...rest] = segments;
  if (first.length === 0 || rest.some((s) => s.length === 0))
    return { error: "bash: syntax error near unexpected token `|'", code: USAGE };
  const filters: LineFilter[] = [];
  for (const segment of rest) {
    const words = segment.map((t) => t.text);
    if (words[0] !== 'grep')
      return {
        error: `kubelab: only grep can read a pipe here, not ${words[0]}: this shell runs kubectl commands`,
        code: USAGE,
      };
    const filter = grepFilter(words.slice(1));
    if ('error' in filter) return filter;
    filters.push(filter.filter);
  }
  const end = first.at(-1)?.end ?? 0;
  return { command: line.slice(first[0]?.start ?? 0, end), words: first.map((t) => t.text), filters };
}

const GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";

/**
 * grep's line filter for its arguments: `-i` (ignore case), `-v` (invert), `-w` (whole
 * words), `-E` (extended regular expressions), `-F` (fixed strings), `-e PATTERN`.
 */
function grepFilter(args: readonly string[]): { filter: LineFilter } | ShellError {
  const options = new Set<string>();
  let pattern: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-e') pattern = args[++i] ?? null;
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        if (!'ivwEFG'.includes(letter))
          return { error: `grep: invalid option -- '${letter}'\n${GREP_USAGE}`, code: USAGE };
        options.add(letter);
      }
    } else if (pattern === null) pattern = arg;
    else return { error: `grep: ${arg}: files cannot be read here: grep reads the pipe`, code: USAGE };
  }
  if (pattern === null) return { error: GREP_USAGE, code: USAGE };
  let source = options.has('F')
    ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    : options.has('E')
      ? pattern
      : basicToExtended(pattern);
  if (options.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, options.has('i') ? 'i' : '');
  } catch {
    return { error: 'grep: Invalid regular expression', code: USAGE };
  }
  const invert = options.has('v');
  return { filter: (line) => regex.test(line) !== invert };
}

/** A basic regular expression (grep's default) as an extended one: `\(`, `\|`, `\+` are the operators. */
function basicToExtended(pattern: string): string {
  return pattern.replace(/\\([(){}|+?])|([(){}|+?])/g, (_, escaped: string | undefined, plain: string) =>
    escaped !== undefined ? escaped : `\\${plain}`,
  );
}

/**
 * Output on its way to the terminal through a pipeline's filters: stdout is cut into lines
 * and each line goes through every filter; stderr is not piped.
 */
export class PipedOutput {
  #partial = '';
  #matched = false;

  constructor(
    private readonly filters: readonly LineFilter[],
    private readonly write: (stream: 'stdout' | 'stderr', text: string) => void,
  ) {}

  stdout(text: string): void {
    if (this.filters.length === 0) return this.write('stdout', text);
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#line(line, '\n');
  }

  stderr(text: string): void {
    this.write('stderr', text);
  }

  /** Ends the output; returns the pipeline's exit code (grep's, when there is a grep). */
  end(commandCode: number): number {
    if (this.filters.length === 0) return commandCode;
    if (this.#partial !== '') this.#line(this.#partial, '\n');
    this.#partial = '';
    return this.#matched ? 0 : 1;
  }

  #line(line: string, end: string): void {
    if (!this.filters.every((f) => f(line))) return;
    this.#matched = true;
    this.write('stdout', line + end);
  }
}
