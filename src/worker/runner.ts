import { createCluster, type Cluster, type ClusterOptions } from '../sim/cluster';
import { Player } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { EditorBridge } from './edit-requests';
import { Inspections } from './inspect';
import { RegistryReader } from './inspect/registry';
import { TaskChecker } from './lessons/task-checker';
import { NodeHealthTracker } from './node-health';
import { connectKubectl } from './kubectl-shell';
import { KubectlSessions, type KubectlShell } from './kubectl-sessions';
import { PeriodicTracker } from './periodic';
import { stepMatches } from './lessons/evaluate';
import type { StepMatch } from './lessons/checks';
import {
  MAX_MATCH_EVENTS,
  MAX_STEP_EVENTS,
  parseCommand,
  type Command,
  type HostEvent,
  type StepUntil,
} from './protocol';
import { InputLog, isInput, type InputCommand, type Position } from './rewind/input-log';
import { macrotask, replay } from './rewind/replay';

/** What a runner needs from the place it runs in (a worker, or the page itself). */
export interface RunnerEnv {
  /** Real (wall) time in ms, for pacing only; the simulation never sees it. */
  now(): number;
  /** Calls `callback` at the next animation frame. */
  requestFrame(callback: () => void): void;
  /** Delivers an event to the UI. */
  emit(event: HostEvent): void;
  /** Resolves in a new task, after pending promise continuations ran (rewind's replay). */
  yieldTask?(): Promise<void>;
}

/** Real ms of simulation work allowed in one frame, so the host stays responsive. */
export const FRAME_BUDGET_MS = 10;

/**
 * Runs a simulated cluster for a host: applies commands, drives the virtual clock from real
 * time once per frame, and sends what happened as at most one batch per frame, followed by
 * what the terminal's kubectl commands wrote in that frame. It logs the inputs, so it can
 * rewind: build the cluster again from its seed and replay them up to an earlier step.
 */
export class SimulationRunner {
  #cluster: Cluster | null = null;
  #player: Player | null = null;
  #unsubscribe: () => void = () => {};
  #steps: TraceStep[] = [];
  #periodic = new PeriodicTracker();
  /** How many steps that are not periodic background work the trace has recorded. */
  #shown = 0;
  #dirty = false;
  #frameRequested = false;
  #lastFrame: number | null = null;
  #sessions = new KubectlSessions(() => this.#requestFrame());
  #log = new InputLog();
  /** The point before the action that recorded the last step. */
  #lastMark: Position = { events: 0, inputs: 0, time: 0 };
  /** The id of the last step recorded. */
  #lastStep = 0;
  /** While a rewind replays, messages wait here. */
  #waiting: unknown[] | null = null;
  /** The inspectors open: observers that never change the trace (see inspect/index.ts). */
  readonly #inspections = new Inspections();
  readonly #nodeHealth = new NodeHealthTracker();
  /** A lesson's tasks being checked (see lessons/task-checker.ts), and how it reads objects. */
  #checker: TaskChecker | null = null;
  #reader: RegistryReader | null = null;

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
    if (this.#waiting !== null) {
      this.#waiting.push(message);
      return;
    }
    const command = parseCommand(message);
    if ('error' in command) return this.env.emit({ type: 'error', message: command.error });
    try {
      this.#apply(command);
    } catch (error) {
      this.env.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  #apply(command: Command): void {
    if (isInput(command)) return this.#input(command);
    switch (command.type) {
      case 'reset':
        return this.#reset(command.options, command.id);
      case 'rewind':
        return void this.#rewind(command.before);
      case 'inspect':
        this.#inspections.open(command.id, command.target);
        return this.#markDirty();
      case 'uninspect':
        return this.#inspections.close(command.id);
      case 'checks':
        this.#checker = command.tasks.length === 0 ? null : new TaskChecker(command.tasks);
        return this.#markDirty();
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
        try {
          this.#step(player, command.until ?? 'event');
        } catch (error) {
          return this.#recover(error);
        }
        this.#lastFrame = null;
        this.#yielded();
        break;
      case 'setSpeed':
        player.setSpeed(command.speed);
        break;
    }
    this.#markDirty();
  }

  /** Logs an input (once there is a cluster) and gives it to the simulation. */
  #input(command: InputCommand): void {
    const kernel = this.#cluster?.kernel;
    const index =
      kernel === undefined ? null : this.#log.input(kernel.eventsRun, kernel.clock.now(), command);
    this.#give(command, index);
  }

  /** Gives the simulation input number `index` of the log. */
  #give(command: InputCommand, index: number | null): void {
    const kernel = this.#cluster?.kernel;
    // The steps it records, now or in promise continuations, come from this input.
    if (index !== null && kernel !== undefined)
      this.#lastMark = { events: kernel.eventsRun, inputs: index, time: kernel.clock.now() };
    this.#deliver(command);
  }

  #deliver(command: InputCommand): void {
    switch (command.type) {
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
  }

  /** Runs events until `until` is met (see the `step` command), at most MAX_STEP_EVENTS. */
  #step(player: Player, until: StepUntil): void {
    const steps = this.#steps.length;
    const shown = this.#shown;
    if (typeof until === 'object') return this.#stepToMatch(player, until.match);
    for (let events = 0; events < MAX_STEP_EVENTS; events++) {
      if (!player.step() || until === 'event') return;
      if (until === 'trace' && this.#steps.length > steps) return;
      if (until === 'shown' && this.#shown > shown) return;
    }
  }

  /** Runs events until the trace records a step matching `match`, at most MAX_MATCH_EVENTS. */
  #stepToMatch(player: Player, match: StepMatch): void {
    let checked = this.#steps.length;
    for (let events = 0; events < MAX_MATCH_EVENTS; events++) {
      if (!player.step()) return;
      for (; checked < this.#steps.length; checked++)
        if (stepMatches(match, this.#steps[checked] as TraceStep)) return;
    }
  }

  #reset(options: ClusterOptions, id: number | undefined): void {
    this.#checker = null;
    const cluster = this.#build(options, new InputLog());
    this.env.emit({
      type: 'init',
      ...(id === undefined ? {} : { id }),
      options: cluster.options,
      topology: cluster.topology,
      clock: (this.#player as Player).state(),
    });
  }

  /** Builds a cluster from `options`, with `log` as the inputs it has had. */
  #build(options: ClusterOptions, log: InputLog): Cluster {
    this.#unsubscribe();
    const cluster = this.build(options);
    const kernel = cluster.kernel;
    this.#cluster = cluster;
    this.#player = new Player(kernel);
    this.#steps = [];
    this.#periodic = new PeriodicTracker();
    this.#shown = 0;
    this.#lastFrame = null;
    this.#log = log;
    this.#lastMark = { events: 0, inputs: 0, time: 0 };
    this.#nodeHealth.reset();
    this.#reader = new RegistryReader(cluster.etcd);
    // Checking starts again with the new cluster: a rewind's replay counts the steps anew.
    if (this.#checker !== null) this.#checker = new TaskChecker(this.#checker.tasks);
    this.#sessions.connect(this.connect(cluster, this.#sessions.edits));
    this.#unsubscribe = kernel.trace.subscribe((step) => {
      this.#steps.push(step);
      this.#lastStep = step.id;
      this.#checker?.observe(step);
      if (!this.#periodic.classify(step)) this.#shown++;
      this.#log.markStep(step.id, this.#markFor(cluster));
      this.#markDirty();
    });
    return cluster;
  }

  /**
   * The point before the action recording a step now: the event running, else the last
   * input given (see #give) or event, whose promise continuations these are.
   */
  #markFor(cluster: Cluster): Position {
    const kernel = cluster.kernel;
    if (kernel.inEvent)
      this.#lastMark = {
        events: kernel.eventsRun - 1,
        inputs: this.#log.inputCount,
        time: kernel.clock.now(),
      };
    return this.#lastMark;
  }

  /** Notes that continuations of running commands get to run now (see InputLog.yieldAt). */
  #yielded(): void {
    const kernel = this.#cluster?.kernel;
    if (kernel !== undefined && this.#sessions.busy) this.#log.yieldAt(kernel.eventsRun);
  }

  /**
   * Rewinds to just before the action that recorded step `before`: the commands running now
   * end (as Ctrl-C ends them), a new cluster is built from the same options and the logged
   * inputs are replayed up to that point; commands still running there are interrupted.
   * Messages that arrive meanwhile wait. Ends with a `rewound` event.
   */
  #rewind(before: number): Promise<void> {
    const mark = this.#log.before(before);
    if (this.#cluster === null || mark === undefined) {
      this.env.emit({
        type: 'error',
        message: `cannot rewind to before step ${before}: it is not in the log`,
      });
      return Promise.resolve();
    }
    return this.#rewindTo(mark.position, mark.firstStep - 1);
  }

  /**
   * An event of the simulation threw: its state may be half changed. Rebuilds the cluster
   * up to just before that event, paused there, and says what failed and how to reproduce it.
   */
  #recover(error: unknown): void {
    const kernel = this.#cluster?.kernel;
    if (kernel === undefined) throw error;
    const failed = { events: kernel.eventsRun - 1, inputs: this.#log.inputCount, time: kernel.clock.now() };
    const mark = this.#log.before(this.#lastStep);
    const own = mark?.position.events === failed.events && mark.position.inputs === failed.inputs;
    const why = error instanceof Error ? error.message : String(error);
    this.env.emit({
      type: 'error',
      message:
        `The simulation failed at ${(failed.time / 1000).toFixed(1)} s (seed ${this.#cluster?.options.seed}, ` +
        `after ${failed.events} events and ${failed.inputs} inputs): ${why}. ` +
        'The cluster was rebuilt up to just before it, and paused.',
    });
    void this.#rewindTo(failed, own && mark !== undefined ? mark.firstStep - 1 : this.#lastStep);
  }

  /** Rebuilds the cluster at `position`, keeping steps up to `lastStep` (see #rewind). */
  async #rewindTo(position: Position, lastStep: number): Promise<void> {
    const cluster = this.#cluster as Cluster;
    // Steps kept but not sent yet (the frame that failed) go first, so the UI has no gap.
    const unsent = this.#steps.filter((step) => step.id <= lastStep);
    if (unsent.length > 0 && this.#player !== null)
      this.env.emit({ type: 'batch', clock: this.#player.state(), steps: unsent });
    this.#waiting = [];
    const old = this.#sessions;
    old.interruptAll();
    for (const event of old.drain()) this.env.emit(event);
    this.#sessions = new KubectlSessions(() => this.#requestFrame());
    const log = this.#log.until(position);
    const rebuilt = this.#build(cluster.options, log);
    try {
      await replay(log, position, {
        kernel: rebuilt.kernel,
        apply: (command, index) => this.#give(command, index),
        yieldTask: this.env.yieldTask ?? macrotask,
      });
      for (const id of this.#sessions.runningIds()) this.#input({ type: 'interrupt', id });
    } catch (error) {
      this.env.emit({
        type: 'error',
        message: `rewind failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    this.#sessions.drain();
    this.#steps = [];
    const waiting = this.#waiting;
    this.#waiting = null;
    this.env.emit({
      type: 'rewound',
      clock: (this.#player as Player).state(),
      lastStep,
    });
    this.#markDirty();
    for (const message of waiting) this.handle(message);
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
    if (this.#waiting !== null) return;
    const player = this.#player;
    if (player?.playing) {
      const start = this.env.now();
      try {
        player.tick(start - (this.#lastFrame ?? start), () => this.env.now() - start > FRAME_BUDGET_MS);
      } catch (error) {
        return this.#recover(error);
      }
      this.#lastFrame = start;
      this.#yielded();
      this.#dirty = true;
      this.#requestFrame();
    }
    if (player !== null && this.#dirty) {
      this.#dirty = false;
      const steps = this.#steps;
      this.#steps = [];
      this.env.emit({ type: 'batch', clock: player.state(), steps });
      const health = this.#nodeHealth.update(this.#cluster as Cluster, steps);
      if (health !== null) this.env.emit({ type: 'nodes', health });
      for (const update of this.#inspections.refresh(this.#cluster as Cluster)) this.env.emit(update);
      const tasks = this.#checker?.evaluate(this.#reader as RegistryReader) ?? null;
      if (tasks !== null) this.env.emit({ type: 'checks', tasks });
    }
    for (const event of this.#sessions.drain()) this.env.emit(event);
  };
}
