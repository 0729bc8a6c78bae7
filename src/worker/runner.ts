import { createCluster, type Cluster, type ClusterOptions } from '../sim/cluster';
import { Player } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { EditorBridge } from './edit-requests';
import { connectKubectl } from './kubectl-shell';
import { KubectlSessions, type KubectlShell } from './kubectl-sessions';
import { PeriodicTracker } from './periodic';
import { MAX_STEP_EVENTS, parseCommand, type Command, type HostEvent, type StepUntil } from './protocol';

/** What a runner needs from the place it runs in (a worker, or the page itself). */
export interface RunnerEnv {
  /** Real (wall) time in ms, for pacing only; the simulation never sees it. */
  now(): number;
  /** Calls `callback` at the next animation frame. */
  requestFrame(callback: () => void): void;
  /** Delivers an event to the UI. */
  emit(event: HostEvent): void;
}

/** Real ms of simulation work allowed in one frame, so the host stays responsive. */
export const FRAME_BUDGET_MS = 10;

/**
 * Runs a simulated cluster for a host: applies commands, drives the virtual clock from real
 * time once per frame, and sends what happened as at most one batch per frame, followed by
 * what the terminal's kubectl commands wrote in that frame.
 */
export class SimulationRunner {
  #player: Player | null = null;
  #unsubscribe: () => void = () => {};
  #steps: TraceStep[] = [];
  #periodic = new PeriodicTracker();
  /** How many steps that are not periodic background work the trace has recorded. */
  #shown = 0;
  #dirty = false;
  #frameRequested = false;
  #lastFrame: number | null = null;
  readonly #sessions = new KubectlSessions(() => this.#requestFrame());

  /**
   * `build` makes the cluster for a reset; `connect` gives the terminal a kubectl for it
   * (the real one by default: tests pass their own).
   */
  constructor(
    private readonly env: RunnerEnv,
    private readonly build: (options: ClusterOptions) => Cluster = createCluster,
    private readonly connect: (cluster: Cluster, editor?: EditorBridge) => KubectlShell = connectKubectl,
  ) {}

  /** Applies one message from the UI; an invalid one is answered with an error event. */
  handle(message: unknown): void {
    const command = parseCommand(message);
    if ('error' in command) return this.env.emit({ type: 'error', message: command.error });
    try {
      this.#apply(command);
    } catch (error) {
      this.env.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  #apply(command: Command): void {
    switch (command.type) {
      case 'reset':
        return this.#reset(command.options);
      case 'exec':
        return this.#sessions.exec(command.id, command.line, command.stdin, command.terminal);
      case 'stdin':
        return this.#sessions.stdin(command.id, command.data);
      case 'resize':
        return this.#sessions.resize(command.id, command.size);
      case 'interrupt':
        return this.#sessions.interrupt(command.id);
      case 'complete':
        return this.#sessions.complete(command.id, command.line, command.cursor);
      case 'edited':
        return this.#sessions.edits.answer(command.id, command.text);
    }
    const player = this.#player;
    if (player === null) throw new Error('no cluster yet: send reset first');
    switch (command.type) {
      case 'play':
        player.play();
        this.#lastFrame = this.env.now();
        break;
      case 'pause':
        player.pause();
        this.#lastFrame = null;
        break;
      case 'step':
        this.#step(player, command.until ?? 'event');
        this.#lastFrame = null;
        break;
      case 'setSpeed':
        player.setSpeed(command.speed);
        break;
    }
    this.#markDirty();
  }

  /** Runs events until `until` is met (see the `step` command), at most MAX_STEP_EVENTS. */
  #step(player: Player, until: StepUntil): void {
    const steps = this.#steps.length;
    const shown = this.#shown;
    for (let events = 0; events < MAX_STEP_EVENTS; events++) {
      if (!player.step() || until === 'event') return;
      if (until === 'trace' && this.#steps.length > steps) return;
      if (until === 'shown' && this.#shown > shown) return;
    }
  }

  #reset(options: ClusterOptions): void {
    this.#unsubscribe();
    const cluster = this.build(options);
    this.#player = new Player(cluster.kernel);
    this.#steps = [];
    this.#periodic = new PeriodicTracker();
    this.#shown = 0;
    this.#lastFrame = null;
    this.#sessions.connect(this.connect(cluster, this.#sessions.edits));
    this.#unsubscribe = cluster.kernel.trace.subscribe((step) => {
      this.#steps.push(step);
      if (!this.#periodic.classify(step)) this.#shown++;
      this.#markDirty();
    });
    this.env.emit({
      type: 'init',
      options: cluster.options,
      topology: cluster.topology,
      clock: this.#player.state(),
    });
  }

  #markDirty(): void {
    this.#dirty = true;
    this.#requestFrame();
  }

  #requestFrame(): void {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    this.env.requestFrame(this.#frame);
  }

  readonly #frame = (): void => {
    this.#frameRequested = false;
    const player = this.#player;
    if (player?.playing) {
      const start = this.env.now();
      player.tick(start - (this.#lastFrame ?? start), () => this.env.now() - start > FRAME_BUDGET_MS);
      this.#lastFrame = start;
      this.#dirty = true;
      this.#requestFrame();
    }
    if (player !== null && this.#dirty) {
      this.#dirty = false;
      const steps = this.#steps;
      this.#steps = [];
      this.env.emit({ type: 'batch', clock: player.state(), steps });
    }
    for (const event of this.#sessions.drain()) this.env.emit(event);
  };
}
