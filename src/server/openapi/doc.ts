/**
 * Doc comments as go/parser and go/ast see them: comments on consecutive lines form a group
 * (a comment after code on the same line stands alone), the group that ends on the line just
 * before a declaration is its doc, and CommentGroup.Text() turns a group into lines.
 */
import type { Comment } from './lexer';

/** Finds the doc comment of the declaration that starts on a given line. */
export class DocComments {
  readonly #byEndLine = new Map<number, Comment[]>();

  constructor(comments: readonly Comment[]) {
    let group: Comment[] = [];
    const flush = () => {
      const last = group.at(-1);
      if (last !== undefined) this.#byEndLine.set(last.endLine, group);
      group = [];
    };
    for (const comment of comments) {
      if (comment.trailing) {
        flush();
        continue;
      }
      const last = group.at(-1);
      if (last !== undefined && comment.line > last.endLine + 1) flush();
      group.push(comment);
    }
    flush();
  }

  /** The doc lines of whatever starts on `line` (empty when no comment group ends just above it). */
  docFor(line: number): string[] {
    const group = this.#byEndLine.get(line - 1);
    return group === undefined ? [] : commentText(group);
  }
}

/** `//go:generate`, `//line`, `//export`-style directives, which Text() leaves out. */
function isDirective(text: string): boolean {
  return /^(line |extern |export |[a-z0-9]+:[a-z0-9])/.test(text);
}

/**
 * The text of a comment group, line by line: comment markers go, as does the first space
 * after `//`; trailing spaces are trimmed, runs of blank lines become one, and blank lines at
 * either end are dropped.
 */
export function commentText(group: readonly Comment[]): string[] {
  const lines: string[] = [];
  for (const comment of group) {
    for (const raw of comment.lines) {
      let text = raw;
      if (!comment.block) {
        if (text.startsWith(' ')) text = text.slice(1);
        else if (isDirective(text)) continue;
      }
      lines.push(text.replace(/[ \t\r]+$/, ''));
    }
  }
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out;
}
