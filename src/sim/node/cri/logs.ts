/**
 * Container logs as containerd keeps them: every line a process writes is a CRI log entry
 * (`<RFC3339Nano> <stdout|stderr> F <line>`) in the container's log file under
 * /var/log/pods/<ns>_<pod>_<uid>/<container>/<attempt>.log, kept until the container is
 * removed (so the previous instance's logs stay readable after a restart). Readers can follow
 * a file: they get each new entry until the container exits.
 */
import type { VirtualClock } from '../../kernel/clock';
import type { Stream } from './shell';

/** One line of a container's output; `time` in virtual ms. */
export interface LogEntry {
  readonly time: number;
  readonly stream: Stream;
  readonly text: string;
}

/** An instant with nanosecond digits, as the kubelet prints log timestamps (always 9 digits). */
export function rfc3339Nano(clock: VirtualClock, at: number): string {
  const ms = clock.epoch + at;
  const second = Math.floor(ms / 1000) * 1000;
  const nanos = Math.min(999_999_999, Math.round((ms - second) * 1e6));
  return `${new Date(second).toISOString().slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
}

/** The line as the CRI log file holds it. */
export function criLogLine(clock: VirtualClock, entry: LogEntry): string {
  return `${rfc3339Nano(clock, entry.time)} ${entry.stream} F ${entry.text}`;
}

/** What a log reader asks for (the kubelet's subset of PodLogOptions). */
export interface LogReadOptions {
  readonly tailLines?: number;
  /** Entries at or after this virtual ms. */
  readonly since?: number;
  readonly timestamps: boolean;
  readonly limitBytes?: number;
}

/** The entries a read returns, formatted as the kubelet writes them back. */
export function formatLogs(clock: VirtualClock, entries: readonly LogEntry[], o: LogReadOptions): string {
  let picked = o.since === undefined ? entries : entries.filter((e) => e.time >= (o.since ?? 0));
  if (o.tailLines !== undefined) picked = o.tailLines === 0 ? [] : picked.slice(-o.tailLines);
  const text = picked.map((e) => formatEntry(clock, e, o.timestamps)).join('');
  return o.limitBytes === undefined ? text : text.slice(0, o.limitBytes);
}

export function formatEntry(clock: VirtualClock, e: LogEntry, timestamps: boolean): string {
  return `${timestamps ? `${rfc3339Nano(clock, e.time)} ` : ''}${e.text}\n`;
}

interface LogFile {
  readonly path: string;
  readonly entries: LogEntry[];
  readonly followers: Set<(entry: LogEntry | null) => void>;
  /** Unfinished lines per stream (output without a trailing newline yet). */
  readonly partial: Record<Stream, string>;
  ended: boolean;
}

/** The log files of one node's containers, by container id. */
export class LogStore {
  readonly #files = new Map<string, LogFile>();

  constructor(private readonly clock: VirtualClock) {}

  open(id: string, path: string): void {
    const partial = { stdout: '', stderr: '' };
    this.#files.set(id, { path, entries: [], followers: new Set(), partial, ended: false });
  }

  path(id: string): string | undefined {
    return this.#files.get(id)?.path;
  }

  /** Appends output of a process; complete lines become entries. */
  write(id: string, stream: Stream, text: string): void {
    const file = this.#files.get(id);
    if (file === undefined || file.ended) return;
    const lines = (file.partial[stream] + text).split('\n');
    file.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.#append(file, { time: this.clock.now(), stream, text: line });
  }

  entries(id: string): readonly LogEntry[] {
    return this.#files.get(id)?.entries ?? [];
  }

  /** Calls `listener` with each new entry, then with null when the container exits. */
  follow(id: string, listener: (entry: LogEntry | null) => void): () => void {
    const file = this.#files.get(id);
    if (file === undefined || file.ended) {
      listener(null);
      return () => {};
    }
    file.followers.add(listener);
    return () => file.followers.delete(listener);
  }

  /** The process exited: flush unfinished lines and end the followers. */
  end(id: string): void {
    const file = this.#files.get(id);
    if (file === undefined || file.ended) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (file.partial[stream] !== '')
        this.#append(file, { time: this.clock.now(), stream, text: file.partial[stream] });
      file.partial[stream] = '';
    }
    file.ended = true;
    for (const listener of [...file.followers]) listener(null);
    file.followers.clear();
  }

  remove(id: string): void {
    this.end(id);
    this.#files.delete(id);
  }

  #append(file: LogFile, entry: LogEntry): void {
    file.entries.push(entry);
    for (const listener of [...file.followers]) listener(entry);
  }
}
