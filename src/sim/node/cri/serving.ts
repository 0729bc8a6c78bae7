/**
 * The servers running in a node's containers (images/): when an image's own server process
 * starts, its output is written to the container's log on the virtual clock, its sockets start
 * listening when the image says, and it exits on its own if the image says so. `serve` is a
 * connection to a pod's port: refused unless a running container listens there, else the
 * server's answer, with what it logs about the request written to its log. Requests also load
 * a server's CPU: the rate of the last few seconds becomes the container's request load
 * (`cpuPerRequest` of cri/workloads.ts, through the cgroups).
 */
import type { Kernel, TimerHandle } from '../../kernel/kernel';
import type { Listen, ServerBehaviour } from '../images/server';
import type { Container } from './container';
import type { LogStore } from './logs';
import type { PodSandboxStatus, ServeRequest, ServeResult } from './types';

/** Over how long a window served requests count towards a container's request load. */
export const LOAD_WINDOW_MS = 5_000;

/** What serving keeps of a container whose image's server runs. */
interface ServedContainer {
  readonly id: string;
  readonly sandboxId: string;
  readonly behaviour: ServerBehaviour;
  readonly env: Readonly<Record<string, string>>;
  readonly podIP: string | null;
  /** The CPU one request costs (a load on the container); 0 for none. */
  readonly cpuPerRequest: number;
}

interface Running extends ServedContainer {
  readonly startedAt: number;
  readonly listens: readonly Listen[];
  readonly timers: TimerHandle[];
  connections: number;
  readonly requests: number[];
  meter: TimerHandle | null;
}

export class ContainerServers {
  readonly #running = new Map<string, Running>();

  constructor(
    private readonly kernel: Kernel,
    private readonly runtimeId: string,
    private readonly logs: LogStore,
    /** The hook that turns a request rate into CPU (the runtime's setLoad). */
    private readonly setLoad: (containerId: string, requestsPerSecond: number) => void,
  ) {}

  /** A container's main process started: if it runs its image's server, plays its output, listening and exit. */
  start(container: Container, exit: (code: number) => void): void {
    const behaviour = container.server;
    if (behaviour === null) return;
    const { env, podIP } = container.shell;
    const { id, sandboxId } = container.status;
    const c: ServedContainer = {
      id,
      sandboxId,
      behaviour,
      env,
      podIP,
      cpuPerRequest: container.workload.cpuPerRequest,
    };
    const now = this.kernel.clock.now();
    const run = c.behaviour.start({
      env: c.env,
      podIP: c.podIP,
      wallMs: this.kernel.clock.epoch + now,
    });
    const running: Running = {
      ...c,
      startedAt: now,
      listens: run.listens,
      timers: [],
      connections: 0,
      requests: [],
      meter: null,
    };
    this.#running.set(c.id, running);
    const label = `${this.runtimeId}: ${c.id.slice(0, 13)}`;
    for (const line of run.output) {
      if (line.afterMs <= 0) this.logs.write(c.id, line.stream, `${line.text}\n`);
      else
        running.timers.push(
          this.kernel.schedule(line.afterMs, `${label} prints`, () =>
            this.logs.write(c.id, line.stream, `${line.text}\n`),
          ),
        );
    }
    const ends = run.exit;
    if (ends !== undefined)
      running.timers.push(
        this.kernel.schedule(ends.afterMs, `${label} exits ${ends.code}`, () => exit(ends.code)),
      );
  }

  /** The container's process exited or was killed: its sockets close, its timers stop. */
  stopped(id: string): void {
    const running = this.#running.get(id);
    if (running === undefined) return;
    for (const timer of running.timers) this.kernel.cancel(timer);
    if (running.meter !== null) this.kernel.cancel(running.meter);
    if (running.cpuPerRequest > 0) this.setLoad(id, 0);
    this.#running.delete(id);
  }

  /** A connection to a port of a container, or of a ready sandbox among `all` (see ServeRequest.to). */
  serve(request: ServeRequest, all: Iterable<PodSandboxStatus>): ServeResult {
    const now = this.kernel.clock.now();
    const to = request.to;
    const sandboxes = new Set<string>();
    for (const s of all) {
      if (s.state !== 'SANDBOX_READY') continue;
      if ('podIP' in to ? s.ip === to.podIP : 'hostNetwork' in to ? s.config.hostNetwork : true)
        sandboxes.add(s.id);
    }
    const listener = [...this.#running.values()].find(
      (r) =>
        ('containerId' in to ? r.id === to.containerId : sandboxes.has(r.sandboxId)) &&
        r.listens.some(
          (l) => l.port === request.port && l.protocol === request.protocol && r.startedAt + l.afterMs <= now,
        ),
    );
    if (listener === undefined) return { listening: false };
    listener.connections++;
    const base = { listening: true as const, containerId: listener.id };
    if (request.http === undefined) return { ...base, response: null, raw: '' };
    const answer = listener.behaviour.answer({
      port: request.port,
      clientIP: request.clientIP,
      clientPort: this.kernel.rng.int(32768, 60999),
      request: request.http,
      wallMs: this.kernel.clock.epoch + now,
      serverIP: listener.podIP ?? request.clientIP,
      connection: listener.connections,
    });
    for (const line of answer.log) this.logs.write(listener.id, line.stream, `${line.text}\n`);
    this.#count(listener);
    return { ...base, response: answer.response, raw: answer.raw };
  }

  /** One more request towards the container's load; the rate decays as the window moves on. */
  #count(r: Running): void {
    if (r.cpuPerRequest <= 0) return;
    r.requests.push(this.kernel.clock.now());
    this.#measure(r);
  }

  #measure(r: Running): void {
    const now = this.kernel.clock.now();
    while ((r.requests[0] ?? now) <= now - LOAD_WINDOW_MS) r.requests.shift();
    this.setLoad(r.id, r.requests.length / (LOAD_WINDOW_MS / 1000));
    const oldest = r.requests[0];
    if (r.meter !== null || oldest === undefined) return;
    // Whole milliseconds, at least one: a fractional delay can land a rounding error short of
    // the oldest request's expiry and reschedule itself forever without the clock moving on.
    const delay = Math.max(1, Math.ceil(oldest + LOAD_WINDOW_MS - now));
    r.meter = this.kernel.schedule(delay, `${this.runtimeId}: request load`, () => {
      r.meter = null;
      this.#measure(r);
    });
  }
}
