import { describe, expect, it } from 'vitest';
import { parsePipeline, PipedOutput, type Pipeline } from './pipeline';
import { tokenize, type Token } from './words';

const parse = (line: string) => parsePipeline(line, tokenize(line) as Token[]);

/** The lines of `input` a pipeline's filters let through. */
function through(line: string, input: string): string[] {
  const pipeline = parse(line) as Pipeline;
  const out: string[] = [];
  const piped = new PipedOutput(pipeline.filters, (_s, text) => out.push(text));
  piped.stdout(input);
  piped.end(0);
  return out
    .join('')
    .split('\n')
    .filter((l) => l !== '');
}

describe('parsePipeline', () => {
  it('keeps the command as typed and its words', () => {
    expect(parse("kubectl get pods -l 'app=web' | grep web")).toMatchObject({
      command: "kubectl get pods -l 'app=web'",
      words: ['kubectl', 'get', 'pods', '-l', 'app=web'],
    });
  });

  it('refuses pipes to other programs, empty commands and bad grep options', () => {
    expect(parse('kubectl get pods | wc -l')).toMatchObject({
      code: 2,
      error: expect.stringMatching(/not wc/),
    });
    expect(parse('| grep x')).toEqual({ error: "bash: syntax error near unexpected token `|'", code: 2 });
    expect(parse('kubectl get pods | grep -z x')).toMatchObject({
      error: expect.stringMatching(/^grep: invalid option -- 'z'\nUsage: grep/),
    });
    expect(parse('kubectl get pods | grep')).toMatchObject({ error: expect.stringMatching(/^Usage: grep/) });
    expect(parse('kubectl logs x && echo')).toMatchObject({
      error: expect.stringMatching(/command lists \(&&\)/),
    });
  });
});

describe('grep filters', () => {
  const input = 'NAME READY\ncoredns-1 1/1\nweb-1 0/1\nWeb-2 1/1\nweb.3 1/1\nwebby 1/1\n';

  it('matches basic regular expressions, case and inversion as grep does', () => {
    expect(through('k | grep web', input)).toEqual(['web-1 0/1', 'web.3 1/1', 'webby 1/1']);
    expect(through('k | grep -i WEB-', input)).toEqual(['web-1 0/1', 'Web-2 1/1']);
    expect(through('k | grep -v 1/1', input)).toEqual(['NAME READY', 'web-1 0/1']);
    expect(through("k | grep 'web\\|core'", input)).toHaveLength(4);
    expect(through("k | grep 'web|core'", input)).toEqual([]);
    expect(through("k | grep -E 'web|core'", input)).toHaveLength(4);
    expect(through('k | grep -F web.', input)).toEqual(['web.3 1/1']);
    expect(through('k | grep -w web', input)).toEqual(['web-1 0/1', 'web.3 1/1']);
    expect(through('k | grep -e -1', input)).toEqual(['coredns-1 1/1', 'web-1 0/1']);
  });

  it('filters streamed output line by line and reports grep’s exit code', () => {
    const pipeline = parse('k | grep web') as Pipeline;
    const out: string[] = [];
    const piped = new PipedOutput(pipeline.filters, (_s, text) => out.push(text));
    piped.stdout('web');
    piped.stdout('-1\nother\nweb-2');
    piped.stderr('warning\n');
    expect(out).toEqual(['web-1\n', 'warning\n']);
    expect(piped.end(0)).toBe(0);
    expect(out.at(-1)).toBe('web-2\n');
    const none = new PipedOutput(pipeline.filters, () => {});
    none.stdout('x\n');
    expect(none.end(0)).toBe(1);
    expect(new PipedOutput([], () => {}).end(3)).toBe(3);
  });
});
