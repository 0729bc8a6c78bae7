/**
 * The YAML editor panel: Monaco with monaco-yaml (Kubernetes schemas for completion, hovers and
 * checks), Validate (a server-side dry run whose field errors are underlined where the fields
 * are), Apply, starter examples, and `kubectl edit`'s Save and Cancel. Loaded on demand: it is
 * the only module that pulls in Monaco.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useLab } from '../lab-context';
import { parseApplyOutput } from './apply-output';
import type { EditorRun, EditSession } from './editor-store';
import { ProblemList, RunLog, type ProblemMarker } from './EditorResults';
import { EXAMPLES, INITIAL_TEXT } from './examples';
import { manifestAt, parseManifests } from './manifests';
import { placeProblems } from './markers';
import { loadMonaco } from './monaco/setup';
import { YamlEditorView } from './monaco/view';
import { schemaStatus, type SchemaBundle } from './schemas';
import { runSummary } from './summary';
import { useEditor } from './use-editor';

/** What the keys do, while there is nothing to report. */
const HINT = 'Ctrl+S validates · Ctrl+Enter applies · Ctrl+M lets Tab leave the editor';
const READ_ONLY_HINT = 'Read-only: Ctrl+S validates; nothing is applied · Ctrl+M lets Tab leave the editor';
const EDIT_HINT = 'Ctrl+S saves and hands the text back to kubectl edit';

/** The model the manifest lives in. */
const MANIFEST_MODEL = 'manifest.yaml';
/** The model of one `kubectl edit` (its temporary file's base name, made unique by the id). */
const editModel = (edit: EditSession) => `edit-${edit.id}-${edit.name.split('/').pop() ?? 'object.yaml'}`;

/** The editor panel (see the module comment). */
export function EditorPanel() {
  const store = useLab((s) => s.editor);
  const edit = useEditor((s) => s.edit);
  const notice = useEditor((s) => s.notice);
  const lastRun = useEditor((s) => s.runs.at(-1));
  // Read-only (`?readonly=1`): the YAML can be written and validated, not applied.
  const readOnly = useLab((s) => s.settings.readOnly);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<YamlEditorView | null>(null);
  const shownEdit = useRef<EditSession | null>(null);
  const busyRef = useRef(false);
  const [ready, setReady] = useState<{ schemas: SchemaBundle | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [text, setText] = useState(() => store.getState().manifest ?? INITIAL_TEXT);
  const [cursor, setCursor] = useState(0);
  const [markers, setMarkers] = useState<readonly ProblemMarker[]>([]);
  const [busy, setBusy] = useState<EditorRun['action'] | null>(null);
  const [summary, setSummary] = useState('');

  /** Runs Validate or Apply on the text, then underlines what the apiserver said. */
  const run = async (action: EditorRun['action']) => {
    const view = viewRef.current;
    if (view === null || busyRef.current) return;
    const sent = view.text();
    busyRef.current = true;
    setBusy(action);
    setSummary('');
    try {
      const result = await store.getState().run(action, sent);
      const outcome = parseApplyOutput(result.output);
      if (viewRef.current !== view || view.text() !== sent) {
        setSummary('The text changed while kubectl ran: validate again to see the answer for it.');
        return;
      }
      const problems = placeProblems(parseManifests(sent), outcome.problems);
      view.setProblems(problems);
      setSummary(runSummary(action, result.code ?? 1, outcome));
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };
  const finish = (save: boolean) =>
    store.getState().finishEdit(save ? (viewRef.current?.text() ?? null) : null);

  // The editor's keys call whatever the current handlers are.
  const keys = useRef({ save: () => {}, apply: () => {} });
  useEffect(() => {
    keys.current = {
      save: () => (store.getState().edit !== null ? finish(true) : void run('validate')),
      apply: () => (store.getState().edit !== null ? finish(true) : readOnly ? undefined : void run('apply')),
    };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    let view: YamlEditorView | null = null;
    let disposed = false;
    loadMonaco().then(
      ({ schemas }) => {
        if (disposed) return;
        view = new YamlEditorView(host, {
          onChange: (value) => {
            setText(value);
            if (shownEdit.current === null) store.getState().setManifest(value);
          },
          onCursor: setCursor,
          onSave: () => keys.current.save(),
          onApply: () => keys.current.apply(),
          onMarkers: setMarkers,
        });
        viewRef.current = view;
        setReady({ schemas });
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      disposed = true;
      view?.dispose();
      viewRef.current = null;
    };
  }, [store]);

  // Show the manifest, or the object kubectl edit opened; drop a finished edit's model.
  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const previous = shownEdit.current;
    shownEdit.current = edit;
    if (edit !== null) view.show(editModel(edit), edit.text);
    else view.show(MANIFEST_MODEL, store.getState().manifest ?? INITIAL_TEXT);
    if (previous !== null && previous.id !== edit?.id) view.discard(editModel(previous));
    view.focus();
  }, [edit, ready, store]);

  const parsed = useMemo(() => parseManifests(text), [text]);
  const status =
    failure !== null
      ? `The editor could not start: ${failure}`
      : ready === null
        ? 'Loading the editor…'
        : schemaStatus(ready.schemas, manifestAt(parsed, cursor));

  const loadExample = (event: ChangeEvent<HTMLSelectElement>) => {
    const example = EXAMPLES.find((e) => e.id === event.target.value);
    event.target.value = '';
    if (example === undefined || viewRef.current === null) return;
    viewRef.current.replace(example.text);
    viewRef.current.setProblems([]);
    setSummary(`Loaded the ${example.label} example.`);
    viewRef.current.focus();
  };

  const disabled = ready === null || busy !== null;
  return (
    // `nokey`: React Flow's page-wide keys (Space pans, Backspace deletes) do not see Monaco's
    // EditContext as a text field, and would swallow those keys while typing here.
    <section className="editor-panel nokey" id="yaml-editor" aria-labelledby="yaml-editor-title">
      <header className="editor-header">
        <h2 id="yaml-editor-title">{edit === null ? 'YAML editor' : 'kubectl edit'}</h2>
        {edit === null ? (
          <select
            className="editor-examples"
            aria-label="Load an example"
            defaultValue=""
            onChange={loadExample}
          >
            <option value="" disabled>
              Examples…
            </option>
            {EXAMPLES.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        ) : (
          <span className="editor-file" title={edit.name}>
            {edit.name}
          </span>
        )}
        <div className="editor-actions" role="toolbar" aria-label="Editor actions">
          <button
            type="button"
            onClick={() => void run('validate')}
            disabled={disabled}
            title="Server-side dry run: kubectl apply --dry-run=server -f -"
            aria-keyshortcuts={edit === null ? 'Control+S' : undefined}
          >
            {busy === 'validate' ? 'Validating…' : 'Validate'}
          </button>
          {edit === null ? (
            readOnly ? null : (
              <button
                type="button"
                className="primary"
                onClick={() => void run('apply')}
                disabled={disabled}
                title="kubectl apply -f - (Ctrl+Enter)"
                aria-keyshortcuts="Control+Enter"
              >
                {busy === 'apply' ? 'Applying…' : 'Apply'}
              </button>
            )
          ) : (
            <>
              <button
                type="button"
                className="primary"
                onClick={() => finish(true)}
                title="Hand the text back to kubectl edit (Ctrl+S)"
                aria-keyshortcuts="Control+S"
              >
                Save
              </button>
              <button
                type="button"
                onClick={() => finish(false)}
                title="Close without saving: kubectl edit cancels"
              >
                Cancel
              </button>
            </>
          )}
          {edit === null ? (
            <button
              type="button"
              className="editor-close"
              aria-label="Close the YAML editor"
              title="Close the YAML editor"
              onClick={() => {
                store.getState().setOpen(false);
                document.querySelector<HTMLElement>('.editor-toggle')?.focus();
              }}
            >
              ×
            </button>
          ) : null}
        </div>
      </header>
      {notice !== null ? (
        <div className="editor-notice" role="status">
          <span>{notice}</span>
          <button type="button" onClick={() => store.getState().dismissNotice()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="editor-body">
        <div className="editor-host" ref={hostRef} />
        {ready === null ? (
          <div className="editor-loading" role="status">
            {failure ?? 'Loading the editor…'}
          </div>
        ) : null}
      </div>
      <div className="editor-status">
        <span className="editor-schema">{status}</span>
        <span className="editor-summary" role="status" aria-live="polite">
          {busy !== null
            ? 'kubectl is running…'
            : summary || (edit !== null ? EDIT_HINT : readOnly ? READ_ONLY_HINT : HINT)}
        </span>
      </div>
      <div className="editor-results">
        <ProblemList markers={markers} onSelect={(m) => viewRef.current?.reveal(m)} />
        <RunLog run={lastRun} />
      </div>
    </section>
  );
}
