import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/cluster';
import type { EditorBridge } from './edit-requests';
import type { KubectlShell } from './kubectl-sessions';
import type { HostEvent } from './protocol';
import { SimulationRunner } from './runner';

/** A kubectl whose `edit` opens the editor it is given and prints what came back. */
function editingShell(editor: EditorBridge | undefined): KubectlShell {
  return {
    async run(line, io) {
      if (!line.startsWith('kubectl edit')) {
        io.stdout(`stdin: ${io.stdin ?? '(none)'}\n`);
        return 0;
      }
      const saved = await editor?.open('kind: Pod\n', '/tmp/kubectl-edit-1.yaml', io.signal);
      io.stdout(
        saved === null || saved === undefined ? 'Edit cancelled, no changes made.\n' : `saved: ${saved}`,
      );
      return 0;
    },
    complete: async () => ({ candidates: [], replaceFrom: 0 }),
  };
}

function harness() {
  let frames: (() => void)[] = [];
  const events: HostEvent[] = [];
  const runner = new SimulationRunner(
    { now: () => 0, requestFrame: (cb) => frames.push(cb), emit: (e) => events.push(e) },
    (options) =>
      createCluster({ ...options, controllers: [], kubelets: false, scheduler: false, cloudProvider: false }),
    (_cluster, editor) => editingShell(editor),
  );
  const flush = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      const due = frames;
      frames = [];
      for (const cb of due) cb();
    }
  };
  runner.handle({ type: 'reset', options: { seed: 1 } });
  return { runner, events, flush, of: (type: HostEvent['type']) => events.filter((e) => e.type === type) };
}

describe('kubectl edit through the worker protocol', () => {
  it('asks the UI to edit, and the command goes on with the text the UI saved', async () => {
    const { runner, flush, of } = harness();
    runner.handle({ type: 'exec', id: 1, line: 'kubectl edit pod web' });
    await flush();
    expect(of('edit')).toEqual([
      { type: 'edit', id: 1, name: '/tmp/kubectl-edit-1.yaml', text: 'kind: Pod\n' },
    ]);
    expect(of('exit')).toEqual([]);
    runner.handle({ type: 'edited', id: 1, text: 'kind: Pod # changed\n' });
    await flush();
    expect(of('output')).toEqual([
      { type: 'output', id: 1, stream: 'stdout', text: 'saved: kind: Pod # changed\n' },
    ]);
    expect(of('exit')).toEqual([{ type: 'exit', id: 1, code: 0 }]);
  });

  it('withdraws the edit when Ctrl-C ends the command', async () => {
    const { runner, flush, of } = harness();
    runner.handle({ type: 'exec', id: 4, line: 'kubectl edit pod web' });
    await flush();
    runner.handle({ type: 'interrupt', id: 4 });
    await flush();
    expect(of('editClosed')).toEqual([{ type: 'editClosed', id: 1 }]);
    expect(of('exit')).toEqual([{ type: 'exit', id: 4, code: 130 }]);
  });

  it('pipes stdin to a command', async () => {
    const { runner, flush, of } = harness();
    runner.handle({ type: 'exec', id: 2, line: 'kubectl apply -f -', stdin: 'kind: Pod\n' });
    await flush();
    expect(of('output')).toEqual([{ type: 'output', id: 2, stream: 'stdout', text: 'stdin: kind: Pod\n\n' }]);
  });
});
