/**
 * What openapi-gen reads from a doc comment: the description (prose, with `+marker` lines,
 * one-line TODOs and everything after a `---` line left out) and the `+key=value` markers.
 */

/**
 * The OpenAPI description of a doc comment, composed the way openapi-gen composes it: lines
 * of a paragraph are joined with spaces, blank lines separate paragraphs, and an indented
 * line (code, lists) keeps its own line.
 */
export function description(lines: readonly string[]): string {
  let out = '';
  const dropLast = () => {
    out = out.slice(0, -1);
  };
  for (const raw of lines) {
    if (raw === '---') break;
    const line = raw.replace(/ +$/, '');
    const leading = line.replace(/^ +/, '');
    if (line === '') {
      dropLast();
      out += '\n\n';
    } else if (leading.startsWith('TODO') || leading.startsWith('+')) {
      continue;
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      dropLast();
      out += `\n${line}\n`;
    } else {
      out += `${line} `;
    }
  }
  return out
    .replace(/^\n+/, '')
    .replace(/\n+$/, '')
    .replaceAll('\\"', '"')
    .replace(/^ +| +$/g, '');
}

/**
 * The `+key=value` markers of a doc comment (gengo's ExtractCommentTags with the `+`
 * prefix): each key maps to its values in order; a marker without `=` has the value ''.
 */
export function markers(lines: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const raw of lines) {
    const line = raw.trim();
    if (!line.startsWith('+')) continue;
    const body = line.slice(1);
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq);
    const value = eq < 0 ? '' : body.slice(eq + 1);
    const values = out.get(key);
    if (values === undefined) out.set(key, [value]);
    else values.push(value);
  }
  return out;
}

/** The first value of marker `key`, or undefined. */
export function marker(lines: readonly string[], key: string): string | undefined {
  return markers(lines).get(key)?.[0];
}
