/**
 * A lesson's markdown as blocks the player renders: prose as HTML (marked, then sanitized
 * with DOMPurify: no script, event handler, javascript: link, style or form survives), and code
 * blocks kept apart so they can carry buttons: a shell block's kubectl lines run in the
 * terminal, a YAML block opens in the editor.
 */
import DOMPurify from 'dompurify';
import { Lexer, Parser, type Token, type Tokens } from 'marked';

/** One block of a lesson's text. */
export type Block =
  | { readonly kind: 'html'; readonly html: string }
  /** A shell block, line by line: the kubectl lines in it the student can run. */
  | { readonly kind: 'shell'; readonly lines: readonly ShellLine[] }
  | { readonly kind: 'yaml'; readonly text: string }
  | { readonly kind: 'code'; readonly lang: string; readonly text: string };

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

/** A line of a shell block, as written, and the kubectl command it runs if it is one. */
export interface ShellLine {
  readonly text: string;
  readonly command: string | null;
}

/** The kubectl command on a line of a shell block (a `$ ` prompt in front is dropped), or null. */
function kubectlCommand(line: string): string | null {
  const command = line.trim().replace(/^\$\s+/, '');
  return /^kubectl(\s|$)/.test(command) ? command : null;
}

/** The lines of a shell block, each with its kubectl command if it is one. */
const shellLines = (text: string): ShellLine[] =>
  text.split('\n').map((line) => ({ text: line, command: kubectlCommand(line) }));

/** The kubectl commands of a shell block, in order. */
export function kubectlLines(text: string): string[] {
  return shellLines(text).flatMap(({ command }) => (command === null ? [] : [command]));
}

/** Sanitized HTML of markdown tokens; links open in a new tab, without the opener. */
export function sanitizedHtml(tokens: Token[]): string {
  const html = Parser.parse(tokens);
  // Lesson text may not restyle the page or ask for input (no overlay can pass for the lab).
  const fragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_ATTR: ['style'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  });
  for (const link of fragment.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** Splits lesson markdown into blocks (see {@link Block}). */
export function lessonBlocks(markdown: string): Block[] {
  const tokens = new Lexer().lex(markdown);
  const blocks: Block[] = [];
  let prose: Token[] = [];
  const flush = () => {
    const list = Object.assign(prose, { links: tokens.links });
    prose = [];
    if (list.every((token) => token.type === 'space')) return;
    blocks.push({ kind: 'html', html: sanitizedHtml(list) });
  };
  for (const token of tokens) {
    if (token.type !== 'code') {
      prose.push(token);
      continue;
    }
    flush();
    const { lang = '', text } = token as Tokens.Code;
    const language = lang.trim().toLowerCase();
    if (SHELL.has(language)) blocks.push({ kind: 'shell', lines: shellLines(text) });
    else if (language === 'yaml' || language === 'yml') blocks.push({ kind: 'yaml', text });
    else blocks.push({ kind: 'code', lang: language, text });
  }
  flush();
  return blocks;
}
