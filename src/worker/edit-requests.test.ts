import { describe, expect, it } from 'vitest';
import { EditRequests, type EditEvent } from './edit-requests';
import { KubectlSessions, type KubectlIO, type KubectlShell } from './kubectl-sessions';
import { MAX_STDIN_LENGTH, parseCommand } from './protocol';

function setup() {
  const events: EditEvent[] = [];
  const requests = new EditRequests((e) => events.push(e));
  return { requests, events };
}

describe('EditRequests', () => {
  it('asks the UI to edit and resolves with the text it saves', async () => {
    const { requests, events } = setup();
    const saved = requests.open('kind: Pod\n', 'kubectl-edit-1.yaml');
    expect(events).toEqual([{ type: 'edit', id: 1, name: 'kubectl-edit-1.yaml', text: 'kind: Pod\n' }]);
    requests.answer(1, 'kind: Pod # edited\n');
    await expect(saved).resolves.toBe('kind: Pod # edited\n');
    expect(requests.size).toBe(0);
  });

  it('resolves with null on Cancel, and ignores answers to unknown requests', async () => {
    const { requests } = setup();
    const cancelled = requests.open('a: 1\n', 'x.yaml');
    requests.answer(99, 'nope');
    requests.answer(1, null);
    await expect(cancelled).resolves.toBeNull();
  });

  it('withdraws a request when its command is interrupted', async () => {
    const { requests, events } = setup();
    const controller = new AbortController();
    const saved = requests.open('a: 1\n', 'x.yaml', controller.signal);
    controller.abort();
    await expect(saved).resolves.toBeNull();
    expect(events.at(-1)).toEqual({ type: 'editClosed', id: 1 });
    requests.answer(1, 'too late');
    expect(requests.size).toBe(0);
    await expect(requests.open('b: 2\n', 'y.yaml', controller.signal)).resolves.toBeNull();
  });

  it('withdraws every request for a new cluster', async () => {
    const sent: unknown[] = [];
    const sessions = new KubectlSessions(() => {});
    const shell: KubectlShell = {
      run: () => new Promise(() => {}),
      complete: async () => ({ candidates: [], replaceFrom: 0 }),
    };
    sessions.connect(shell);
    const saved = sessions.edits.open('a: 1\n', 'x.yaml');
    sessions.connect(shell);
    await expect(saved).resolves.toBeNull();
    sent.push(...sessions.drain());
    expect(sent).toEqual([
      { type: 'edit', id: 1, name: 'x.yaml', text: 'a: 1\n' },
      { type: 'editClosed', id: 1 },
    ]);
  });
});

describe('piping text to a command', () => {
  it('gives the command its stdin', () => {
    const runs: { line: string; io: KubectlIO }[] = [];
    const sessions = new KubectlSessions(() => {});
    sessions.connect({
      run: (line, io) => {
        runs.push({ line, io });
        return Promise.resolve(0);
      },
      complete: async () => ({ candidates: [], replaceFrom: 0 }),
    });
    sessions.exec(1, 'kubectl apply -f -', 'kind: Pod\n');
    sessions.exec(2, 'kubectl get pods');
    expect(runs[0]?.io.stdin).toBe('kind: Pod\n');
    expect(runs[1]?.io.stdin).toBeUndefined();
  });
});

describe('parseCommand for the editor', () => {
  it('accepts exec with stdin, and edited with text or null', () => {
    expect(parseCommand({ type: 'exec', id: 3, line: 'kubectl apply -f -', stdin: 'a: 1\n' })).toEqual({
      type: 'exec',
      id: 3,
      line: 'kubectl apply -f -',
      stdin: 'a: 1\n',
    });
    expect(parseCommand({ type: 'edited', id: 1, text: 'a: 2\n' })).toEqual({
      type: 'edited',
      id: 1,
      text: 'a: 2\n',
    });
    expect(parseCommand({ type: 'edited', id: 1, text: null })).toEqual({
      type: 'edited',
      id: 1,
      text: null,
    });
  });

  it('refuses stdin or saved text that is not text, or too long', () => {
    expect(parseCommand({ type: 'exec', id: 3, line: 'kubectl', stdin: 42 })).toHaveProperty('error');
    expect(
      parseCommand({ type: 'exec', id: 3, line: 'k', stdin: 'x'.repeat(MAX_STDIN_LENGTH + 1) }),
    ).toHaveProperty('error');
    expect(parseCommand({ type: 'edited', id: 1 })).toHaveProperty('error');
    expect(parseCommand({ type: 'edited', id: -1, text: null })).toHaveProperty('error');
  });
});
