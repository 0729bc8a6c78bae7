/**
 * The contract every kubectl command implements: one file per command under
 * src/kubectl/cmd/, exporting a Command. The dispatcher finds the command (by name or
 * alias), parses its flags together with the global ones, prints help for `-h`, and calls
 * `run` with a CommandContext; whatever `run` throws is printed as kubectl prints errors.
 */
import type { Discovery } from '../client/discovery';
import type { RestClient } from '../client/rest';
import type { RestMapper } from '../client/restmapper';
import type { FlagSpec, FlagValues } from '../flags/flags';
import type { CommandInput } from '../io/input';
import type { Streams } from '../io/output';
import type { ClientConfig, Kubeconfig } from '../kubeconfig';
import type { VersionInfo } from '../version';

/** A kubectl command (cobra.Command's shape, as far as kubectl uses it). */
export interface Command {
  /** The name typed after its parent: `get`, `current-context`. */
  readonly name: string;
  /** Other names that run the command. */
  readonly aliases?: readonly string[];
  /** Mistyped names for which `Did you mean this?` suggests this command (`list` for get). */
  readonly suggestFor?: readonly string[];
  /** The usage after the parent's path, as help prints it: `get [(-o|--output=)...] [flags]`. */
  readonly usage: string;
  /** One line for command lists. */
  readonly short: string;
  /** The help text's description; `short` when absent. */
  readonly long?: string;
  /** Example lines for help (`# comment` / command), without indentation. */
  readonly example?: string;
  /** The command's own flags. */
  readonly flags?: readonly FlagSpec[];
  /** Flags that must be given (cobra's MarkFlagRequired), checked before `run`. */
  readonly requiredFlags?: readonly string[];
  /** Flags the command's subcommands inherit too (cobra's persistent flags). */
  readonly persistentFlags?: readonly FlagSpec[];
  readonly subcommands?: readonly Command[];
  /** Runs the command; resolves with its exit code (0 when nothing is returned). */
  run(ctx: CommandContext): Promise<number | void>;
}

/** What a running command has: its arguments, flags, output, and clients for the API. */
export interface CommandContext {
  /** The command's full path, as messages name it: `kubectl config view`. */
  readonly path: string;
  /** Positional arguments (flags removed). */
  readonly args: readonly string[];
  /** How many of `args` came before `--` (cobra's ArgsLenAtDash), or -1 without `--`. */
  readonly argsLenAtDash: number;
  /** The command's flags, global ones included. */
  readonly flags: FlagValues;
  readonly out: Streams;
  /** Standard input, the host's workspace of files and its editor, when there are any. */
  readonly input: CommandInput;
  /** Aborted by Ctrl-C: commands that wait (watches) stop. */
  readonly signal: AbortSignal;
  /** Wall-clock time in epoch ms (the simulation's clock in the page). */
  now(): number;
  /**
   * Waits `ms` on the same clock as `now` (virtual in the page): true once the time has
   * passed, false if `signal` (by default the run's Ctrl-C) aborted first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** The session's kubeconfig; config commands change it. */
  readonly kubeconfig: Kubeconfig;
  /** The version this kubectl reports as its client version. */
  readonly clientVersion: VersionInfo;
  /** The namespace to use and whether it was chosen explicitly; throws for an unusable config. */
  namespace(): { namespace: string; explicit: boolean };
  /** The server and kubeconfig names the command connects with; throws for unknown names. */
  clientConfig(): ClientConfig;
  /** The REST client (connecting as clientConfig() says). */
  client(): RestClient;
  /** Discovery, cached across the session. */
  discovery(): Discovery;
  /** The RESTMapper for type arguments. */
  mapper(): RestMapper;
  /** This command's help text, as `--help` prints it. */
  help(): string;
}
