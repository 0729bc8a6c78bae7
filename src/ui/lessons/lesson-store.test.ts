import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../worker/protocol';
import { createHeadlessHost, type HeadlessHost } from '../../worker/lessons/headless';
import type { PipeKubectl } from '../editor/editor-store';
import { createLessonStore, type LessonActions, type LessonState, type LessonStore } from './lesson-store';
import { PROGRESS_KEY, type ProgressStorage } from './progress';
import { lessonFinished, taskView } from './task-view';

/**
 * The lessons slice over a headless simulation, as the page wires it: progress kept in `data`,
 * the commands it sends in `sent`.
 */
function lab() {
  const host = createHeadlessHost();
  const pipe: PipeKubectl = (line, stdin, write) => ({
    exit: host.kubectl(line, stdin).then(({ code, output }) => {
      write('stdout', output);
      return code;
    }),
  });
  const data: Record<string, string> = {};
  const storage: ProgressStorage = { getItem: (k) => data[k] ?? null, setItem: (k, v) => (data[k] = v) };
  const sent: Command[] = [];
  const send = (command: Command) => {
    sent.push(command);
    host.send(command);
  };
  const store = createLessonStore({ host: { send, subscribe: host.subscribe }, pipe }, storage);
  return { host, store, data, sent };
}

/** Resolves once the slice's state passes `done`. */
function until(store: LessonStore, done: (s: LessonState & LessonActions) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!done(s)) return;
      stop();
      resolve();
    });
  });
}

const views = (store: LessonStore) => ({
  'get-nodes': taskView(store.getState(), 'get-nodes'),
  'create-web': taskView(store.getState(), 'create-web'),
});

let host: HeadlessHost | null = null;
afterEach(() => host?.dispose());

describe('the lessons slice', () => {
  it('says which lesson does not exist, and opens none', async () => {
    const l = lab();
    host = l.host;
    await l.store.getState().open('99-nope');
    expect(l.store.getState()).toMatchObject({ lesson: null, error: 'there is no lesson "99-nope"' });
  });

  it('lists every lesson with its tasks', async () => {
    const l = lab();
    host = l.host;
    await l.store.getState().loadCatalog();
    expect(l.store.getState().catalog?.[0]).toEqual({
      id: '01-tour',
      title: 'A tour of the cluster',
      summary: 'Meet the control plane and the nodes, and see kubectl talk to the apiserver.',
      duration: '10 min',
      steps: 2,
      tasks: ['get-nodes', 'create-web'],
    });
  });

  it('checks tasks live as the student works, and keeps what is done in storage', async () => {
    const l = lab();
    host = l.host;
    const opened = l.store.getState().open('01-tour');
    expect(l.store.getState()).toMatchObject({ phase: 'starting', step: 0, startedAt: 0 });
    await opened;
    expect(l.store.getState().phase).toBe('ready');
    expect(views(l.store)).toEqual({ 'get-nodes': 'open', 'create-web': 'waiting' });
    expect(l.store.getState().tasks['get-nodes']?.why).toBe('0 matching trace step(s) since the task opened');

    await l.host.kubectl('kubectl get nodes');
    await until(l.store, (s) => s.tasks['get-nodes']?.done === true);
    expect(views(l.store)).toEqual({ 'get-nodes': 'done', 'create-web': 'open' });
    expect(JSON.parse(l.data[PROGRESS_KEY] as string)).toEqual({ '01-tour': ['get-nodes'] });
    expect(lessonFinished(l.store.getState())).toBe(false);

    l.store.getState().goTo(7);
    expect(l.store.getState().step).toBe(1);
    l.store.getState().goTo(-1);
    expect(l.store.getState().step).toBe(0);

    l.store.getState().close();
    expect(l.sent.at(-1)).toEqual({ type: 'checks', tasks: [] });
    expect(l.store.getState()).toMatchObject({
      lesson: null,
      tasks: {},
      progress: { '01-tour': ['get-nodes'] },
    });
  });

  it('opens at a later step with the steps before done for the student, and finishes with Show me', async () => {
    const l = lab();
    host = l.host;
    await l.store.getState().open('01-tour', 1);
    expect(l.store.getState()).toMatchObject({ phase: 'ready', step: 1, startedAt: 1 });
    expect(views(l.store)).toEqual({ 'get-nodes': 'given', 'create-web': 'open' });

    l.host.send({ type: 'setSpeed', speed: 'max' });
    const createWeb = l.store.getState().lesson?.steps[1]?.tasks[0];
    if (createWeb === undefined) throw new Error('01-tour has no second step');
    expect(await l.store.getState().solve(createWeb)).toBe('deployment.apps/web created\n');
    await until(l.store, lessonFinished);
    expect(views(l.store)).toEqual({ 'get-nodes': 'given', 'create-web': 'done' });
    // Only what the student did counts as progress.
    expect(l.store.getState().progress).toEqual({ '01-tour': ['create-web'] });
  }, 20_000);

  it('rebuilds the cluster at the step shown on reset', async () => {
    const l = lab();
    host = l.host;
    await l.store.getState().open('01-tour');
    await l.host.kubectl('kubectl get nodes');
    await until(l.store, (s) => s.tasks['get-nodes']?.done === true);
    l.store.getState().goTo(1);
    await l.store.getState().reset();
    expect(l.store.getState()).toMatchObject({ phase: 'ready', step: 1, startedAt: 1 });
    expect(views(l.store)).toEqual({ 'get-nodes': 'given', 'create-web': 'open' });
    expect((await l.host.kubectl('kubectl get deployments')).output).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
