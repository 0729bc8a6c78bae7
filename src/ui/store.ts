import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResolvedClusterOptions } from '../sim/cluster';
import type { ClockState, Speed } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { Topology } from '../sim/topology';
import type { SimHost } from '../worker/host';
import { MAX_LINE_LENGTH, type HostEvent } from '../worker/protocol';
import type { CompletionResult } from './terminal/completion-list';
import type { KubectlClient } from './terminal/shell';

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
  /**
   * The terminal's kubectl: runs command lines in the simulation (their output and exit
   * code come back by command id) and asks it for completions.
   */
  readonly kubectl: KubectlClient;
}

export type LabStore = StoreApi<LabState & LabActions>;

/** A store that mirrors one simulation host and sends it the user's commands. */
export function createLabStore(host: SimHost): LabStore {
  const terminal = terminalRequests(host);
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
    kubectl: terminal.client,
  }));
  host.subscribe((event) => {
    switch (event.type) {
      case 'output':
      case 'exit':
      case 'completions':
        terminal.deliver(event);
        break;
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

type TerminalEvent = Extract<HostEvent, { type: 'output' | 'exit' | 'completions' }>;

/** The terminal's requests to the host, each with an id its answers come back with. */
function terminalRequests(host: SimHost) {
  let nextId = 1;
  const running = new Map<number, { write: Parameters<KubectlClient['run']>[1]; done(code: number): void }>();
  const completing = new Map<number, (answer: CompletionResult) => void>();
  const client: KubectlClient = {
    run(line, write) {
      if (line.length > MAX_LINE_LENGTH) {
        write('stderr', `kubelab: the line is too long (more than ${MAX_LINE_LENGTH} characters)\n`);
        return { exit: Promise.resolve(2), interrupt: () => {} };
      }
      const id = nextId++;
      const exit = new Promise<number>((done) => running.set(id, { write, done }));
      host.send({ type: 'exec', id, line });
      return { exit, interrupt: () => running.has(id) && host.send({ type: 'interrupt', id }) };
    },
    complete(line, cursor) {
      if (line.length > MAX_LINE_LENGTH) return Promise.resolve({ candidates: [], replaceFrom: cursor });
      const id = nextId++;
      const answer = new Promise<CompletionResult>((resolve) => completing.set(id, resolve));
      host.send({ type: 'complete', id, line, cursor });
      return answer;
    },
  };
  const deliver = (event: TerminalEvent) => {
    if (event.type === 'output') running.get(event.id)?.write(event.stream, event.text);
    else if (event.type === 'exit') {
      running.get(event.id)?.done(event.code);
      running.delete(event.id);
    } else {
      completing.get(event.id)?.({ candidates: event.candidates, replaceFrom: event.replaceFrom });
      completing.delete(event.id);
    }
  };
  return { client, deliver };
}
