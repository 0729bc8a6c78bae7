/**
 * The YAML editor's slice of the lab's state: whether the panel is open, the manifest being
 * written, a `kubectl edit` waiting for Save or Cancel, and the editor's own kubectl runs
 * (Validate is `kubectl apply --dry-run=server -f -`, Apply is `kubectl apply -f -`, both
 * with the editor's text piped in). Small and free of Monaco and YAML parsing, so it can live
 * in the first bundle; the panel that needs those loads on demand.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import type { HostEvent } from '../../worker/protocol';
import type { OutputChunk } from './apply-output';

/** Runs a kubectl line with `stdin` piped to it; `write` gets its output as it comes. */
export type PipeKubectl = (
  line: string,
  stdin: string,
  write: (stream: OutputChunk['stream'], text: string) => void,
) => { readonly exit: Promise<number> };

/** A `kubectl edit` waiting for the user: the text kubectl opened, and its temporary file's name. */
export interface EditSession {
  readonly id: number;
  readonly name: string;
  readonly text: string;
}

/** One of the editor's kubectl runs, as its result area shows it. */
export interface EditorRun {
  readonly seq: number;
  readonly action: 'validate' | 'apply';
  readonly command: string;
  /** What the text was when it ran: 'manifest', or the edit session's id. */
  readonly target: 'manifest' | number;
  readonly output: readonly OutputChunk[];
  /** Null while it runs. */
  readonly code: number | null;
}

/** What the editor shows. */
export interface EditorState {
  readonly open: boolean;
  /**
   * The manifest being written (kept while a `kubectl edit` borrows the editor); null until
   * the panel first opens with its starter text.
   */
  readonly manifest: string | null;
  readonly edit: EditSession | null;
  /** Whether the panel opened for the current `kubectl edit` (and so closes after it). */
  readonly openedForEdit: boolean;
  /** Why the last edit ended without the user (its command was interrupted), until dismissed. */
  readonly notice: string | null;
  /** The editor's kubectl runs, newest last. */
  readonly runs: readonly EditorRun[];
}

/** What the editor does. */
export interface EditorActions {
  setOpen(open: boolean): void;
  setManifest(text: string): void;
  /** Answers the waiting `kubectl edit`: the saved text, or null for Cancel. */
  finishEdit(text: string | null): void;
  dismissNotice(): void;
  /** Runs Validate or Apply on `text`; resolves with the finished run. */
  run(action: EditorRun['action'], text: string): Promise<EditorRun>;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

/** The commands the two buttons run. */
export const EDITOR_COMMANDS: Readonly<Record<EditorRun['action'], string>> = {
  validate: 'kubectl apply --dry-run=server -f -',
  apply: 'kubectl apply -f -',
};

/** How many runs the result area keeps. */
const MAX_RUNS = 20;

/** The editor's store: `pipe` runs its kubectl lines, `host` carries `kubectl edit`'s requests. */
export function createEditorStore(host: SimHost, pipe: PipeKubectl): EditorStore {
  let seq = 0;
  const store = createStore<EditorState & EditorActions>()((set, get) => ({
    open: false,
    manifest: null,
    edit: null,
    openedForEdit: false,
    notice: null,
    runs: [],
    setOpen: (open) => set({ open }),
    setManifest: (manifest) => set({ manifest }),
    dismissNotice: () => set({ notice: null }),
    finishEdit(text) {
      const edit = get().edit;
      if (edit === null) return;
      host.send({ type: 'edited', id: edit.id, text });
      set((state) => ({ edit: null, openedForEdit: false, open: state.open && !state.openedForEdit }));
    },
    async run(action, text) {
      const edit = get().edit;
      const current: EditorRun = {
        seq: ++seq,
        action,
        command: EDITOR_COMMANDS[action],
        target: edit === null ? 'manifest' : edit.id,
        output: [],
        code: null,
      };
      const update = (change: Partial<EditorRun>) =>
        set((state) => ({ runs: state.runs.map((r) => (r.seq === current.seq ? { ...r, ...change } : r)) }));
      set((state) => ({ runs: [...state.runs, current].slice(-MAX_RUNS) }));
      const output: OutputChunk[] = [];
      const { exit } = pipe(current.command, text, (stream, chunk) => {
        output.push({ stream, text: chunk });
        update({ output: [...output] });
      });
      const code = await exit;
      update({ code, output: [...output] });
      return { ...current, output, code };
    },
  }));
  host.subscribe((event: HostEvent) => {
    if (event.type === 'edit') {
      const { open, edit, openedForEdit } = store.getState();
      store.setState({
        edit: { id: event.id, name: event.name, text: event.text },
        // Opened for this edit only if it was closed; kubectl asks again after an error.
        openedForEdit: edit === null ? !open : openedForEdit,
        open: true,
        notice: null,
      });
    } else if (event.type === 'editClosed' && store.getState().edit?.id === event.id) {
      store.setState((state) => ({
        edit: null,
        openedForEdit: false,
        open: state.open && !state.openedForEdit,
        notice: state.openedForEdit
          ? null
          : 'kubectl edit ended before you saved (interrupted, or the cluster was reset).',
      }));
    }
  });
  return store;
}
