/**
 * Command-line flag parsing with pflag's rules and error texts: `--name=value`,
 * `--name value`, `-n value`, `-nvalue`, `-n=value`, combined bool shorthands (`-Aw`),
 * `--bool=false`, flags anywhere among the arguments, and `--` ending the flags.
 */
import { FlagValues, type FlagSpec } from './flags';
import { goQuote, parseDurationFlag, parseGoBool, parseGoInt, splitCsv, type FlagValue } from './values';

/**
 * The outcome of parsing: the positional arguments and flag values (and, as pflag's
 * ArgsLenAtDash, how many arguments came before `--`, or -1), or pflag's error text.
 */
export type ParseResult =
  | {
      readonly args: string[];
      readonly values: FlagValues;
      readonly help: boolean;
      readonly argsLenAtDash: number;
    }
  | { readonly error: string };

/** The `-h, --help` flag cobra gives every command. */
export const HELP_FLAG: FlagSpec = {
  name: 'help',
  shorthand: 'h',
  type: 'bool',
  usage: 'help for the command',
};

/** How a flag is named in pflag's "invalid argument" errors: `-A, --all-namespaces` or `--raw`. */
function displayName(spec: FlagSpec): string {
  return spec.shorthand === undefined ? `--${spec.name}` : `-${spec.shorthand}, --${spec.name}`;
}

/** Converts the text given for a flag into its value, or pflag's error. */
function convert(spec: FlagSpec, text: string): FlagValue | { error: string } {
  switch (spec.type) {
    case 'bool':
      return parseGoBool(text);
    case 'string':
      return text;
    case 'int':
      return parseGoInt(text, 0, 64);
    case 'level':
      return parseGoInt(text, 10, 32);
    case 'stringSlice':
      return splitCsv(text);
    case 'stringArray':
      return [text];
    case 'duration':
      return parseDurationFlag(text);
  }
}

/** Parses `argv` against `specs` (which should include HELP_FLAG). */
export function parseFlags(specs: readonly FlagSpec[], argv: readonly string[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShorthand = new Map(specs.filter((s) => s.shorthand !== undefined).map((s) => [s.shorthand, s]));
  const values = new FlagValues(specs);
  const args: string[] = [];
  let argsLenAtDash = -1;
  const queue = [...argv];
  const set = (spec: FlagSpec, text: string): string | undefined => {
    const value = convert(spec, text);
    if (typeof value === 'object' && 'error' in value)
      return `invalid argument ${goQuote(text)} for "${displayName(spec)}" flag: ${value.error}`;
    values.set(spec.name, value);
    return undefined;
  };
  while (queue.length > 0) {
    const arg = queue.shift() as string;
    if (arg.length < 2 || !arg.startsWith('-')) {
      args.push(arg);
      continue;
    }
    if (arg === '--') {
      argsLenAtDash = args.length;
      args.push(...queue);
      break;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) return { error: `bad flag syntax: ${arg}` };
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = byName.get(name);
      if (spec === undefined) return { error: `unknown flag: --${name}` };
      let text: string;
      if (eq >= 0) text = body.slice(eq + 1);
      else if (spec.noOptDefault !== undefined) text = spec.noOptDefault;
      else if (spec.type === 'bool') text = 'true';
      else if (queue.length > 0) text = queue.shift() as string;
      else return { error: `flag needs an argument: ${arg}` };
      const error = set(spec, text);
      if (error !== undefined) return { error };
      continue;
    }
    // One or more shorthands: -A, -Aw, -nvalue, -n=value, -n value.
    let shorthands = arg.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands.charAt(0);
      const spec = byShorthand.get(c);
      if (spec === undefined) return { error: `unknown shorthand flag: '${c}' in -${shorthands}` };
      let text: string;
      let rest = '';
      if (shorthands.length > 2 && shorthands.charAt(1) === '=') text = shorthands.slice(2);
      else if (spec.type === 'bool' || spec.noOptDefault !== undefined) {
        text = spec.noOptDefault ?? 'true';
        rest = shorthands.slice(1);
      } else if (shorthands.length > 1) text = shorthands.slice(1);
      else if (queue.length > 0) text = queue.shift() as string;
      else return { error: `flag needs an argument: '${c}' in -${shorthands}` };
      const error = set(spec, text);
      if (error !== undefined) return { error };
      shorthands = rest;
    }
  }
  return { args, values, help: values.bool('help'), argsLenAtDash };
}

/**
 * The positions in `argv` of the arguments that are not flags, as cobra's command lookup
 * sees them before any flag is parsed: a flag not known to take no value (a bool) is
 * assumed to take the next argument, and `--` ends the search.
 */
export function nonFlagPositions(specs: readonly FlagSpec[], argv: readonly string[]): number[] {
  const takesValue = (spec: FlagSpec | undefined) =>
    spec?.type !== 'bool' && spec?.noOptDefault === undefined;
  const positions: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    const long = arg.startsWith('--') && !arg.includes('=');
    const short = !long && arg.startsWith('-') && !arg.includes('=') && arg.length === 2;
    if (
      (long && takesValue(specs.find((s) => s.name === arg.slice(2)))) ||
      (short && takesValue(specs.find((s) => s.shorthand === arg.slice(1))))
    ) {
      // cobra stops looking when the flag's value is the last argument.
      if (i + 2 >= argv.length) break;
      i++;
    } else if (arg !== '' && !arg.startsWith('-')) positions.push(i);
  }
  return positions;
}
