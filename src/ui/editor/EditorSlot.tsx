/**
 * Where the YAML editor goes in the page, and the button that opens it. Both are small and
 * in the first bundle; the panel itself (Monaco, monaco-yaml, the schemas) loads the first
 * time it opens, by the button or by `kubectl edit`.
 */
import { lazy, Suspense } from 'react';
import { useEditor } from './use-editor';

const EditorPanel = lazy(() => import('./EditorPanel').then((m) => ({ default: m.EditorPanel })));

/** The editor panel while it is open; nothing otherwise. */
export function EditorSlot() {
  const open = useEditor((s) => s.open);
  if (!open) return null;
  return (
    <Suspense
      fallback={
        <div className="editor-panel editor-panel-loading" role="status">
          Loading the YAML editor…
        </div>
      }
    >
      <EditorPanel />
    </Suspense>
  );
}

/** Opens and closes the YAML editor; shows when `kubectl edit` is waiting in it. */
export function EditorToggle() {
  const open = useEditor((s) => s.open);
  const editing = useEditor((s) => s.edit !== null);
  const setOpen = useEditor((s) => s.setOpen);
  return (
    <button
      type="button"
      className={`editor-toggle${editing ? ' editing' : ''}`}
      aria-pressed={open}
      aria-controls="yaml-editor"
      title={editing ? 'kubectl edit is waiting in the YAML editor' : 'Write and apply Kubernetes YAML'}
      onClick={() => setOpen(!open)}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3 1.5h6.5L13 5v9.5H3z M9.5 1.5V5H13 M5.5 8h5 M5.5 10.5h5 M5.5 13h3" />
      </svg>
      {editing ? 'kubectl edit' : 'YAML editor'}
    </button>
  );
}
