/**
 * The CommandContext of one run: flags and arguments, output, and the API clients built
 * lazily from the kubeconfig and the global flags (so a command that never calls the
 * server, such as `config view`, never fails on a bad `--request-timeout`).
 */
import { Discovery, type DiscoveryCache } from '../client/discovery';
import { RestClient } from '../client/rest';
import { RestMapper } from '../client/restmapper';
import { requestTimeout } from '../client/timeout';
import { refusing, type Transport } from '../client/transport';
import type { CommandContext } from '../cmd/types';
import type { FlagValues } from '../flags/flags';
import type { CommandInput, KubectlEditor, KubectlFiles } from '../io/input';
import type { Streams } from '../io/output';
import type { KubectlTerminal } from '../io/terminal';
import { sleep, type SetTimer } from '../io/timers';
import type { ClientConfig, ConfigOverrides, Kubeconfig } from '../kubeconfig';
import type { VersionInfo } from '../version';

/** What lasts for the whole terminal session, across commands. */
export interface Session {
  readonly transport: Transport;
  readonly kubeconfig: Kubeconfig;
  /** Wall-clock time in epoch ms. */
  readonly now: () => number;
  readonly discoveryCache: DiscoveryCache;
  readonly clientVersion: VersionInfo;
  /** Timers on the same clock as `now`. */
  readonly setTimer: SetTimer;
  /** The host's workspace of files, if it has one. */
  readonly files?: KubectlFiles;
  /** The host's editor, if it has one. */
  readonly editor?: KubectlEditor;
}

/** The parts of a run the dispatcher settles before the command runs. */
export interface RunSetup {
  readonly path: string;
  readonly args: readonly string[];
  readonly argsLenAtDash: number;
  readonly flags: FlagValues;
  readonly out: Streams;
  readonly signal: AbortSignal;
  readonly help: () => string;
  /** What was piped to the command, if anything. */
  readonly stdin?: string;
  /** The terminal stdin is, when the host streams its keystrokes. */
  readonly terminal?: KubectlTerminal;
}

/** The CommandContext the dispatcher gives each command it runs. */
export class RunContext implements CommandContext {
  readonly path: string;
  readonly args: readonly string[];
  readonly argsLenAtDash: number;
  readonly flags: FlagValues;
  readonly out: Streams;
  readonly input: CommandInput;
  readonly signal: AbortSignal;
  readonly #session: Session;
  readonly #help: () => string;
  #client: RestClient | undefined;
  #discovery: Discovery | undefined;
  #mapper: RestMapper | undefined;

  constructor(session: Session, setup: RunSetup) {
    this.#session = session;
    this.path = setup.path;
    this.args = setup.args;
    this.argsLenAtDash = setup.argsLenAtDash;
    this.flags = setup.flags;
    this.out = setup.out;
    this.input = {
      ...(setup.stdin === undefined ? {} : { stdin: setup.stdin }),
      ...(setup.terminal === undefined ? {} : { terminal: setup.terminal }),
      ...(session.files === undefined ? {} : { files: session.files }),
      ...(session.editor === undefined ? {} : { editor: session.editor }),
    };
    this.signal = setup.signal;
    this.#help = setup.help;
  }

  get kubeconfig(): Kubeconfig {
    return this.#session.kubeconfig;
  }

  get clientVersion(): VersionInfo {
    return this.#session.clientVersion;
  }

  now(): number {
    return this.#session.now();
  }

  sleep(ms: number, signal: AbortSignal = this.signal): Promise<boolean> {
    return sleep(this.#session.setTimer, ms, signal);
  }

  /**
   * A global string flag; '' when the command defines a flag of that name with another
   * type (`create rolebinding --user`), which hides the global one as in cobra.
   */
  #global(name: string): string {
    try {
      return this.flags.string(name);
    } catch {
      return '';
    }
  }

  #overrides(): ConfigOverrides {
    return {
      context: this.#global('context'),
      cluster: this.#global('cluster'),
      user: this.#global('user'),
      namespace: this.#global('namespace'),
    };
  }

  namespace(): { namespace: string; explicit: boolean } {
    return this.kubeconfig.namespace(this.#overrides());
  }

  clientConfig(): ClientConfig {
    return this.kubeconfig.clientConfig(this.#overrides());
  }

  client(): RestClient {
    if (this.#client !== undefined) return this.#client;
    const config = this.clientConfig();
    const timeout = requestTimeout(this.flags.string('request-timeout'));
    // A context whose cluster is not in the kubeconfig points nowhere, as in client-go.
    const known = this.kubeconfig.cluster(config.clusterName) !== undefined;
    this.#client = new RestClient({
      transport: known ? this.#session.transport : refusing(config.server),
      server: config.server,
      ...(timeout === undefined ? {} : { timeout }),
      verbosity: this.flags.int('v'),
      stderr: (text) => this.out.stderr(text),
      now: () => this.now(),
      signal: this.signal,
      headers: this.#impersonation(),
    });
    return this.#client;
  }

  /** The impersonation headers of `--as`, `--as-group` and `--as-uid`. */
  #impersonation(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.flags.string('as') !== '') headers['impersonate-user'] = this.flags.string('as');
    if (this.flags.strings('as-group').length > 0)
      headers['impersonate-group'] = this.flags.strings('as-group').join(', ');
    if (this.flags.string('as-uid') !== '') headers['impersonate-uid'] = this.flags.string('as-uid');
    return headers;
  }

  discovery(): Discovery {
    this.#discovery ??= new Discovery(this.client(), this.#session.discoveryCache, () => this.now());
    return this.#discovery;
  }

  mapper(): RestMapper {
    this.#mapper ??= new RestMapper(this.discovery(), (message) => this.out.stderr(`Warning: ${message}\n`));
    return this.#mapper;
  }

  help(): string {
    return this.#help();
  }
}
