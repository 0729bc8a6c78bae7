import { describe, expect, it } from 'vitest';
import { INTERRUPTED, KubectlSessions, type KubectlIO, type KubectlShell } from './kubectl-sessions';

/** A kubectl whose commands the test finishes by hand. */
function fakeShell() {
  const runs: { line: string; io: KubectlIO; finish(code: number): void; fail(e: Error): void }[] = [];
  const shell: KubectlShell = {
    run: (line, io) =>
      new Promise((resolve, reject) => runs.push({ line, io, finish: resolve, fail: reject })),
    complete: async (line, cursor) =>
      line === 'boom'
        ? Promise.reject(new Error('lookup failed'))
        : { candidates: [`${line}!`], replaceFrom: cursor },
  };
  return { shell, runs };
}

function setup() {
  let wakes = 0;
  const sessions = new KubectlSessions(() => wakes++);
  const { shell, runs } = fakeShell();
  sessions.connect(shell);
  return { sessions, runs, wakes: () => wakes };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('KubectlSessions', () => {
  it('queues output and the exit, merging chunks a command writes to one stream in a row', async () => {
    const { sessions, runs, wakes } = setup();
    sessions.exec(1, 'kubectl get pods');
    const run = runs[0];
    expect(run?.line).toBe('kubectl get pods');
    run?.io.stdout('NAME   READY\n');
    run?.io.stdout('web-1  1/1\n');
    run?.io.stderr('warning\n');
    run?.io.stdout('');
    run?.finish(0);
    await settle();
    expect(wakes()).toBeGreaterThan(0);
    expect(sessions.drain()).toEqual([
      { type: 'output', id: 1, stream: 'stdout', text: 'NAME   READY\nweb-1  1/1\n' },
      { type: 'output', id: 1, stream: 'stderr', text: 'warning\n' },
      { type: 'exit', id: 1, code: 0 },
    ]);
    expect(sessions.drain()).toEqual([]);
  });

  it('ends an interrupted command at once with 130, aborts it, and drops what it writes later', async () => {
    const { sessions, runs } = setup();
    sessions.exec(7, 'kubectl get pods -w');
    const run = runs[0];
    run?.io.stdout('web-1\n');
    sessions.interrupt(7);
    expect(run?.io.signal.aborted).toBe(true);
    run?.io.stdout('late\n');
    run?.finish(0);
    await settle();
    expect(sessions.drain()).toEqual([
      { type: 'output', id: 7, stream: 'stdout', text: 'web-1\n' },
      { type: 'exit', id: 7, code: INTERRUPTED },
    ]);
    sessions.interrupt(7);
    expect(sessions.drain()).toEqual([]);
  });

  it('reports a command that fails as an error on stderr and exit code 1', async () => {
    const { sessions, runs } = setup();
    sessions.exec(2, 'kubectl get pods');
    runs[0]?.fail(new Error('transport closed'));
    await settle();
    expect(sessions.drain()).toEqual([
      { type: 'output', id: 2, stream: 'stderr', text: 'error: transport closed\n' },
      { type: 'exit', id: 2, code: 1 },
    ]);
  });

  it('refuses a second command with the id of a running one', () => {
    const { sessions } = setup();
    sessions.exec(3, 'kubectl get pods');
    expect(() => sessions.exec(3, 'kubectl get nodes')).toThrow('command 3 is already running');
  });

  it('interrupts the old cluster’s commands when a new cluster connects', async () => {
    const { sessions, runs } = setup();
    sessions.exec(4, 'kubectl get pods -w');
    sessions.connect(fakeShell().shell);
    expect(runs[0]?.io.signal.aborted).toBe(true);
    expect(sessions.drain()).toEqual([{ type: 'exit', id: 4, code: INTERRUPTED }]);
  });

  it('answers completions, with nothing when the lookup fails', async () => {
    const { sessions } = setup();
    sessions.complete(5, 'kubectl g', 9);
    sessions.complete(6, 'boom', 4);
    await settle();
    expect(sessions.drain()).toEqual([
      { type: 'completions', id: 5, candidates: ['kubectl g!'], replaceFrom: 9 },
      { type: 'completions', id: 6, candidates: [], replaceFrom: 4 },
    ]);
  });

  it('answers commands before any cluster is connected', async () => {
    const sessions = new KubectlSessions(() => {});
    sessions.exec(1, 'kubectl get pods');
    sessions.complete(2, 'kubectl ', 8);
    await settle();
    expect(sessions.drain()).toEqual([
      { type: 'output', id: 1, stream: 'stderr', text: 'error: no cluster yet\n' },
      { type: 'exit', id: 1, code: 1 },
      { type: 'completions', id: 2, candidates: [], replaceFrom: 8 },
    ]);
  });
});
