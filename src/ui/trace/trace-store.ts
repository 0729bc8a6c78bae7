/**
 * The timeline's slice of the UI state: the trace log, the filters, the selected step
 * (reviewing history "as of" that step) and stepping through what the user can see.
 * It watches the host's events itself and observes the commands sent to it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TraceStep } from '../../sim/kernel/trace';
import type { SimHost } from '../../worker/host';
import type { HostEvent } from '../../worker/protocol';
import { graphModel } from '../graph/graph-model';
import { DEFAULT_FILTERS, stepMatches, type StepFilters } from './filters';
import { TraceLog } from './log';

/** What the timeline and the graph read. */
export interface TraceState {
  /** Bumps (at most a few times a second) whenever the log changes. */
  readonly version: number;
  readonly filters: StepFilters;
  /** Whether the timeline groups steps into journeys. */
  readonly grouped: boolean;
  /** The step under review, or null when following the live cluster. */
  readonly selected: number | null;
  /** The journeys whose steps the timeline lists. */
  readonly expanded: ReadonlySet<string>;
  /** Whether a rewind (Step back) is replaying the cluster now. */
  readonly rewinding: boolean;
}

/** What the timeline and the clock controls can do. */
export interface TraceActions {
  setFilters(patch: Partial<StepFilters>): void;
  setGrouped(grouped: boolean): void;
  /** Reviews step `id` (null: back to live). */
  select(id: number | null): void;
  toggleJourney(key: string): void;
  /**
   * Steps back: rewinds the cluster to before the current step (the one under review, else
   * the newest shown), so the step before it is current again. The cluster pauses there.
   */
  stepBack(): void;
  /** Reviews the next step shown; at the newest, runs the cluster to the next one. */
  stepForward(): void;
}

/** The trace slice: its reactive state, the log behind it, and the live step stream. */
export interface TraceStore {
  readonly state: StoreApi<TraceState & TraceActions>;
  readonly log: TraceLog;
  /** Calls `listener` with every batch of steps as it arrives; returns a function that stops it. */
  onSteps(listener: (steps: readonly TraceStep[]) => void): () => void;
  /** Whether `step` passes the current filters. */
  shows(step: TraceStep): boolean;
}

/** How long version bumps wait, so the timeline re-renders a few times a second at most. */
export const REFRESH_MS = 250;
/** How many Step commands stepForward sends looking for a step the filters show. */
const STEP_TRIES = 20;

/**
 * Creates the trace slice for `host`. Returns it and the host the rest of the UI should send
 * through (it notes terminal commands, to name the journeys they start).
 */
export function createTraceStore(
  host: SimHost,
  defer: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
): { trace: TraceStore; host: SimHost } {
  const log = new TraceLog();
  const listeners = new Set<(steps: readonly TraceStep[]) => void>();
  let cardOf: (id: string) => string = (id) => id;
  let refreshing = false;
  /** After a Step command: select the first step shown after this id when it arrives. */
  let awaiting: { after: number; tries: number } | null = null;

  const shows = (step: TraceStep) =>
    stepMatches(step, log.periodic(step.id), state.getState().filters, cardOf);
  const refresh = () => {
    if (refreshing) return;
    refreshing = true;
    defer(() => {
      refreshing = false;
      state.setState((s) => ({ version: s.version + 1 }));
    }, REFRESH_MS);
  };
  const sendStep = () =>
    host.send({ type: 'step', until: state.getState().filters.hidePeriodic ? 'shown' : 'trace' });

  const state = createStore<TraceState & TraceActions>()((set, get) => ({
    version: 0,
    filters: DEFAULT_FILTERS,
    grouped: true,
    selected: null,
    expanded: new Set(),
    rewinding: false,
    setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
    setGrouped: (grouped) => set({ grouped }),
    select: (selected) => {
      awaiting = null;
      if (selected === null) return set({ selected });
      const key = log.journeyOf(selected)?.key;
      set((s) => ({
        selected,
        expanded: key === undefined || s.expanded.has(key) ? s.expanded : new Set([...s.expanded, key]),
      }));
    },
    toggleJourney: (key) =>
      set((s) => {
        const expanded = new Set(s.expanded);
        if (!expanded.delete(key)) expanded.add(key);
        return { expanded };
      }),
    stepBack: () => {
      host.send({ type: 'pause' });
      const current = get().selected ?? log.previous(log.newestId + 1, shows)?.id;
      if (current === undefined || get().rewinding) return;
      set({ rewinding: true });
      awaiting = null;
      host.send({ type: 'rewind', before: current });
    },
    stepForward: () => {
      const selected = get().selected;
      const next = selected === null ? undefined : log.next(selected, shows);
      if (next !== undefined) return get().select(next.id);
      awaiting = { after: selected ?? log.newestId, tries: STEP_TRIES };
      sendStep();
    },
  }));

  const handle = (event: HostEvent) => {
    if (event.type === 'init') {
      log.reset();
      awaiting = null;
      cardOf = graphModel(event.topology).cardOf;
      state.setState((s) => ({ selected: null, expanded: new Set(), version: s.version + 1 }));
    } else if (event.type === 'batch') {
      if (event.steps.length === 0) return;
      log.append(event.steps);
      for (const listener of listeners) listener(event.steps);
      if (awaiting !== null) {
        const found = log.next(awaiting.after, shows);
        if (found !== undefined) state.getState().select(found.id);
        else if (--awaiting.tries > 0 && event.clock.pending > 0) sendStep();
        else awaiting = null;
      }
      refresh();
    } else if (event.type === 'rewound') {
      state.setState({ rewinding: false });
      log.truncateAfter(event.lastStep);
      const current = log.previous(event.lastStep + 1, shows);
      state.getState().select(current?.id ?? null);
      state.setState((s) => ({ version: s.version + 1 }));
    } else if (event.type === 'error') {
      state.setState({ rewinding: false });
    } else if (event.type === 'exit' || event.type === 'completions') {
      log.endCommand(`cmd:${event.id}`);
    }
  };
  host.subscribe(handle);

  const observed: SimHost = {
    kind: host.kind,
    send: (command) => {
      if (command.type === 'exec') log.beginCommand(`cmd:${command.id}`, command.line);
      if (command.type === 'complete')
        log.beginCommand(`cmd:${command.id}`, `${command.line} (Tab completion)`);
      host.send(command);
    },
    subscribe: (listener) => host.subscribe(listener),
    dispose: () => host.dispose(),
  };
  const trace: TraceStore = {
    state,
    log,
    onSteps: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shows,
  };
  return { trace, host: observed };
}
