import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../worker/host';
import type { Command, HostEvent } from '../../worker/protocol';
import { createEditorStore, type PipeKubectl } from './editor-store';

/** A host the test speaks for: it records commands and delivers the events it is given. */
function fakeHost() {
  const sent: Command[] = [];
  const listeners = new Set<(e: HostEvent) => void>();
  const host: SimHost = {
    kind: 'in-process',
    send: (c) => sent.push(c),
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    dispose: () => {},
  };
  return { host, sent, emit: (e: HostEvent) => listeners.forEach((l) => l(e)) };
}

const pipe: PipeKubectl = (line, stdin, write) => {
  write('stdout', `ran ${line} on ${stdin.length} characters\n`);
  return { exit: Promise.resolve(0) };
};

describe('the editor store', () => {
  it('opens for kubectl edit, answers it, and closes again if it opened for it', () => {
    const { host, sent, emit } = fakeHost();
    const store = createEditorStore(host, pipe);
    emit({ type: 'edit', id: 3, name: '/tmp/kubectl-edit-3.yaml', text: 'kind: Pod\n' });
    expect(store.getState()).toMatchObject({
      open: true,
      openedForEdit: true,
      edit: { id: 3, text: 'kind: Pod\n' },
    });
    store.getState().finishEdit('kind: Pod # saved\n');
    expect(sent).toEqual([{ type: 'edited', id: 3, text: 'kind: Pod # saved\n' }]);
    expect(store.getState()).toMatchObject({ open: false, edit: null });
  });

  it('stays open after an edit if it was already open, and says when kubectl stopped waiting', () => {
    const { host, sent, emit } = fakeHost();
    const store = createEditorStore(host, pipe);
    store.getState().setOpen(true);
    emit({ type: 'edit', id: 1, name: 'a.yaml', text: 'a: 1\n' });
    emit({ type: 'editClosed', id: 1 });
    expect(store.getState()).toMatchObject({ open: true, edit: null });
    expect(store.getState().notice).toMatch(/kubectl edit ended before you saved/);
    store.getState().finishEdit(null);
    expect(sent).toEqual([]);
  });

  it('runs Validate and Apply with the text piped in, keeping their output', async () => {
    const { host } = fakeHost();
    const store = createEditorStore(host, pipe);
    const run = await store.getState().run('validate', 'kind: Pod\n');
    expect(run).toMatchObject({
      command: 'kubectl apply --dry-run=server -f -',
      code: 0,
      output: [{ stream: 'stdout', text: 'ran kubectl apply --dry-run=server -f - on 10 characters\n' }],
    });
    await store.getState().run('apply', 'kind: Pod\n');
    expect(store.getState().runs.map((r) => [r.command, r.code])).toEqual([
      ['kubectl apply --dry-run=server -f -', 0],
      ['kubectl apply -f -', 0],
    ]);
  });
});
