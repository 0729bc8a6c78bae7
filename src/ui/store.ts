import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResolvedClusterOptions } from '../sim/cluster';
import type { ClockState, Speed } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { Topology } from '../sim/topology';
import type { SimHost } from '../worker/host';
import type { StepMatch } from '../worker/lessons/checks';
import type { NodeHealth } from '../worker/node-health';
import { MAX_LINE_LENGTH, MAX_STDIN_LENGTH, type HostEvent } from '../worker/protocol';
import { createEditorStore, type EditorStore, type PipeKubectl } from './editor/editor-store';
import { createInspectStore, type InspectStore } from './inspect/inspect-store';
import { createLessonStore, type LessonStore } from './lessons/lesson-store';
import { readSettings, type LabSettings } from './settings';
import type { CompletionResult } from './terminal/completion-list';
import type { KubectlClient, TerminalLink } from './terminal/shell';
import { createTraceStore, type TraceStore } from './trace/trace-store';

/** How many recent steps the UI keeps for the timeline. */
export const MAX_STEPS = 500;

/** What the UI knows about the running simulation. */
export interface LabState {
  readonly hostKind: SimHost['kind'];
  /** What the page's URL asked for (settings.ts): lesson, panels, presenting, read-only. */
  readonly settings: LabSettings;
  readonly options: ResolvedClusterOptions | null;
  readonly topology: Topology | null;
  readonly clock: ClockState | null;
  /** The most recent trace steps, oldest first. */
  readonly steps: readonly TraceStep[];
  /** The last error the simulation reported, until dismissed. */
  readonly error: string | null;
  /** The component shown in the inspector. */
  readonly selected: string | null;
  /** The sidebar's open tab: the steps (details and timeline), the inspectors, or faults. */
  readonly sidePanel: SidePanel;
  /** Each Node's health (Ready, pressure, cordoned), by name, as the graph shows it. */
  readonly nodeHealth: Readonly<Record<string, NodeHealth>>;
  /**
   * A line something outside the terminal (a lesson's runnable block, an embedding page)
   * asks the terminal to type at its prompt, and whether to run it (press Enter); `seq`
   * tells one request from the next.
   */
  readonly terminalRequest: TerminalRequest | null;
}

/** A line for the terminal to type (see LabState.terminalRequest). */
export interface TerminalRequest {
  readonly seq: number;
  readonly line: string;
  readonly run: boolean;
}

/** The sidebar's tabs. */
export type SidePanel = 'lesson' | 'steps' | 'inspect' | 'faults';

/** The sidebar tabs, in order. */
export const SIDE_PANELS: readonly SidePanel[] = ['lesson', 'steps', 'inspect', 'faults'];

/** The tab the sidebar opens on: the lesson when a link opens one, else the steps, if shown. */
function firstSidePanel(settings: LabSettings): SidePanel {
  const shown = SIDE_PANELS.filter((p) => settings.panels.includes(p));
  if (settings.lesson !== null && shown.includes('lesson')) return 'lesson';
  return shown.includes('steps') ? 'steps' : (shown[0] ?? 'steps');
}

/** What the UI can ask of the simulation. */
export interface LabActions {
  play(): void;
  pause(): void;
  step(): void;
  setSpeed(speed: Speed): void;
  select(componentId: string | null): void;
  showSidePanel(panel: SidePanel): void;
  dismissError(): void;
  /** Pauses and runs the cluster until the trace records a step matching `match` (a narration cue). */
  stepTo(match: StepMatch): void;
  /** Types `line` at the terminal's prompt, and runs it if `run` (see terminalRequest). */
  sendToTerminal(line: string, run: boolean): void;
  /**
   * The terminal's kubectl: runs command lines in the simulation (their output and exit
   * code come back by command id) and asks it for completions.
   */
  readonly kubectl: KubectlClient;
  /** Runs a kubectl line with text piped to its stdin (`kubectl create -f -`). */
  readonly pipe: PipeKubectl;
  /** The YAML editor's own store (editor/editor-store.ts): its text, runs and `kubectl edit`. */
  readonly editor: EditorStore;
  /** The timeline's slice (trace/trace-store.ts): the trace log, filters, the step under review. */
  readonly trace: TraceStore;
  /** The inspectors' slice (inspect/inspect-store.ts): what each inspector shows, live. */
  readonly inspect: InspectStore;
  /** The lessons' slice (lessons/lesson-store.ts): the lesson open, its tasks, progress. */
  readonly lessons: LessonStore;
}

export type LabStore = StoreApi<LabState & LabActions>;

/** A store that mirrors one simulation host and sends it the user's commands. */
export function createLabStore(simulation: SimHost, settings: LabSettings = readSettings('')): LabStore {
  // The trace slice watches the host's events, and the commands sent to it (to name journeys).
  const { trace, host } = createTraceStore(simulation);
  const terminal = terminalRequests(host);
  const editor = createEditorStore(host, terminal.pipe);
  const inspect = createInspectStore(host);
  const lessons = createLessonStore({ host, pipe: terminal.pipe });
  let terminalSeq = 0;
  const store = createStore<LabState & LabActions>()((set) => ({
    hostKind: host.kind,
    settings,
    options: null,
    topology: null,
    clock: null,
    steps: [],
    error: null,
    selected: null,
    sidePanel: firstSidePanel(settings),
    nodeHealth: {},
    terminalRequest: null,
    play: () => host.send({ type: 'play' }),
    pause: () => host.send({ type: 'pause' }),
    step: () => host.send({ type: 'step' }),
    stepTo: (match) => host.send({ type: 'step', until: { match } }),
    setSpeed: (speed) => host.send({ type: 'setSpeed', speed }),
    select: (selected) => set({ selected }),
    showSidePanel: (sidePanel) => set({ sidePanel }),
    dismissError: () => set({ error: null }),
    sendToTerminal: (line, run) => set({ terminalRequest: { seq: ++terminalSeq, line, run } }),
    kubectl: terminal.client,
    pipe: terminal.pipe,
    editor,
    trace,
    inspect,
    lessons,
  }));
  host.subscribe((event) => {
    switch (event.type) {
      case 'output':
      case 'exit':
      case 'completions':
      case 'terminalMode':
        terminal.deliver(event);
        break;
      case 'init':
        store.setState({
          options: event.options,
          topology: event.topology,
          clock: event.clock,
          steps: [],
          selected: null,
          nodeHealth: {},
        });
        break;
      case 'batch':
        store.setState((state) => ({
          clock: event.clock,
          steps: event.steps.length === 0 ? state.steps : [...state.steps, ...event.steps].slice(-MAX_STEPS),
        }));
        break;
      case 'nodes':
        store.setState({ nodeHealth: event.health });
        break;
      case 'rewound':
        store.setState((state) => ({
          clock: event.clock,
          steps: state.steps.filter((step) => step.id <= event.lastStep),
        }));
        break;
      case 'error':
        store.setState({ error: event.message });
        break;
    }
  });
  return store;
}

type TerminalEvent = Extract<HostEvent, { type: 'output' | 'exit' | 'completions' | 'terminalMode' }>;

/** The terminal's requests to the host, each with an id its answers come back with. */
function terminalRequests(host: SimHost) {
  let nextId = 1;
  const running = new Map<
    number,
    { write: Parameters<KubectlClient['run']>[1]; done(code: number): void; terminal?: TerminalLink }
  >();
  const completing = new Map<number, (answer: CompletionResult) => void>();
  const client: KubectlClient = {
    run(line, write, terminal) {
      if (line.length > MAX_LINE_LENGTH) {
        write('stderr', `kubelab: the line is too long (more than ${MAX_LINE_LENGTH} characters)\n`);
        return { exit: Promise.resolve(2), interrupt: () => {} };
      }
      const id = nextId++;
      const exit = new Promise<number>((done) =>
        running.set(id, { write, done, ...(terminal === undefined ? {} : { terminal }) }),
      );
      if (terminal === undefined) host.send({ type: 'exec', id, line });
      else
        host.send({ type: 'exec', id, line, terminal: { columns: terminal.columns, rows: terminal.rows } });
      return {
        exit,
        interrupt: () => running.has(id) && host.send({ type: 'interrupt', id }),
        input: (data) => running.has(id) && host.send({ type: 'stdin', id, data }),
        resize: (columns, rows) =>
          running.has(id) && host.send({ type: 'resize', id, size: { columns, rows } }),
      };
    },
    complete(line, cursor) {
      if (line.length > MAX_LINE_LENGTH) return Promise.resolve({ candidates: [], replaceFrom: cursor });
      const id = nextId++;
      const answer = new Promise<CompletionResult>((resolve) => completing.set(id, resolve));
      host.send({ type: 'complete', id, line, cursor });
      return answer;
    },
  };
  /** Runs a line with text piped to it (the YAML editor's `-f -`). */
  const pipe: PipeKubectl = (line, stdin, write) => {
    if (line.length > MAX_LINE_LENGTH || stdin.length > MAX_STDIN_LENGTH) {
      write('stderr', `kubelab: the text is too long (more than ${MAX_STDIN_LENGTH} characters)\n`);
      return { exit: Promise.resolve(2) };
    }
    const id = nextId++;
    const exit = new Promise<number>((done) => running.set(id, { write, done }));
    host.send({ type: 'exec', id, line, stdin });
    return { exit };
  };
  const deliver = (event: TerminalEvent) => {
    if (event.type === 'output') running.get(event.id)?.write(event.stream, event.text);
    else if (event.type === 'terminalMode') running.get(event.id)?.terminal?.setMode(event.mode);
    else if (event.type === 'exit') {
      running.get(event.id)?.done(event.code);
      running.delete(event.id);
    } else {
      completing.get(event.id)?.({ candidates: event.candidates, replaceFrom: event.replaceFrom });
      completing.delete(event.id);
    }
  };
  return { client, pipe, deliver };
}
