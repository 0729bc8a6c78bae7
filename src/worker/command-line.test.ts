import { describe, expect, it } from 'vitest';
import { flagsOf, parseLine, splitWords } from './command-line';

describe('splitWords', () => {
  it('keeps where each word starts, removes quotes, and ends with the word being typed', () => {
    expect(splitWords(`kubectl get -l 'app=web x' "a\\"b" c\\ d `)).toEqual([
      { text: 'kubectl', start: 0 },
      { text: 'get', start: 8 },
      { text: '-l', start: 12 },
      { text: 'app=web x', start: 15 },
      { text: 'a"b', start: 27 },
      { text: 'c d', start: 34 },
      { text: '', start: 39 },
    ]);
    expect(splitWords('kubectl ge')).toEqual([
      { text: 'kubectl', start: 0 },
      { text: 'ge', start: 8 },
    ]);
  });
});

describe('parseLine', () => {
  it('finds the command path, flags with their values, and positional arguments', () => {
    const parsed = parseLine('kubectl -n kube-system rollout status -w deployment/coredns --timeout=1m ');
    expect(parsed).toMatchObject({
      path: 'rollout status',
      args: ['deployment/coredns'],
      pendingFlag: null,
      current: { text: '', start: 73 },
    });
    expect([...(parsed?.flags ?? [])]).toEqual([
      ['namespace', 'kube-system'],
      ['watch', ''],
      ['timeout', '1m'],
    ]);
  });

  it('knows a flag still waiting for its value, and words after -- as arguments', () => {
    expect(parseLine('kubectl get pods -o ')?.pendingFlag?.name).toBe('output');
    expect(parseLine('kubectl logs -f ')?.pendingFlag).toBeNull();
    expect(parseLine('kubectl exec web -- get ')?.args).toEqual(['web', 'get']);
    expect(parseLine('kubectl get -Anfoo ')?.flags.get('namespace')).toBe('foo');
    expect(parseLine('kubectl help get ')).toMatchObject({ path: 'help', args: ['get'] });
  });

  it('reads only kubectl lines', () => {
    expect(parseLine('ls -l')).toBeNull();
  });
});

describe('flagsOf', () => {
  it('lets a command’s own flag stand in for a global one of the same name', () => {
    const server = flagsOf('config set-cluster').filter((f) => f.name === 'server');
    expect(server).toEqual([{ name: 'server', shorthand: null, takesValue: true }]);
    expect(flagsOf('get').some((f) => f.name === 'help' && f.shorthand === 'h')).toBe(true);
  });
});
