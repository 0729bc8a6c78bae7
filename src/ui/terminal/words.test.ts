import { describe, expect, it } from 'vitest';
import { expandAliases, tokenize, type Token } from './words';

describe('tokenize', () => {
  it('splits words, removing quotes and escapes, and keeps operators', () => {
    expect(tokenize(`kubectl get pods -l 'app=web' "a\\"b" c\\ d | grep x # note`)).toEqual([
      { kind: 'word', text: 'kubectl', start: 0, end: 7 },
      { kind: 'word', text: 'get', start: 8, end: 11 },
      { kind: 'word', text: 'pods', start: 12, end: 16 },
      { kind: 'word', text: '-l', start: 17, end: 19 },
      { kind: 'word', text: 'app=web', start: 20, end: 29 },
      { kind: 'word', text: 'a"b', start: 30, end: 36 },
      { kind: 'word', text: 'c d', start: 37, end: 41 },
      { kind: 'operator', text: '|', start: 42, end: 43 },
      { kind: 'word', text: 'grep', start: 44, end: 48 },
      { kind: 'word', text: 'x', start: 49, end: 50 },
    ]);
    expect((tokenize('a&&b>c') as Token[]).map((t) => t.text)).toEqual(['a', '&&', 'b', '>', 'c']);
    expect(tokenize('echo "open')).toEqual({ error: 'unexpected EOF while looking for matching `"\'' });
  });
});

describe('expandAliases', () => {
  const aliases = new Map([
    ['k', 'kubectl'],
    ['kgp', 'k get pods'],
    ['ls', 'ls -F'],
    ['w', 'watch '],
    ['a', 'b'],
    ['b', 'a'],
  ]);

  it('replaces the first word, and the first word of the value in turn', () => {
    expect(expandAliases('k get pods', aliases)).toBe('kubectl get pods');
    expect(expandAliases('  kgp -A', aliases)).toBe('  kubectl get pods -A');
    expect(expandAliases('kubectl get k', aliases)).toBe('kubectl get k');
  });

  it('stops at an alias already being expanded', () => {
    expect(expandAliases('ls', aliases)).toBe('ls -F');
    expect(expandAliases('a', aliases)).toBe('a');
  });

  it('checks the next word after a value ending in a blank', () => {
    expect(expandAliases('w k get pods', aliases)).toBe('watch  kubectl get pods');
  });

  it('leaves quoted words and words glued to other text alone', () => {
    expect(expandAliases("'k' get pods", aliases)).toBe("'k' get pods");
    expect(expandAliases('k|x', aliases)).toBe('kubectl|x');
    expect(expandAliases('k2 get', aliases)).toBe('k2 get');
  });
});
