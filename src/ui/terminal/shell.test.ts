import { describe, expect, it } from 'vitest';
import { History } from './history';
import { Shell, type KubectlClient, type RunningCommand } from './shell';

/** A kubectl whose commands answer from a table, or wait for Ctrl-C when not in it. */
function fakeKubectl(outputs: Record<string, string> = {}) {
  const runs: string[] = [];
  const completions: { line: string; cursor: number }[] = [];
  const kubectl: KubectlClient = {
    run(line, write): RunningCommand {
      runs.push(line);
      const out = outputs[line];
      if (out !== undefined) {
        write(out.startsWith('error:') ? 'stderr' : 'stdout', out);
        return { exit: Promise.resolve(out.startsWith('error:') ? 1 : 0), interrupt: () => {} };
      }
      let interrupt = () => {};
      const exit = new Promise<number>((resolve) => (interrupt = () => resolve(130)));
      write('stdout', 'NAME    READY\n');
      return { exit, interrupt: () => interrupt() };
    },
    async complete(line, cursor) {
      completions.push({ line, cursor });
      return { candidates: ['pods', 'podtemplates'], replaceFrom: cursor - 2 };
    },
  };
  return { kubectl, runs, completions };
}

function setup(outputs: Record<string, string> = {}) {
  const { kubectl, runs, completions } = fakeKubectl(outputs);
  const timers: { callback: () => void; ms: number }[] = [];
  const history = new History();
  const shell = new Shell({
    kubectl,
    history,
    now: () => Date.UTC(2025, 0, 1, 0, 2, 10),
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
    clearTimeout: () => timers.splice(0),
  });
  let screen = '';
  const term = { write: (t: string) => (screen += t), columns: 60, rows: 10 };
  const run = async (line: string) => {
    screen = '';
    const code = await shell.run(line, term);
    return { code, out: screen };
  };
  return { shell, run, runs, completions, timers, history, term, output: () => screen };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Shell', () => {
  it('sends kubectl lines to the simulation and writes their output with CR LF', async () => {
    const { run, runs } = setup({ 'kubectl get nodes': 'NAME\nnode-1\n' });
    expect(await run('kubectl get nodes')).toEqual({ code: 0, out: 'NAME\r\nnode-1\r\n' });
    expect(runs).toEqual(['kubectl get nodes']);
  });

  it('answers anything else as bash does, with exit code 127', async () => {
    const { run } = setup();
    expect(await run('ls -l')).toEqual({ code: 127, out: 'bash: ls: command not found\r\n' });
    expect(await run('')).toEqual({ code: 0, out: '' });
    expect(await run('# a comment')).toEqual({ code: 0, out: '' });
  });

  it('expands aliases in the first word, as bash does', async () => {
    const { run, runs } = setup({ 'kubectl get pods': 'web-1\n', 'kubectl get pods -A': 'all\n' });
    expect((await run('alias k=kubectl kga="k get pods -A"')).code).toBe(0);
    await run('k get pods');
    await run('kga');
    expect(runs).toEqual(['kubectl get pods', 'kubectl get pods -A']);
    expect((await run('alias')).out).toBe("alias k='kubectl'\r\nalias kga='k get pods -A'\r\n");
    expect(await run('alias k')).toEqual({ code: 0, out: "alias k='kubectl'\r\n" });
    expect(await run('alias x')).toEqual({ code: 1, out: 'bash: alias: x: not found\r\n' });
    expect(await run('unalias k x')).toEqual({ code: 1, out: 'bash: unalias: x: not found\r\n' });
    expect(await run('k get pods')).toEqual({ code: 127, out: 'bash: k: command not found\r\n' });
    expect(await run('unalias')).toEqual({
      code: 2,
      out: 'unalias: usage: unalias [-a] name [name ...]\r\n',
    });
  });

  it('prints help and history, and clears the screen', async () => {
    const { run, history } = setup();
    expect((await run('help')).out).toMatch(/^This terminal runs kubectl/);
    history.add('kubectl get pods');
    history.add('history');
    expect((await run('history')).out).toBe('    1  kubectl get pods\r\n    2  history\r\n');
    expect((await run('history 1')).out).toBe('    2  history\r\n');
    expect((await run('clear')).out).toBe('\x1b[H\x1b[2J\x1b[3J');
  });

  it('filters output through grep, with grep’s exit code', async () => {
    const { run, runs } = setup({ 'kubectl get pods -A': 'NAME\ncoredns-1\nweb-1\ncoredns-2' });
    expect(await run('kubectl get pods -A | grep coredns')).toEqual({
      code: 0,
      out: 'coredns-1\r\ncoredns-2\r\n',
    });
    expect(await run("kubectl get pods -A | grep -v 'NAME' | grep -iE 'WEB|dns-2'")).toEqual({
      code: 0,
      out: 'web-1\r\ncoredns-2\r\n',
    });
    expect((await run('kubectl get pods -A | grep nothing')).code).toBe(1);
    expect(runs).toEqual(['kubectl get pods -A', 'kubectl get pods -A', 'kubectl get pods -A']);
  });

  it('refuses other pipes, redirections and command lists, saying what it runs', async () => {
    const { run, runs } = setup();
    expect(await run('kubectl get pods | head -3')).toEqual({
      code: 2,
      out: 'kubelab: only grep can read a pipe here, not head: this shell runs kubectl commands\r\n',
    });
    expect((await run('kubectl get pods > pods.txt')).out).toMatch(
      /redirections \(>\) are not supported here/,
    );
    expect((await run('kubectl get pods; kubectl get nodes')).out).toMatch(/command lists \(;\)/);
    expect(await run("kubectl get 'pods")).toEqual({
      code: 2,
      out: "bash: unexpected EOF while looking for matching `''\r\n",
    });
    expect(runs).toEqual([]);
  });

  it('runs pasted lines one after another, and Ctrl-C stops the rest', async () => {
    const { shell, term, runs, output } = setup({ 'kubectl get nodes': 'node-1\n' });
    const done = shell.run('kubectl get nodes\nkubectl get pods -w\nkubectl get nodes', term);
    await settle();
    expect(runs).toEqual(['kubectl get nodes', 'kubectl get pods -w']);
    shell.interrupt();
    expect(await done).toBe(130);
    expect(runs).toHaveLength(2);
    expect(output()).toBe('node-1\r\nNAME    READY\r\n\r\n');
  });

  it('watches a command: header, output, a run every interval, Ctrl-C restores the screen', async () => {
    const { shell, term, timers, runs, output } = setup({ 'kubectl get pods': 'web-1\n' });
    shell.aliases.set('k', 'kubectl');
    const done = shell.run('watch -n 1 k get pods', term);
    await settle();
    expect(output()).toBe(
      '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J' +
        'Every 1.0s: k get pods'.padEnd(60 - 'kubelab: Wed Jan  1 00:02:10 2025'.length) +
        'kubelab: Wed Jan  1 00:02:10 2025\r\n\r\nweb-1',
    );
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers.shift()?.callback();
    await settle();
    expect(runs).toEqual(['kubectl get pods', 'kubectl get pods']);
    shell.interrupt();
    expect(await done).toBe(0);
    expect(output().endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
    expect(timers).toEqual([]);
  });

  it('reports watch’s usage errors', async () => {
    const { run } = setup();
    expect((await run('watch')).out).toMatch(/^\r\nUsage:\r\n watch \[options\] command/);
    expect((await run('watch -n abc kubectl get pods')).out).toMatch(
      /^watch: failed to parse argument: 'abc': Invalid argument/,
    );
  });

  it('completes command names itself and kubectl words through the simulation', async () => {
    const { shell, completions } = setup();
    shell.aliases.set('k', 'kubectl');
    expect(await shell.complete('h', 1)).toEqual({ candidates: ['help', 'history'], replaceFrom: 0 });
    expect(await shell.complete('  ', 2)).toEqual({
      candidates: ['alias', 'clear', 'help', 'history', 'unalias', 'watch', 'kubectl', 'k'],
      replaceFrom: 2,
    });
    expect(await shell.complete('k get po', 8)).toEqual({
      candidates: ['pods', 'podtemplates'],
      replaceFrom: 6,
    });
    expect(await shell.complete('watch -n 5 kubectl get po', 25)).toEqual({
      candidates: ['pods', 'podtemplates'],
      replaceFrom: 23,
    });
    expect(completions).toEqual([
      { line: 'kubectl get po', cursor: 14 },
      { line: 'kubectl get po', cursor: 14 },
    ]);
    expect(await shell.complete('ls fo', 5)).toEqual({ candidates: [], replaceFrom: 5 });
  });
});
