/**
 * The instructor's walkthrough of a lesson step. As lessons/README.md says, each narration
 * cue is the first trace step matching its `at` after the previous cue, across steps: a
 * step's cues may tell what an earlier step's command set off. "Next cue" finds that step in
 * the timeline, or else runs the cluster precisely to it (the runner's step until a match),
 * reviews it in the timeline and the graph, and shows what the lesson says about it. "Run"
 * does the step's first command with the clock paused, "Previous cue" shows an earlier cue
 * again, and "Step" goes on without a cue, to the next step the timeline shows. The
 * walkthrough follows the step under review, whoever chose it, and tells the audience.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceStep } from '../../sim/kernel/trace';
import type { StepMatch } from '../../worker/lessons/checks';
import { stepMatches } from '../../worker/lessons/evaluate';
import type { LessonStep } from '../../worker/lessons/format';
import { lessonBlocks } from '../lessons/markdown';
import type { LabStore } from '../store';
import type { Narration } from './messages';

/** A cue the walkthrough reached: what was said, about which trace step. */
export interface Cue {
  readonly say: string;
  readonly stepId: number;
}

/** Where the walkthrough of the step shown stands. */
export interface WalkthroughState {
  /** The step's cues reached so far, in order. */
  readonly cues: readonly Cue[];
  /** The narration on screen, or null. */
  readonly say: string | null;
  /** The trace step under review: a cue's, or one stepped to; null when live. */
  readonly stepId: number | null;
  /** A Next cue is running the cluster to its step. */
  readonly seeking: boolean;
  /** Why the last Next cue stopped without reaching its cue, or null. */
  readonly missed: string | null;
}

export interface WalkthroughActions {
  /**
   * A lesson (re)started: cues are looked for among the trace steps after `after` (the
   * cluster's setup is not narrated; a link to a later step narrates what the steps before it did).
   */
  start(after: number): void;
  /** Starts the step shown over: no cue reached yet, nothing narrated. */
  restart(): void;
  /** Pauses the clock, starts the step's cues over and runs its first command (see {@link firstCommand}). */
  run(): void;
  /** Shows the next cue: one reached before, else pauses and finds it, running the cluster to it if need be. */
  next(): Promise<void>;
  /** Shows the cue before the one on screen again. */
  previous(): void;
  /** Goes on without a cue: reviews the next step the timeline shows (running the cluster to it). */
  stepOn(): void;
}

export type WalkthroughStore = StoreApi<WalkthroughState & WalkthroughActions>;

/** How long (real ms) Next cue waits for the simulation to report the cue's step. */
export const SEEK_TIMEOUT_MS = 10_000;

/** What Run does for a step: its first runnable kubectl line, else its first task's solution. */
export function firstCommand(step: LessonStep): { line: string } | { task: number } | null {
  for (const block of lessonBlocks(step.markdown)) {
    const line = block.kind === 'shell' ? block.lines.find((l) => l.command !== null)?.command : null;
    if (typeof line === 'string') return { line };
  }
  return step.tasks.length > 0 ? { task: 0 } : null;
}

/** Which cue is on screen: the index of the one about `stepId` among those reached, or -1. */
const cueIndex = (cues: readonly Cue[], stepId: number | null) => cues.findIndex((c) => c.stepId === stepId);

/** Creates the walkthrough for the lab's open lesson; `narrate` tells the audience. */
export function createWalkthrough(lab: LabStore, narrate: (n: Narration) => void): WalkthroughStore {
  const lessons = () => lab.getState().lessons.getState();
  const trace = () => lab.getState().trace.state.getState();
  const current = () => {
    const { lesson, step } = lessons();
    const shown = lesson?.steps[step];
    return lesson === null || shown === undefined ? null : { lesson, index: step, step: shown };
  };
  /** The next cue is the first trace step after this one that matches it. */
  let from = 0;
  /** Tells the audience what is on screen now. */
  const tell = (say: string | null, stepId: number | null) => {
    const c = current();
    if (c === null) return;
    narrate({
      lessonTitle: c.lesson.title,
      stepTitle: c.step.title,
      step: c.index + 1,
      steps: c.lesson.steps.length,
      say,
      stepId,
    });
  };

  const store = createStore<WalkthroughState & WalkthroughActions>()((set, get) => {
    /** Puts `say` about `stepId` on screen, reviews the step, and tells the audience. */
    const show = (say: string | null, stepId: number | null) => {
      set({ say, stepId });
      trace().select(stepId);
      tell(say, stepId);
    };
    return {
      cues: [],
      say: null,
      stepId: null,
      seeking: false,
      missed: null,
      start(after) {
        from = after;
        get().restart();
      },
      restart() {
        set({ cues: [], seeking: false, missed: null });
        show(null, null);
      },
      run() {
        const c = current();
        if (c === null) return;
        lab.getState().pause();
        get().restart();
        const command = firstCommand(c.step);
        if (command === null) return;
        if ('line' in command) lab.getState().sendToTerminal(command.line, true);
        else void lessons().solve(c.step.tasks[command.task] as (typeof c.step.tasks)[number]);
      },
      async next() {
        const { cues, stepId, seeking } = get();
        const shown = cueIndex(cues, stepId);
        const again = cues[shown + 1];
        if (shown >= 0 && again !== undefined) return show(again.say, again.stepId);
        const target = current()?.step.narration[cues.length];
        if (seeking || target === undefined) return;
        set({ seeking: true, missed: null });
        // A narration holds the clock, whether its step is in the timeline already or still to come.
        lab.getState().pause();
        // The cue may have happened already (kubectl's own request comes with the command).
        const found =
          lab.getState().trace.log.next(from, (s) => stepMatches(target.at, s)) ??
          (await seek(target.at, Math.max(from, lab.getState().trace.log.newestId)));
        if (found === null) {
          set({
            seeking: false,
            missed: 'The cluster did not reach this cue: press Run first, or go on with Step.',
          });
          return;
        }
        from = found.id;
        set({ cues: [...get().cues, { say: target.say, stepId: found.id }], seeking: false });
        show(target.say, found.id);
      },
      previous() {
        const { cues, stepId } = get();
        const shown = cueIndex(cues, stepId);
        const before = shown === -1 ? cues.at(-1) : cues[shown - 1];
        if (before !== undefined) show(before.say, before.stepId);
      },
      stepOn: () => trace().stepForward(),
    };
  });

  // Follow the step under review, however it was chosen (Step, the timeline, a cue): on a
  // cue's step its narration shows again; elsewhere the narration is about another step.
  lab.getState().trace.state.subscribe(({ selected }) => {
    const { cues, stepId } = store.getState();
    if (selected === stepId) return;
    const say = cues[cueIndex(cues, selected)]?.say ?? null;
    store.setState({ say, stepId: selected });
    tell(say, selected);
  });

  /** Runs the cluster until a step after `after` matches `at`; null if none came in time. */
  function seek(at: StepMatch, after: number): Promise<TraceStep | null> {
    return new Promise<TraceStep | null>((resolve) => {
      const timer = setTimeout(() => finish(null), SEEK_TIMEOUT_MS);
      const stop = lab.getState().trace.onSteps((steps) => {
        const hit = steps.find((s) => s.id > after && stepMatches(at, s));
        if (hit !== undefined) finish(hit);
      });
      function finish(step: TraceStep | null) {
        clearTimeout(timer);
        stop();
        resolve(step);
      }
      lab.getState().stepTo(at);
    });
  }
  return store;
}
