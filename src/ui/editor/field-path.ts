/**
 * Field paths as the apiserver writes them in errors (k8s.io/apimachinery's field.Path):
 * `spec.replicas`, `spec.template.spec.containers[0].ports[1].containerPort`,
 * `metadata.labels[app.kubernetes.io/name]`, `spec.resources.requests[cpu]`. A `[n]` after a
 * list is an index; a `[key]` after a map is a key, written unquoted and possibly with dots.
 */

/** One step down a field path. */
export type PathSegment =
  | { readonly type: 'field'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'key'; readonly key: string };

/** The segments of an apiserver field path; null when `text` is not one. */
export function parseFieldPath(text: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  let i = 0;
  const field = /^[A-Za-z_$][\w$-]*/;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const close = text.indexOf(']', i + 1);
      if (close < 0 || segments.length === 0) return null;
      const inside = text.slice(i + 1, close);
      segments.push(
        /^\d+$/.test(inside) ? { type: 'index', index: Number(inside) } : { type: 'key', key: inside },
      );
      i = close + 1;
      continue;
    }
    if (ch === '.') {
      if (segments.length === 0) return null;
      i++;
    } else if (segments.length > 0) {
      return null;
    }
    const match = field.exec(text.slice(i));
    if (match === null) return null;
    segments.push({ type: 'field', name: match[0] });
    i += match[0].length;
  }
  return segments.length === 0 ? null : segments;
}

/** Writes segments back in the apiserver's notation. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (s.type === 'field') out += out === '' ? s.name : `.${s.name}`;
    else out += `[${s.type === 'index' ? s.index : s.key}]`;
  }
  return out;
}
