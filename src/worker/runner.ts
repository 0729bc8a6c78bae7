import { createCluster, type Cluster, type ClusterOptions } from '../sim/cluster';
import { Player } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import { parseCommand, type Command, type HostEvent } from './protocol';

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
 * time once per frame, and sends what happened as at most one batch per frame.
 */
export class SimulationRunner {
  #player: Player | null = null;
  #unsubscribe: () => void = () => {};
  #steps: TraceStep[] = [];
  #dirty = false;
  #frameRequested = false;
  #lastFrame: number | null = null;

  constructor(
    private readonly env: RunnerEnv,
    private readonly build: (options: ClusterOptions) => Cluster = createCluster,
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
    if (command.type === 'reset') return this.#reset(command.options);
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
        player.step();
        this.#lastFrame = null;
        break;
      case 'setSpeed':
        player.setSpeed(command.speed);
        break;
    }
    this.#markDirty();
  }

  #reset(options: ClusterOptions): void {
    this.#unsubscribe();
    const cluster = this.build(options);
    this.#player = new Player(cluster.kernel);
    this.#steps = [];
    this.#lastFrame = null;
    this.#unsubscribe = cluster.kernel.trace.subscribe((step) => {
      this.#steps.push(step);
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
    if (player === null) return;
    if (player.playing) {
      const start = this.env.now();
      player.tick(start - (this.#lastFrame ?? start), () => this.env.now() - start > FRAME_BUDGET_MS);
      this.#lastFrame = start;
      this.#dirty = true;
      this.#requestFrame();
    }
    if (!this.#dirty) return;
    this.#dirty = false;
    const steps = this.#steps;
    this.#steps = [];
    this.env.emit({ type: 'batch', clock: player.state(), steps });
  };
}
