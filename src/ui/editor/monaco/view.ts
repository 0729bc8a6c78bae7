/**
 * The Monaco editor in the editor panel, behind a small interface the React panel drives: one
 * model per thing being edited (the manifest, each `kubectl edit`), the apiserver's problems
 * as markers that follow edits, and the panel's keyboard shortcuts.
 */
import { shiftProblems, type EditorProblem } from '../markers';
import { subscribeTheme } from '../../theme/controller';
import { defineTheme, monaco } from './setup';

/** The owner of the apiserver's markers (monaco-yaml's own are the `yaml` owner's). */
const OWNER = 'apiserver';

/** What the panel hears from the editor. */
export interface ViewEvents {
  /** The text of the current model changed. */
  onChange(text: string): void;
  /** The cursor moved (offset into the text). */
  onCursor(offset: number): void;
  /** Ctrl/Cmd-S. */
  onSave(): void;
  /** Ctrl/Cmd-Enter. */
  onApply(): void;
  /** The markers on the current model changed (the apiserver's or monaco-yaml's). */
  onMarkers(markers: readonly monaco.editor.IMarker[]): void;
}

/** A Monaco editor with the panel's models, markers and keys. */
export class YamlEditorView {
  readonly #editor: monaco.editor.IStandaloneCodeEditor;
  readonly #events: ViewEvents;
  readonly #disposables: monaco.IDisposable[] = [];
  /** The apiserver's problems per model, kept in step with edits. */
  readonly #problems = new Map<string, EditorProblem[]>();

  constructor(host: HTMLElement, events: ViewEvents) {
    this.#events = events;
    this.#editor = monaco.editor.create(host, {
      theme: defineTheme(host),
      ariaLabel: 'YAML editor. Ctrl+M makes Tab move focus out of the editor.',
      automaticLayout: true,
      fontFamily: "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      fontSize: 13,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      renderWhitespace: 'none',
      quickSuggestions: { other: true, comments: false, strings: true },
      fixedOverflowWidgets: true,
      model: null,
    });
    const e = this.#editor;
    this.#disposables.push(
      e.onDidChangeModelContent((change) => {
        const model = e.getModel();
        if (model === null) return;
        const key = model.uri.toString();
        const kept = this.#problems.get(key);
        if (kept !== undefined && kept.length > 0)
          this.#setProblems(model, shiftProblems(kept, change.changes));
        events.onChange(model.getValue());
      }),
      e.onDidChangeCursorPosition((c) => {
        const offset = e.getModel()?.getOffsetAt(c.position);
        if (offset !== undefined) events.onCursor(offset);
      }),
      monaco.editor.onDidChangeMarkers((uris) => {
        const model = e.getModel();
        if (model !== null && uris.some((u) => u.toString() === model.uri.toString()))
          events.onMarkers(monaco.editor.getModelMarkers({ resource: model.uri }));
      }),
    );
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => this.#events.onSave());
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => this.#events.onApply());
    const unsubscribe = subscribeTheme(() => monaco.editor.setTheme(defineTheme(host)));
    this.#disposables.push({ dispose: unsubscribe });
  }

  /**
   * Shows the model named `name` (`manifest.yaml`, kubectl's temporary file), creating it with
   * `text` the first time; `reset` replaces the text of an existing one.
   */
  show(name: string, text: string, reset = false): void {
    const uri = monaco.Uri.parse(`file:///kubelab/${encodeURIComponent(name)}`);
    let model = monaco.editor.getModel(uri);
    if (model === null) model = monaco.editor.createModel(text, 'yaml', uri);
    else if (reset && model.getValue() !== text) model.setValue(text);
    if (this.#editor.getModel() !== model) {
      this.#editor.setModel(model);
      this.#events.onChange(model.getValue());
      this.#events.onMarkers(monaco.editor.getModelMarkers({ resource: uri }));
    }
  }

  /** Replaces the whole text as an edit the user can undo. */
  replace(text: string): void {
    const model = this.#editor.getModel();
    if (model === null) return;
    this.#editor.pushUndoStop();
    this.#editor.executeEdits('kubelab', [{ range: model.getFullModelRange(), text }]);
    this.#editor.pushUndoStop();
  }

  /** Drops a model that is no longer needed (a finished `kubectl edit`). */
  discard(name: string): void {
    const uri = monaco.Uri.parse(`file:///kubelab/${encodeURIComponent(name)}`);
    this.#problems.delete(uri.toString());
    monaco.editor.getModel(uri)?.dispose();
  }

  /** The current text. */
  text(): string {
    return this.#editor.getValue();
  }

  /** Shows the apiserver's problems on the current model (replacing the previous ones). */
  setProblems(problems: readonly EditorProblem[]): void {
    const model = this.#editor.getModel();
    if (model !== null) this.#setProblems(model, [...problems]);
  }

  /** Puts the cursor on a problem and focuses the editor. */
  reveal(problem: Pick<EditorProblem, 'startLineNumber' | 'startColumn'>): void {
    const position = { lineNumber: problem.startLineNumber, column: problem.startColumn };
    this.#editor.setPosition(position);
    this.#editor.revealPositionInCenterIfOutsideViewport(position);
    this.#editor.focus();
  }

  focus(): void {
    this.#editor.focus();
  }

  dispose(): void {
    for (const d of this.#disposables) d.dispose();
    this.#editor.dispose();
  }

  #setProblems(model: monaco.editor.ITextModel, problems: EditorProblem[]): void {
    this.#problems.set(model.uri.toString(), problems);
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      problems.map((p) => ({
        ...p,
        severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
  }
}
