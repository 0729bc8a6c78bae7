/**
 * Under the YAML editor: the problems in the text (monaco-yaml's schema and syntax checks and
 * the apiserver's answers) as a list that keyboard and screen-reader users can go through, and
 * what the last kubectl run printed.
 */
import type { editor } from 'monaco-editor';
import type { EditorRun } from './editor-store';

/** A marker as the list needs it. */
export type ProblemMarker = Pick<
  editor.IMarker,
  'startLineNumber' | 'startColumn' | 'message' | 'severity' | 'owner' | 'source'
>;

/** Monaco's MarkerSeverity.Error. */
const ERROR = 8;

/** Who found a problem: the apiserver, the Kubernetes schema, or the YAML parser. */
function origin(m: ProblemMarker): string {
  if (m.owner === 'apiserver') return m.source ?? 'apiserver';
  return m.source?.startsWith('yaml-schema') ? 'schema' : 'YAML';
}

/** The problems, each a button that puts the cursor on it. */
export function ProblemList(props: {
  markers: readonly ProblemMarker[];
  onSelect(marker: ProblemMarker): void;
}) {
  const sorted = [...props.markers].sort(
    (a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn,
  );
  if (sorted.length === 0) return <p className="editor-problems-empty">No problems found in the text.</p>;
  return (
    <ul className="editor-problems" aria-label="Problems">
      {sorted.map((m, i) => (
        <li key={`${m.owner}-${m.startLineNumber}-${m.startColumn}-${i}`}>
          <button
            type="button"
            className={m.severity === ERROR ? 'problem-error' : 'problem-warning'}
            onClick={() => props.onSelect(m)}
          >
            <span className="problem-where">Ln {m.startLineNumber}</span>
            <span className="problem-message">{m.message}</span>
            <span className="problem-origin">{origin(m)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What the last Validate or Apply ran and printed, as a terminal would show it. */
export function RunLog(props: { run: EditorRun | undefined }) {
  const { run } = props;
  return (
    <pre className="editor-log" role="log" aria-label="kubectl output" tabIndex={0}>
      {run === undefined ? (
        <span className="editor-log-hint">
          Validate runs kubectl apply --dry-run=server -f - on the text; Apply runs kubectl apply -f -.
        </span>
      ) : (
        <>
          <span className="editor-log-command">$ {run.command}</span>
          {'\n'}
          {run.output.map((chunk, i) => (
            <span key={i} className={chunk.stream === 'stderr' ? 'editor-log-stderr' : undefined}>
              {chunk.text}
            </span>
          ))}
          {run.code === null ? <span className="editor-log-hint">…</span> : null}
        </>
      )}
    </pre>
  );
}
