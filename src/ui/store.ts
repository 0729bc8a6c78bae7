import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResolvedClusterOptions } from '../sim/cluster';
import type { ClockState, Speed } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { Topology } from '../sim/topology';
import type { SimHost } from '../worker/host';

/** How many recent steps the UI keeps for the timeline. */
export const MAX_STEPS = 500;

/** What the UI knows about the running simulation. */
export interface LabState {
  readonly hostKind: SimHost['kind'];
  readonly options: ResolvedClusterOptions | null;
  readonly topology: Topology | null;
  readonly clock: ClockState | null;
  /** The most recent trace steps, oldest first. */
  readonly steps: readonly TraceStep[];
  /** The last error the simulation reported, until dismissed. */
  readonly error: string | null;
  /** The component shown in the inspector. */
  readonly selected: string | null;
}

/** What the UI can ask of the simulation. */
export interface LabActions {
  play(): void;
  pause(): void;
  step(): void;
  setSpeed(speed: Speed): void;
  select(componentId: string | null): void;
  dismissError(): void;
}

export type LabStore = StoreApi<LabState & LabActions>;

/** A store that mirrors one simulation host and sends it the user's commands. */
export function createLabStore(host: SimHost): LabStore {
  const store = createStore<LabState & LabActions>()((set) => ({
    hostKind: host.kind,
    options: null,
    topology: null,
    clock: null,
    steps: [],
    error: null,
    selected: null,
    play: () => host.send({ type: 'play' }),
    pause: () => host.send({ type: 'pause' }),
    step: () => host.send({ type: 'step' }),
    setSpeed: (speed) => host.send({ type: 'setSpeed', speed }),
    select: (selected) => set({ selected }),
    dismissError: () => set({ error: null }),
  }));
  host.subscribe((event) => {
    switch (event.type) {
      case 'init':
        store.setState({
          options: event.options,
          topology: event.topology,
          clock: event.clock,
          steps: [],
          selected: null,
        });
        break;
      case 'batch':
        store.setState((state) => ({
          clock: event.clock,
          steps: event.steps.length === 0 ? state.steps : [...state.steps, ...event.steps].slice(-MAX_STEPS),
        }));
        break;
      case 'error':
        store.setState({ error: event.message });
        break;
    }
  });
  return store;
}
