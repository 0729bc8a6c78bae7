/**
 * The in-page kubectl: one instance per terminal session. It keeps what kubectl keeps
 * between commands (the kubeconfig, the discovery cache) and runs typed lines against an
 * apiserver through a Transport, writing output as it is produced.
 *
 * ```ts
 * const kubectl = new Kubectl({ transport: new InProcessTransport(cluster.apiserver), now, kubeconfig });
 * const { stdout, stderr, code } = await kubectl.collect('kubectl get pods -A');
 * ```
 */
import { DiscoveryCache } from './client/discovery';
import type { Transport } from './client/transport';
import type { Session } from './cli/context';
import { Dispatcher } from './cli/dispatch';
import { COMMAND_GROUPS, OTHER_GROUP, root } from './cmd/root';
import type { KubectlEditor, KubectlFiles } from './io/input';
import { OutputBuffer, type Execution, type KubectlResult, type Streams } from './io/output';
import type { KubectlTerminal } from './io/terminal';
import { realTimers, type SetTimer } from './io/timers';
import { Kubeconfig, defaultKubeconfig } from './kubeconfig';
import { tokenize } from './shell/tokenize';
import { CLIENT_VERSION, type VersionInfo } from './version';

/** What a kubectl session is made from. */
export interface KubectlOptions {
  /** How requests reach the apiserver. */
  readonly transport: Transport;
  /**
   * Wall-clock time in epoch ms. In the page this is the simulation's clock, so output
   * (ages, `-v` log timestamps) and discovery caching are deterministic.
   */
  readonly now: () => number;
  /** The session's kubeconfig; by default one cluster at https://127.0.0.1:6443. */
  readonly kubeconfig?: Kubeconfig;
  /** The client version `kubectl version` reports (kubectl v1.32.4 by default). */
  readonly clientVersion?: VersionInfo;
  /**
   * Timers on the clock `now` reads (the simulation's in the page), for commands that wait
   * (`wait`, `drain`, `logs` waiting for a pod); real-time timers by default.
   */
  readonly setTimer?: SetTimer;
  /**
   * A virtual workspace the host provides, read by `-f <path>`, `--from-file` and
   * `--patch-file`; without it every path is missing (`error: the path "x" does not exist`).
   */
  readonly files?: KubectlFiles;
  /** The editor `kubectl edit` opens; without it, edit refuses (`no editor available`). */
  readonly editor?: KubectlEditor;
}

/** How one line runs. */
export interface RunOptions {
  /** Text piped to the command (what `-f -` reads); without it, stdin is a terminal. */
  readonly stdin?: string;
  /** That terminal, when the host streams its keystrokes (`exec -it`, `attach -it`). */
  readonly terminal?: KubectlTerminal;
}

/** The server the default in-page kubeconfig names. */
export const IN_PAGE_SERVER = 'https://127.0.0.1:6443';

/** The exit code of a line the shell cannot parse (bash's for a syntax error). */
const SYNTAX_ERROR = 2;
/** The exit code of a program the shell cannot find. */
const NOT_FOUND = 127;

/** An in-page kubectl session: run lines with `run`, or whole argument lists with `exec`. */
export class Kubectl {
  readonly kubeconfig: Kubeconfig;
  readonly #dispatcher: Dispatcher;

  constructor(options: KubectlOptions) {
    this.kubeconfig = options.kubeconfig ?? new Kubeconfig(defaultKubeconfig(IN_PAGE_SERVER));
    const session: Session = {
      transport: options.transport,
      kubeconfig: this.kubeconfig,
      now: options.now,
      discoveryCache: new DiscoveryCache(),
      clientVersion: options.clientVersion ?? CLIENT_VERSION,
      setTimer: options.setTimer ?? realTimers,
      ...(options.files === undefined ? {} : { files: options.files }),
      ...(options.editor === undefined ? {} : { editor: options.editor }),
    };
    this.#dispatcher = new Dispatcher({ root, groups: [...COMMAND_GROUPS, OTHER_GROUP] }, session);
  }

  /**
   * Runs a typed line, split into words as a shell would. The first word must be
   * `kubectl`; an empty line does nothing.
   */
  run(line: string, out: Streams, options: RunOptions = {}): Execution {
    const tokens = tokenize(line);
    if ('error' in tokens) {
      out.stderr(`${tokens.error}\n`);
      return finished(SYNTAX_ERROR);
    }
    const [program, ...argv] = tokens.words;
    if (program === undefined) return finished(0);
    if (program !== 'kubectl') {
      out.stderr(`${program}: command not found (this terminal runs kubectl)\n`);
      return finished(NOT_FOUND);
    }
    return this.exec(argv, out, options);
  }

  /** Runs kubectl with `argv`, the words after `kubectl`. */
  exec(argv: readonly string[], out: Streams, options: RunOptions = {}): Execution {
    const controller = new AbortController();
    return {
      exit: this.#dispatcher.run(argv, out, controller.signal, options.stdin, options.terminal),
      interrupt: () => controller.abort(),
    };
  }

  /** Runs a line to completion and returns everything it wrote, for tests and scripts. */
  async collect(line: string, options: RunOptions = {}): Promise<KubectlResult> {
    const buffer = new OutputBuffer();
    const code = await this.run(line, buffer, options).exit;
    return buffer.result(code);
  }
}

function finished(code: number): Execution {
  return { exit: Promise.resolve(code), interrupt: () => undefined };
}
