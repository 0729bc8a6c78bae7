/**
 * Running an exec or attach session to its end, as kubectl's StreamOptions does: the
 * container's stdout and stderr go to the command's streams; stdin comes from what was piped
 * (sent whole, then closed), from the terminal (every key in raw mode with a TTY, whole lines
 * otherwise, with its size passed through), or from nothing (closed at once). The session
 * ends with the Status of the error channel.
 */
import type { Status, StreamSession } from '../../sim/apiserver/types';
import type { Streams } from '../io/output';
import type { KubectlTerminal } from '../io/terminal';

/** Where the session's stdin comes from. */
export type StdinSource =
  /** No stdin stream (`-i` not given). */
  | { readonly kind: 'none' }
  /** Text piped to kubectl (or nothing: empty), sent whole and then closed. */
  | { readonly kind: 'text'; readonly text: string }
  /** The terminal: raw with a TTY (`-it`), line by line otherwise (`-i`). */
  | { readonly kind: 'terminal'; readonly terminal: KubectlTerminal; readonly raw: boolean };

/** Thrown when Ctrl-C ended the session (kubectl is gone, as SIGINT ends it). */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/**
 * Starts `session` and resolves with the Status it ends with; rejects with Interrupted if
 * `signal` aborts first (the session is then closed).
 */
export function runSession(
  session: StreamSession,
  stdin: StdinSource,
  out: Streams,
  signal: AbortSignal,
): Promise<Status> {
  return new Promise((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let ended = false;
    const finish = () => {
      ended = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    };
    const abort = () => {
      if (ended) return;
      finish();
      session.close();
      reject(new Interrupted());
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', abort));
    if (stdin.kind === 'terminal') {
      const { terminal, raw } = stdin;
      terminal.setMode(raw ? 'raw' : 'line');
      cleanups.push(() => terminal.setMode('off'));
      cleanups.push(terminal.onInput((data) => (data === null ? session.closeStdin() : session.stdin(data))));
      if (raw) {
        const size = terminal.size();
        session.resize(size.columns, size.rows);
        cleanups.push(terminal.onResize((s) => session.resize(s.columns, s.rows)));
      }
    }
    session.start(
      (stream, data) => {
        if (!ended) (stream === 'stdout' ? out.stdout : out.stderr).call(out, data);
      },
      (status) => {
        if (ended) return;
        finish();
        resolve(status);
      },
    );
    if (stdin.kind === 'text' && !ended) {
      if (stdin.text !== '') session.stdin(stdin.text);
      session.closeStdin();
    }
  });
}
