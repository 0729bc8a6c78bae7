import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/cluster';
import { connectKubectl } from './kubectl-shell';
import { KubectlSessions, type SessionEvent } from './kubectl-sessions';
import { parseCommand } from './protocol';

describe('interactive stdin across the worker boundary', () => {
  it('checks the stdin and resize commands, and exec with a terminal', () => {
    expect(parseCommand({ type: 'stdin', id: 1, data: 'ls\r' })).toEqual({
      type: 'stdin',
      id: 1,
      data: 'ls\r',
    });
    expect(parseCommand({ type: 'stdin', id: 1, data: null })).toEqual({ type: 'stdin', id: 1, data: null });
    expect(parseCommand({ type: 'stdin', id: 1, data: 3 })).toHaveProperty('error');
    expect(parseCommand({ type: 'resize', id: 2, size: { columns: 120, rows: 40 } })).toEqual({
      type: 'resize',
      id: 2,
      size: { columns: 120, rows: 40 },
    });
    expect(parseCommand({ type: 'resize', id: 2, size: { columns: 0, rows: 40 } })).toHaveProperty('error');
    expect(
      parseCommand({ type: 'exec', id: 3, line: 'kubectl get pods', terminal: { columns: 80, rows: 24 } }),
    ).toEqual({ type: 'exec', id: 3, line: 'kubectl get pods', terminal: { columns: 80, rows: 24 } });
    expect(parseCommand({ type: 'exec', id: 3, line: 'x', terminal: { columns: 80 } })).toHaveProperty(
      'error',
    );
  });

  it('runs kubectl exec -it against a container: raw mode, keys in, output out, Ctrl-D ends it', async () => {
    const cluster = createCluster({ seed: 1, addons: false });
    cluster.kernel.runUntil(60_000);
    cluster.apiserver.handle({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'shell' },
        spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] },
      }),
      client: 'test',
    });
    cluster.kernel.runUntil(90_000);
    const events: SessionEvent[] = [];
    const sessions = new KubectlSessions(() => undefined);
    sessions.connect(connectKubectl(cluster));
    /** Lets kubectl's promises settle, runs a virtual second, and collects what was sent. */
    const tick = async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      cluster.kernel.runUntil(cluster.kernel.clock.now() + 1_000);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      events.push(...sessions.drain());
    };
    sessions.exec(1, 'kubectl exec -it shell -- cat', undefined, { columns: 80, rows: 24 });
    await tick();
    expect(events).toEqual([{ type: 'terminalMode', id: 1, mode: 'raw' }]);
    sessions.resize(1, { columns: 100, rows: 30 });
    sessions.stdin(1, 'hello\r');
    await tick();
    // The container's pty echoes the line, then cat writes it back.
    expect(events.at(-1)).toEqual({ type: 'output', id: 1, stream: 'stdout', text: 'hello\r\nhello\r\n' });
    sessions.stdin(1, '\x04');
    await tick();
    expect(events.slice(-2)).toEqual([
      { type: 'terminalMode', id: 1, mode: 'off' },
      { type: 'exit', id: 1, code: 0 },
    ]);
  });

  it('passes no keys to a command that has not asked to read the terminal', () => {
    const sessions = new KubectlSessions(() => undefined);
    const typed: (string | null)[] = [];
    sessions.connect({
      run: (_line, io) => {
        io.terminal?.onInput((data) => typed.push(data));
        return Promise.resolve(0);
      },
      complete: async () => ({ candidates: [], replaceFrom: 0 }),
    });
    sessions.exec(1, 'kubectl version', undefined, { columns: 80, rows: 24 });
    sessions.stdin(1, 'ignored');
    expect(typed).toEqual([]);
  });
});
