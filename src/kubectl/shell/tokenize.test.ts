import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  it.each([
    ['kubectl get pods', ['kubectl', 'get', 'pods']],
    ['  kubectl   get\tpods  ', ['kubectl', 'get', 'pods']],
    ['', []],
    ['   ', []],
    ["kubectl get pods -l 'app in (web, db)'", ['kubectl', 'get', 'pods', '-l', 'app in (web, db)']],
    ['kubectl get pods -l "app=web"', ['kubectl', 'get', 'pods', '-l', 'app=web']],
    ['a "x\\"y" "\\n"', ['a', 'x"y', '\\n']],
    ["a 'x\\y'", ['a', 'x\\y']],
    ['a x\\ y', ['a', 'x y']],
    ["a ''", ['a', '']],
    ['a ""b', ['a', 'b']],
    ['a pre\'mid\'"post"', ['a', 'premidpost']],
    ['kubectl get pods # a comment', ['kubectl', 'get', 'pods']],
    ['kubectl get pods#notacomment', ['kubectl', 'get', 'pods#notacomment']],
    ['kubectl get \\\npods', ['kubectl', 'get', 'pods']],
    ['a b\\', ['a', 'b\\']],
    ["-o jsonpath='{.items[*].metadata.name}'", ['-o', 'jsonpath={.items[*].metadata.name}']],
    ['-o jsonpath={.metadata.name}{"\\n"}', ['-o', 'jsonpath={.metadata.name}{\\n}']],
    ['echo $HOME', ['echo', '$HOME']],
    ['a "x|y" \'a>b\' c\\;d', ['a', 'x|y', 'a>b', 'c;d']],
  ])('%j', (line, words) => {
    expect(tokenize(line)).toEqual({ words });
  });

  it.each([
    ["kubectl get 'pods", "unexpected EOF while looking for matching `''"],
    ['kubectl get "pods', 'unexpected EOF while looking for matching `"\''],
    ['kubectl get pods | grep web', 'pipes (|) are not supported here: type one command per line'],
    ['kubectl get pods > out.txt', 'redirections (>) are not supported here: type one command per line'],
    [
      'kubectl get pods; kubectl get svc',
      'command lists (;) are not supported here: type one command per line',
    ],
    ['kubectl get pods && ls', 'command lists (&&) are not supported here: type one command per line'],
    ['kubectl get pods || ls', 'command lists (||) are not supported here: type one command per line'],
    ['kubectl get pods &', 'command lists (&) are not supported here: type one command per line'],
    ['kubectl get $(cat x)', 'command substitutions ($() are not supported here: type one command per line'],
    ['kubectl get "`x`"', 'command substitutions (`) are not supported here: type one command per line'],
  ])('%j is rejected', (line, error) => {
    expect(tokenize(line)).toEqual({ error });
  });
});
