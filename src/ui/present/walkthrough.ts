/**
 * The instructor's walkthrough of a lesson step: "Run" does the step's first command with the
 * clock paused, and each "Next" runs the cluster precisely to the trace step of the step's
 * next narration cue (the runner's step-until-match), highlights it, and shows what the
 * lesson says about it. The audience windows get each narration (see relay.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceStep } from '../../sim/kernel/trace';
import type { StepMatch } from '../../worker/lessons/checks';
import { stepMatches } from '../../worker/lessons/evaluate';
import type { LessonStep } from '../../worker/lessons/format';
import { kubectlLines } from '../lessons/markdown';
import type { LabStore } from '../store';
import type { Narration } from './messages';

/** Where the walkthrough of the step shown stands. */
export interface WalkthroughState {
  /** How many of the step's cues have been narrated. */
  readonly cue: number;
  /** The narration on screen, or null. */
  readonly say: string | null;
  /** The trace step it is about. */
  readonly stepId: number | null;
  /** A Next is running the cluster to its cue. */
  readonly seeking: boolean;
  /** The next cue is looked for among the trace steps after this one. */
  readonly from: number;
  /** Why the last Next stopped without reaching its cue, or null. */
  readonly missed: string | null;
}

export interface WalkthroughActions {
  /** Pauses the clock and runs the step's first command (see {@link firstCommand}). */
  run(): void;
  /** Runs the cluster to the next cue and narrates it. */
  next(): Promise<void>;
  /** Starts the step shown over: no cue narrated yet. */
  restart(): void;
}

export type WalkthroughStore = StoreApi<WalkthroughState & WalkthroughActions>;

/** How long (real ms) Next waits for the simulation to report the cue's step. */
export const SEEK_TIMEOUT_MS = 10_000;

/** What Run does for a step: its first runnable kubectl line, else its first task's solution. */
export function firstCommand(step: LessonStep): { line: string } | { task: number } | null {
  const line = kubectlLines(
    [...step.markdown.matchAll(/```(?:sh|bash|shell|console)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n'),
  )[0];
  if (line !== undefined) return { line };
  return step.tasks.length > 0 ? { task: 0 } : null;
}

/** Creates the walkthrough for the lab's open lesson; `narrate` tells the audience. */
export function createWalkthrough(lab: LabStore, narrate: (n: Narration) => void): WalkthroughStore {
  const lessons = () => lab.getState().lessons.getState();
  const current = () => {
    const { lesson, step } = lessons();
    return lesson === null ? null : { lesson, index: step, step: lesson.steps[step] };
  };
  const tell = (say: string | null, stepId: number | null) => {
    const c = current();
    if (c === null || c.step === undefined) return;
    narrate({
      lessonTitle: c.lesson.title,
      stepTitle: c.step.title,
      step: c.index + 1,
      steps: c.lesson.steps.length,
      say,
      stepId,
    });
  };
  const store = createStore<WalkthroughState & WalkthroughActions>()((set, get) => ({
    cue: 0,
    say: null,
    stepId: null,
    seeking: false,
    from: 0,
    missed: null,
    restart() {
      const from = lab.getState().steps.at(-1)?.id ?? 0;
      set({ cue: 0, say: null, stepId: null, seeking: false, from, missed: null });
      tell(null, null);
    },
    run() {
      const c = current();
      if (c?.step === undefined) return;
      const lab$ = lab.getState();
      lab$.pause();
      get().restart();
      const command = firstCommand(c.step);
      if (command === null) return;
      if ('line' in command) lab$.sendToTerminal(command.line, true);
      else void lessons().solve(c.step.tasks[command.task] as (typeof c.step.tasks)[number]);
    },
    async next() {
      const c = current();
      const { cue, seeking, from } = get();
      const target = c?.step?.narration[cue];
      if (seeking || target === undefined) return;
      set({ seeking: true, missed: null });
      // The cue may have happened already (kubectl's own request comes with the command).
      const seen = lab.getState().steps.find((s) => s.id > from && stepMatches(target.at, s));
      const found = seen ?? (await seek(target.at, lab.getState().steps.at(-1)?.id ?? from));
      if (found === null) {
        set({
          seeking: false,
          missed: 'The cluster did not reach this cue: run the step first, or go on with Play.',
        });
        return;
      }
      lab.getState().trace.state.getState().select(found.id);
      set({ cue: cue + 1, say: target.say, stepId: found.id, from: found.id, seeking: false });
      tell(target.say, found.id);
    },
  }));
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
