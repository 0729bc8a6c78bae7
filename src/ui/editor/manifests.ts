/**
 * The editor's text as kubectl reads it: a stream of YAML documents, each an object with an
 * `apiVersion`, a `kind` and a `metadata.name`. Parsed with the `yaml` package, which keeps
 * every node's offsets, so an apiserver field path can be turned back into the place in the
 * text where that field is written (or would be).
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import type { PathSegment } from './field-path';

/** A span of the text, as UTF-16 offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One document of the stream and the object it describes. */
export interface Manifest {
  /** Its position in the stream, from 0 (empty documents are skipped, as kubectl skips them). */
  readonly index: number;
  readonly span: Span;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly doc: Document.Parsed;
}

/** A YAML syntax error, where the parser found it. */
export interface SyntaxProblem {
  readonly span: Span;
  readonly message: string;
}

/** Everything the editor needs to know about its text. */
export interface ParsedManifests {
  readonly manifests: readonly Manifest[];
  readonly syntaxErrors: readonly SyntaxProblem[];
  readonly lines: LineCounter;
}

const stringAt = (doc: Document.Parsed, path: readonly string[]): string | undefined => {
  const value: unknown = doc.getIn(path);
  return typeof value === 'string' ? value : undefined;
};

/** Parses a multi-document YAML stream. */
export function parseManifests(text: string): ParsedManifests {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const manifests: Manifest[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  if (!Array.isArray(docs)) return { manifests, syntaxErrors, lines };
  for (const doc of docs) {
    for (const error of doc.errors) {
      // The parser's messages end with a copy of the line; the underline shows where it is.
      const message = error.message.split('\n')[0] ?? error.message;
      syntaxErrors.push({
        span: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) },
        message,
      });
    }
    if (doc.contents === null) continue;
    manifests.push({
      index: manifests.length,
      span: { start: doc.range[0], end: doc.range[2] },
      apiVersion: stringAt(doc, ['apiVersion']),
      kind: stringAt(doc, ['kind']),
      name: stringAt(doc, ['metadata', 'name']),
      namespace: stringAt(doc, ['metadata', 'namespace']),
      doc,
    });
  }
  return { manifests, syntaxErrors, lines };
}

/**
 * The manifest whose text holds `offset`: the nearest one starting before it (between
 * documents), or the first (comments above it, as `kubectl edit` writes them).
 */
export function manifestAt(parsed: ParsedManifests, offset: number): Manifest | undefined {
  let found = parsed.manifests[0];
  for (const m of parsed.manifests) if (m.span.start <= offset) found = m;
  return found;
}

/** Where a field is written: its span, and whether the whole path was found. */
export interface FieldLocation {
  readonly span: Span;
  /** False when the field is missing: the span is then its nearest written ancestor's key. */
  readonly exact: boolean;
}

const nodeSpan = (node: Node): Span | null =>
  node.range ? { start: node.range[0], end: Math.max(node.range[1], node.range[0] + 1) } : null;

/** A map's pair for `key`, if it has one. */
function pairOf(node: Node, key: string) {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/**
 * Where the field at `path` is written in `manifest`: a scalar's value, or the key of a map
 * or list (or of a key with no value). When part of the path is missing, the deepest key that
 * is there. `lenient` lets a field name step into a list without an index, trying each item,
 * for paths that Go's JSON decoder prints without indexes (`spec.template.spec.containers.image`).
 */
export function locateField(
  manifest: Manifest,
  path: readonly PathSegment[],
  lenient = false,
): FieldLocation {
  const root = manifest.doc.contents;
  const rootSpan = firstKeySpan(manifest) ?? manifest.span;
  if (root === null) return { span: rootSpan, exact: false };
  return walk(root, path, rootSpan, lenient);
}

function walk(node: Node, path: readonly PathSegment[], keySpan: Span, lenient: boolean): FieldLocation {
  const [head, ...rest] = path;
  if (head === undefined) {
    const span = isScalar(node) && node.value !== null ? nodeSpan(node) : null;
    return { span: span ?? keySpan, exact: true };
  }
  if (head.type === 'index') {
    const item = isSeq(node) ? node.items[head.index] : undefined;
    if (!item || typeof item !== 'object' || !('range' in item)) return { span: keySpan, exact: false };
    const itemNode = item as Node;
    return walk(itemNode, rest, firstLineOf(itemNode) ?? keySpan, lenient);
  }
  const name = head.type === 'field' ? head.name : head.key;
  if (lenient && head.type === 'field' && isSeq(node)) {
    let best: FieldLocation | null = null;
    for (const item of node.items) {
      if (!item || typeof item !== 'object' || !('range' in item)) continue;
      const found = walk(item as Node, path, keySpan, lenient);
      if (found.exact) return found;
      best ??= found;
    }
    return best ?? { span: keySpan, exact: false };
  }
  const pair = pairOf(node, name);
  if (pair === undefined) return { span: keySpan, exact: false };
  const pairKeySpan = (isScalar(pair.key) && nodeSpan(pair.key)) || keySpan;
  const value = pair.value as Node | null;
  if (value === null || value === undefined) return { span: pairKeySpan, exact: rest.length === 0 };
  return walk(value, rest, pairKeySpan, lenient);
}

/** The first line of a list item (its first key, or the scalar itself). */
function firstLineOf(node: Node): Span | null {
  if (isMap(node)) {
    const first = node.items[0];
    return first && isScalar(first.key) ? nodeSpan(first.key) : nodeSpan(node);
  }
  return nodeSpan(node);
}

/** The span of `kind:`'s value, else the document's first key: where document-wide problems go. */
export function firstKeySpan(
  manifest: Manifest,
  prefer: 'kind' | 'name' | 'namespace' = 'kind',
): Span | null {
  const root = manifest.doc.contents;
  if (root === null) return null;
  const path = prefer === 'kind' ? ['kind'] : ['metadata', prefer];
  let node: Node | null = root;
  for (const key of path) {
    const pair: ReturnType<typeof pairOf> = node === null ? undefined : pairOf(node, key);
    node = (pair?.value as Node | null | undefined) ?? null;
  }
  if (node !== null && isScalar(node)) return nodeSpan(node);
  if (isMap(root) && root.items[0] && isScalar(root.items[0].key)) return nodeSpan(root.items[0].key);
  return nodeSpan(root);
}
