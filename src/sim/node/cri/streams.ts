/**
 * The container runtime's log, exec and attach calls: the kubelet reading a container's log
 * file, and the streaming server's Exec and Attach into a running container. Each call is a
 * trace step `<node>/kubelet -> <node>/container-runtime` (kind `runtime`).
 */
import type { ContainerIo, StreamingProcess } from './container-io';
import type { LogEntry } from './logs';
import type { ShellContext } from './shell';
import type { RuntimeTracer } from './tracer';
import type { ContainerStatus, Traced } from './types';

/** A container's log file, as the kubelet reads it. */
export interface ContainerLogFile {
  readonly path: string;
  readonly entries: readonly LogEntry[];
  /** Each new entry, then null once the container has exited. Returns an unsubscribe. */
  follow(listener: (entry: LogEntry | null) => void): () => void;
}

/** The first 13 characters of an id, as crictl shows them. */
export const shortId = (id: string): string => id.slice(0, 13);

/** What these calls need of a runtime's container. */
export interface StreamableContainer {
  readonly status: ContainerStatus;
  readonly shell: ShellContext;
  readonly logPath: string;
}

export class ContainerStreams {
  constructor(
    private readonly tracer: RuntimeTracer,
    private readonly io: ContainerIo,
    private readonly container: (id: string) => StreamableContainer | undefined,
    private readonly newId: () => string,
  ) {}

  /**
   * The kubelet reads a container's log: ContainerStatus gives it the log path, and it
   * reads (or follows) the file there. Null if the runtime has no such container.
   */
  containerLog(id: string, causedBy: number | null): Traced<ContainerLogFile | null> {
    const c = this.container(id);
    const step = this.tracer.call(
      `ContainerStatus ${shortId(id)}: read log ${c?.logPath ?? '(not found)'}`,
      { containerId: id, logPath: c?.logPath ?? '' },
      causedBy,
    );
    if (c === undefined) return { value: null, step };
    const logs = this.io.logs;
    return {
      value: { path: c.logPath, entries: logs.entries(id), follow: (listener) => logs.follow(id, listener) },
      step,
    };
  }

  /** CRI Exec (served through the runtime's streaming server); null if not running. */
  exec(
    id: string,
    argv: readonly string[],
    tty: boolean,
    causedBy: number | null,
  ): Traced<StreamingProcess | null> {
    const c = this.container(id);
    const execId = this.newId();
    const step = this.tracer.call(
      `Exec ${shortId(id)} (${c?.status.name ?? '?'}) ${JSON.stringify(argv)}`,
      { containerId: id, execId, cmd: argv.join(' '), tty },
      causedBy,
    );
    if (c === undefined || c.status.state !== 'CONTAINER_RUNNING') return { value: null, step };
    return { value: this.io.exec(execId, argv, { ...c.shell, cause: step }, tty), step };
  }

  /** CRI Attach to the main process's output; null if not running. */
  attach(id: string, causedBy: number | null): Traced<StreamingProcess | null> {
    const c = this.container(id);
    const step = this.tracer.call(
      `Attach ${shortId(id)} (${c?.status.name ?? '?'})`,
      { containerId: id },
      causedBy,
    );
    if (c === undefined || c.status.state !== 'CONTAINER_RUNNING') return { value: null, step };
    return { value: this.io.attach(id), step };
  }
}
