/**
 * Problems placed in the text: the apiserver's answers (from apply-output.ts) go to the
 * document they are about and the field they name (manifests.ts), YAML syntax errors to
 * where the parser stopped. Positions are Monaco's: 1-based lines and columns.
 */
import type { ApiProblem } from './apply-output';
import { firstKeySpan, locateField, type Manifest, type ParsedManifests, type Span } from './manifests';

/** A problem at a range of the text, ready to become a Monaco marker. */
export interface EditorProblem {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Who says so: shown after the message. */
  readonly source: string;
}

const lower = (s: string | undefined) => s?.toLowerCase();

/** The document a problem is about: by namespace, kind and name, as far as the output says. */
export function manifestFor(manifests: readonly Manifest[], problem: ApiProblem): Manifest | undefined {
  if (problem.namespace !== undefined) {
    const inNamespace = manifests.find((m) => m.namespace === problem.namespace);
    if (inNamespace) return inNamespace;
  }
  const ofKind =
    problem.kind === undefined ? manifests : manifests.filter((m) => lower(m.kind) === lower(problem.kind));
  const named = problem.name === undefined ? ofKind : ofKind.filter((m) => m.name === problem.name);
  const candidates = named.length > 0 ? named : ofKind.length > 0 ? ofKind : manifests;
  if (problem.path !== undefined && candidates.length > 1) {
    const path = problem.path;
    const exact = candidates.find((m) => locateField(m, path, problem.lenient).exact);
    if (exact) return exact;
  }
  return candidates[0];
}

function toProblem(
  parsed: ParsedManifests,
  span: Span,
  message: string,
  severity: EditorProblem['severity'],
  source: string,
): EditorProblem {
  const start = parsed.lines.linePos(span.start);
  const end = parsed.lines.linePos(span.end);
  return {
    startLineNumber: Math.max(1, start.line),
    startColumn: start.col,
    endLineNumber: Math.max(1, end.line),
    endColumn: end.col,
    message,
    severity,
    source,
  };
}

/** Where each of the apiserver's problems goes in the text. */
export function placeProblems(
  parsed: ParsedManifests,
  problems: readonly ApiProblem[],
  source = 'apiserver',
): EditorProblem[] {
  const placed: EditorProblem[] = [];
  for (const problem of problems) {
    const manifest = manifestFor(parsed.manifests, problem);
    let span: Span = { start: 0, end: 1 };
    if (problem.line !== undefined) {
      span = lineSpan(parsed, manifest, problem.line);
    } else if (manifest !== undefined) {
      span =
        problem.path !== undefined
          ? locateField(manifest, problem.path, problem.lenient).span
          : (firstKeySpan(manifest, problem.anchor ?? 'kind') ?? manifest.span);
    }
    placed.push(toProblem(parsed, span, problem.message, problem.severity, source));
  }
  return placed;
}

/** Line `line` of a document (of the whole text without one), as kubectl counts YAML lines. */
function lineSpan(parsed: ParsedManifests, manifest: Manifest | undefined, line: number): Span {
  const starts = parsed.lines.lineStarts;
  const first = manifest === undefined ? 0 : parsed.lines.linePos(manifest.span.start).line - 1;
  const index = Math.min(Math.max(first + line - 1, 0), starts.length - 1);
  const start = starts[index] ?? 0;
  const next = starts[index + 1];
  return { start, end: Math.max(start + 1, (next ?? start + 1) - 1) };
}

/** The YAML parser's syntax errors, as problems. */
export function syntaxProblems(parsed: ParsedManifests): EditorProblem[] {
  return parsed.syntaxErrors.map((e) => toProblem(parsed, e.span, e.message, 'error', 'YAML'));
}

/** A change to the text, as Monaco reports it (positions before the change). */
export interface TextChange {
  readonly range: { readonly startLineNumber: number; readonly endLineNumber: number };
  readonly text: string;
}

/**
 * Keeps problems in step with edits: those on lines an edit touched are dropped (the
 * apiserver's answer was about the old text), those below move with the lines.
 */
export function shiftProblems(
  problems: readonly EditorProblem[],
  changes: readonly TextChange[],
): EditorProblem[] {
  let current = [...problems];
  const ordered = [...changes].sort((a, b) => b.range.startLineNumber - a.range.startLineNumber);
  for (const change of ordered) {
    const { startLineNumber: first, endLineNumber: last } = change.range;
    const delta = (change.text.match(/\n/g)?.length ?? 0) - (last - first);
    current = current
      .filter((p) => p.endLineNumber < first || p.startLineNumber > last)
      .map((p) =>
        p.startLineNumber > last
          ? { ...p, startLineNumber: p.startLineNumber + delta, endLineNumber: p.endLineNumber + delta }
          : p,
      );
  }
  return current;
}
