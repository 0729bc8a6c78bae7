/**
 * How a kubectl command's output leaves it: two streams written as output is produced (so
 * `get -w` and, later, `logs -f` can stream into a terminal), and the exit code at the end.
 */

/** The streams a command writes to. Text arrives in the order the command produces it. */
export interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command that is running: its exit code when it ends, and Ctrl-C. */
export interface Execution {
  /** Resolves with the exit code when the command has finished writing. */
  readonly exit: Promise<number>;
  /**
   * Ctrl-C. A command that is waiting (a watch) stops and exits as kubectl does on SIGINT;
   * one that has finished is not affected.
   */
  interrupt(): void;
}

/** What a finished command wrote, and its exit code. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** One piece of output, with the stream it went to. */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/**
 * Streams that keep everything written to them, in order: for tests, and for hosts that
 * show a command's output only when it has finished.
 */
export class OutputBuffer implements Streams {
  readonly chunks: OutputChunk[] = [];

  stdout(text: string): void {
    if (text !== '') this.chunks.push({ stream: 'stdout', text });
  }

  stderr(text: string): void {
    if (text !== '') this.chunks.push({ stream: 'stderr', text });
  }

  /** Everything written to stdout. */
  get out(): string {
    return this.#joined('stdout');
  }

  /** Everything written to stderr. */
  get err(): string {
    return this.#joined('stderr');
  }

  /** The result once the execution's exit code is known. */
  result(code: number): KubectlResult {
    return { stdout: this.out, stderr: this.err, code };
  }

  #joined(stream: OutputChunk['stream']): string {
    return this.chunks
      .filter((c) => c.stream === stream)
      .map((c) => c.text)
      .join('');
  }
}
