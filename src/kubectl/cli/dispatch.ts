/**
 * Runs one kubectl command line (its arguments after `kubectl`) the way kubectl's cobra
 * root does: finds the command among the arguments (flags may come first), reports an
 * unknown command with suggestions, parses the command's flags with the global ones,
 * answers `-h`/`--help` and `kubectl help`, runs the command, and prints what it throws
 * as kubectl prints errors. Resolves with the exit code.
 */
import type { Command } from '../cmd/types';
import { klogLine } from '../client/klog';
import { ExitError, formatError } from '../errors';
import type { FlagSpec } from '../flags/flags';
import { HELP_FLAG, nonFlagPositions, parseFlags } from '../flags/parse';
import type { Streams } from '../io/output';
import type { KubectlTerminal } from '../io/terminal';
import { RunContext, type Session } from './context';
import { helpText, usageText, type CommandGroup } from './help';
import { suggestionText } from './suggest';

/** The command tree: the root (its subcommands in registration order) and its help groups. */
export interface CommandTree {
  readonly root: Command;
  readonly groups: readonly CommandGroup[];
}

interface Found {
  /** The command and its ancestors, root first. */
  readonly chain: readonly Command[];
  /** The arguments left once the command names are taken out. */
  readonly args: readonly string[];
  /** Non-flag words after the deepest command found (an unknown command at the root). */
  readonly rest: readonly string[];
}

/** The flags a command accepts: its own, and the persistent flags of it and its ancestors. */
function flagsOf(chain: readonly Command[]): FlagSpec[] {
  const command = chain[chain.length - 1] as Command;
  const own = command.flags ?? [];
  // A command's own flag hides an inherited one of the same name (cobra merges only new names).
  const inherited = chain
    .flatMap((c) => c.persistentFlags ?? [])
    .filter((f) => !own.some((o) => o.name === f.name));
  return [...own, ...inherited];
}

/** cobra's Find: walks down the tree by the non-flag words of `argv`. */
function find(root: Command, argv: readonly string[]): Found {
  const chain = [root];
  let args = [...argv];
  for (;;) {
    const current = chain[chain.length - 1] as Command;
    const positions = nonFlagPositions(flagsOf(chain), args);
    const first = positions[0];
    const word = first === undefined ? undefined : args[first];
    const next = current.subcommands?.find((c) => c.name === word || (c.aliases ?? []).includes(word ?? ''));
    if (next === undefined || first === undefined)
      return { chain, args, rest: positions.map((p) => args[p] as string) };
    args = [...args.slice(0, first), ...args.slice(first + 1)];
    chain.push(next);
  }
}

/** The exit status of a process ended by SIGINT, as a shell reports it. */
const INTERRUPTED = 130;

const pathOf = (chain: readonly Command[]) => chain.map((c) => c.name).join(' ');

/** Runs command lines against a command tree, for one session. */
export class Dispatcher {
  readonly #tree: CommandTree;
  readonly #session: Session;

  constructor(tree: CommandTree, session: Session) {
    this.#tree = tree;
    this.#session = session;
  }

  /**
   * Runs `argv` (the words after `kubectl`), writing to `out`, with `stdin` piped to it;
   * resolves with the exit code.
   */
  async run(
    argv: readonly string[],
    out: Streams,
    signal: AbortSignal,
    stdin?: string,
    terminal?: KubectlTerminal,
  ): Promise<number> {
    const { root } = this.#tree;
    const found = find(root, argv);
    if (found.chain.length === 1 && found.rest.length > 0) {
      const word = found.rest[0] as string;
      if (word === 'help') return this.#helpCommand(argv.slice(argv.indexOf('help') + 1), out);
      // kubectl looks for a plugin before cobra reports the unknown command.
      if (argv[0]?.startsWith('-')) {
        out.stderr(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
        return 1;
      }
      const suggestions = suggestionText(word, root.subcommands ?? []);
      out.stderr(`Error: unknown command ${JSON.stringify(word)} for "kubectl"${suggestions}\n`);
      return 1;
    }
    const command = found.chain[found.chain.length - 1] as Command;
    const path = pathOf(found.chain);
    const parsed = parseFlags([...flagsOf(found.chain), HELP_FLAG], found.args);
    if ('error' in parsed) {
      out.stderr(`Error: ${parsed.error}\nSee '${path} --help' for usage.\n`);
      return 1;
    }
    const help = () => this.#help(found.chain);
    if (parsed.help) {
      out.stdout(help());
      return 0;
    }
    const missing = (command.requiredFlags ?? []).filter((f) => !parsed.values.changed(f));
    if (missing.length > 0) {
      // kubectl's main logs cobra's error through klog and exits 1.
      const names = missing.map((f) => `\\"${f}\\"`).join(', ');
      out.stderr(
        klogLine(
          this.#session.now(),
          'run.go:72',
          `"command failed" err="required flag(s) ${names} not set"`,
        ).replace(/^I/, 'E'),
      );
      return 1;
    }
    const ctx = new RunContext(this.#session, {
      path,
      args: parsed.args,
      argsLenAtDash: parsed.argsLenAtDash,
      flags: parsed.values,
      out,
      signal,
      help,
      ...(stdin === undefined ? {} : { stdin }),
      ...(terminal === undefined ? {} : { terminal }),
    });
    try {
      return (await command.run(ctx)) ?? 0;
    } catch (error) {
      // Ctrl-C while a request was under way ends kubectl as SIGINT ends a process.
      if (signal.aborted) return INTERRUPTED;
      out.stderr(formatError(error));
      return error instanceof ExitError ? error.code : 1;
    }
  }

  /** The help text of the last command in `chain`. */
  #help(chain: readonly Command[]): string {
    const command = chain[chain.length - 1] as Command;
    const parentPath = pathOf(chain.slice(0, -1));
    return helpText(command, chain.length === 1 ? { parentPath, groups: this.#tree.groups } : { parentPath });
  }

  /** `kubectl help [command...]`: that command's help, or the root's usage for an unknown topic. */
  #helpCommand(topic: readonly string[], out: Streams): number {
    const found = find(this.#tree.root, topic);
    if (found.chain.length === 1 && found.rest.length > 0) {
      out.stderr(`Unknown help topic [${topic.map((t) => `\`${t}\``).join(' ')}]\n`);
      out.stderr(usageText(this.#tree.root, { parentPath: '', groups: this.#tree.groups }));
      return 0;
    }
    out.stdout(this.#help(found.chain));
    return 0;
  }
}
