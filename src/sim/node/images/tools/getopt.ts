/**
 * Command-line options as getopt_long reads them: bundled short flags (`-qO-`, `-sSf`), an
 * option's argument attached or as the next word (`-T5`, `-T 5`), long options with `=` or a
 * separate argument, and `--` ending the options.
 */

/** Which options a tool takes. */
export interface OptionSpec {
  /** Short options without an argument (`qS`). */
  readonly flags: string;
  /** Short options with an argument (`OTU`). */
  readonly withArg: string;
  /** Long names mapped to the short option they mean, and whether they take an argument. */
  readonly long: Readonly<Record<string, { readonly short: string; readonly arg: boolean }>>;
}

export interface Parsed {
  /** Each option given, by its short name: the arguments, in order ('' for flags). */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly operands: readonly string[];
}

/** Why parsing failed, as getopt words it (without the program name). */
export type GetoptError = { readonly error: string };

export function getopt(args: readonly string[], spec: OptionSpec): Parsed | GetoptError {
  const options = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
      const long = spec.long[name];
      if (long === undefined) return { error: `unrecognized option '${arg}'` };
      if (!long.arg) add(long.short, '');
      else if (inline !== undefined) add(long.short, inline);
      else if (i + 1 < args.length) add(long.short, args[++i] ?? '');
      else return { error: `option '--${name}' requires an argument` };
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] ?? '';
      if (spec.flags.includes(c)) add(c, '');
      else if (spec.withArg.includes(c)) {
        const rest = arg.slice(j + 1);
        if (rest !== '') add(c, rest);
        else if (i + 1 < args.length) add(c, args[++i] ?? '');
        else return { error: `option requires an argument -- '${c}'` };
        break;
      } else return { error: `invalid option -- '${c}'` };
    }
  }
  return { options, operands };
}

/** The last value given for an option, if any. */
export function last(parsed: Parsed, name: string): string | undefined {
  return parsed.options.get(name)?.at(-1);
}
