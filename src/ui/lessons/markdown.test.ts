// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { kubectlLines, lessonBlocks } from './markdown';

/** The HTML of the prose blocks, joined. */
const html = (markdown: string) =>
  lessonBlocks(markdown)
    .map((b) => (b.kind === 'html' ? b.html : ''))
    .join('');

describe('lessonBlocks', () => {
  it('keeps prose as HTML and code blocks apart, by language', () => {
    const blocks = lessonBlocks(
      'Some **bold** text.\n\n```sh\n$ kubectl get pods\necho hi\nkubectl get nodes -o wide\n```\n\n```yaml\nkind: Pod\n```\n\n```text\nplain\n```\n\nAfter.',
    );
    expect(blocks).toEqual([
      { kind: 'html', html: '<p>Some <strong>bold</strong> text.</p>\n' },
      {
        kind: 'shell',
        lines: [
          { text: '$ kubectl get pods', command: 'kubectl get pods' },
          { text: 'echo hi', command: null },
          { text: 'kubectl get nodes -o wide', command: 'kubectl get nodes -o wide' },
        ],
      },
      { kind: 'yaml', text: 'kind: Pod' },
      { kind: 'code', lang: 'text', text: 'plain' },
      { kind: 'html', html: '<p>After.</p>\n' },
    ]);
  });

  it.each([
    ['a script element', 'Hi <script>alert(1)</script> there', /<script/],
    ['an event handler', '<img src="x" onerror="alert(1)">', /onerror/],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/],
    ['a style attribute', '<p style="position:fixed;inset:0">cover</p>', /position:fixed/],
    ['a form', '<form action="https://evil.example"><input name="password"></form>', /<form|<input/],
  ])('removes %s', (_name, markdown, forbidden) => {
    const out = html(markdown);
    expect(out).not.toMatch(forbidden);
  });

  it('opens links in a new tab without giving them the opener', () => {
    expect(html('[docs](https://kubernetes.io/docs/)')).toBe(
      '<p><a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a></p>\n',
    );
  });

  it('resolves reference-style links', () => {
    expect(html('See [the docs][k].\n\n[k]: https://kubernetes.io/')).toContain(
      'href="https://kubernetes.io/"',
    );
  });
});

describe('kubectlLines', () => {
  it.each([
    ['kubectl get pods', ['kubectl get pods']],
    ['  $ kubectl get pods  ', ['kubectl get pods']],
    ['kubectlx\nkubectl', ['kubectl']],
    ['# a comment\nls -l', []],
  ])('%j', (text, lines) => {
    expect(kubectlLines(text)).toEqual(lines);
  });
});
