import { describe, expect, it, vi } from 'vitest';
import type { SimHost } from '../../worker/host';
import { parseLesson } from '../../worker/lessons/format';
import type { Command, HostEvent } from '../../worker/protocol';
import { readSettings } from '../settings';
import { createLabStore } from '../store';
import { createBridge, type Incoming } from './bridge';

const COURSE = 'https://course.example';
const OTHER = 'https://other.example';
const clock = { time: 0, playing: false, speed: 1, pending: 0, next: null } as const;

/** A host that records commands and lets the test answer for the simulation. */
function fakeHost() {
  const sent: Command[] = [];
  const listeners = new Set<(e: HostEvent) => void>();
  const host: SimHost = {
    kind: 'in-process',
    send: (c) => sent.push(c),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose: () => {},
  };
  return { host, sent, emit: (e: HostEvent) => listeners.forEach((l) => l(e)) };
}

/** A lab in a frame: its store, the bridge, and what the embedding page heard. */
function embedded(search = '', parentOrigin: string | null = COURSE) {
  const { host, sent, emit } = fakeHost();
  const store = createLabStore(host, readSettings(search));
  const heard: { message: unknown; origin: string }[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => heard.push({ message, origin }) };
  const receive = createBridge({
    store,
    host,
    parent: parent as unknown as Window,
    allowed: new Set(['https://lab.example', COURSE]),
    parentOrigin,
    terminalUp: () => Promise.resolve(),
  });
  const post = (data: unknown, origin = COURSE, source: unknown = parent) =>
    receive({ data, origin, source } as Incoming);
  const types = () => heard.map((h) => (h.message as { type: string }).type);
  return { store, sent, emit, heard, post, types };
}

/** A one-step, one-task lesson. */
const DEMO =
  '---\ntitle: T\nsummary: S\nduration: 5 min\ncluster: { seed: 1 }\n---\n## Only\n' +
  '```task\nid: one\ntitle: Do it\ncheck: { objects: pods }\nsolution: [kubectl get pods]\n```\n';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const request = (fields: Record<string, unknown>) => ({ source: 'kubelab', version: 1, ...fields });
const run = request({ type: 'run', command: 'kubectl get nodes' });

describe('the embedding bridge', () => {
  it('says it is ready once the cluster runs, to the embedding page’s origin only', async () => {
    const lab = embedded();
    await settle();
    expect(lab.heard).toEqual([]);
    lab.store.setState({ clock });
    await settle();
    expect(lab.heard).toEqual([
      { message: { source: 'kubelab', version: 1, type: 'ready' }, origin: COURSE },
    ]);
  });

  it.each([
    ['the embedding page', COURSE, 'parent', true],
    ['a page on an origin the config does not allow', OTHER, 'parent', false],
    ['an allowed origin that is not the embedding page', COURSE, 'sibling', false],
  ])('takes requests from %s: %s', async (_who, origin, source, runs) => {
    const lab = embedded();
    lab.store.setState({ clock });
    await settle();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    lab.post(run, origin, source === 'parent' ? undefined : {});
    await settle();
    expect(lab.store.getState().terminalRequest).toEqual(
      runs ? { seq: 1, line: 'kubectl get nodes', run: true } : null,
    );
    expect(lab.types()).toEqual(['ready']);
    warn.mockRestore();
  });

  it('waits for the lab to be up before it runs a request', async () => {
    const lab = embedded();
    lab.post(run);
    await settle();
    expect(lab.store.getState().terminalRequest).toBeNull();
    lab.store.setState({ clock });
    await settle();
    expect(lab.store.getState().terminalRequest?.line).toBe('kubectl get nodes');
  });

  it('answers a malformed request from the embedding page with an error, and ignores other scripts’ messages', async () => {
    const lab = embedded();
    lab.store.setState({ clock });
    await settle();
    lab.post(request({ type: 'run', command: 'kubectl get pods\nrm -rf /' }));
    lab.post({ type: 'webpackOk' });
    lab.post('hello');
    await settle();
    expect(lab.heard.at(-1)?.message).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/one line/),
    });
    expect(lab.types()).toEqual(['ready', 'error']);
    expect(lab.store.getState().terminalRequest).toBeNull();
  });

  it('stays silent to a page on an origin it does not allow', async () => {
    const lab = embedded('', OTHER);
    lab.store.setState({ clock });
    await settle();
    expect(lab.heard).toEqual([]);
  });

  it('learns the embedding page’s origin from its first request when the browser does not say it', async () => {
    const lab = embedded('', null);
    lab.store.setState({ clock });
    await settle();
    expect(lab.heard).toEqual([]);
    lab.post(request({ type: 'reset' }));
    await settle();
    expect(lab.heard).toEqual([{ message: expect.objectContaining({ type: 'ready' }), origin: COURSE }]);
  });

  it('runs kubectl directly when the terminal is hidden, and reports a failure', async () => {
    const lab = embedded('?panels=graph');
    lab.store.setState({ clock });
    await settle();
    lab.post(request({ type: 'run', command: 'kubectl get pods -n nowhere' }));
    await settle();
    const exec = lab.sent.find((c) => c.type === 'exec');
    expect(exec).toMatchObject({ line: 'kubectl get pods -n nowhere', stdin: '' });
    const id = (exec as { id: number }).id;
    lab.emit({
      type: 'output',
      id,
      stream: 'stderr',
      text: 'Error from server (NotFound): namespaces "nowhere" not found\n',
    });
    lab.emit({ type: 'exit', id, code: 1 });
    await settle();
    expect(lab.heard.at(-1)?.message).toMatchObject({
      type: 'error',
      message:
        '"kubectl get pods -n nowhere" exited with code 1: Error from server (NotFound): namespaces "nowhere" not found',
    });
  });

  it('resets to a fresh cluster when no lesson is open', async () => {
    const lab = embedded('?seed=7');
    lab.store.setState({ clock });
    await settle();
    lab.post(request({ type: 'reset' }));
    await settle();
    expect(lab.sent).toContainEqual({ type: 'reset', options: { seed: 7 } });
  });

  it('waits for the linked lesson, then tells its step and each task done', async () => {
    const lab = embedded('?lesson=03-demo');
    const lessons = lab.store.getState().lessons;
    lab.store.setState({ clock });
    await settle();
    expect(lab.heard).toEqual([]);
    lessons.setState({ lesson: parseLesson('03-demo', DEMO), phase: 'ready' });
    await settle();
    lessons.setState({
      tasks: { one: { id: 'one', done: true, why: '' } },
      progress: { '03-demo': ['one'] },
    });
    expect(lab.heard.map((h) => h.message)).toEqual([
      { source: 'kubelab', version: 1, type: 'ready' },
      { source: 'kubelab', version: 1, type: 'step', lesson: '03-demo', step: 1, steps: 1, title: 'Only' },
      {
        source: 'kubelab',
        version: 1,
        type: 'task-completed',
        lesson: '03-demo',
        task: 'one',
        title: 'Do it',
      },
      { source: 'kubelab', version: 1, type: 'lesson-completed', lesson: '03-demo' },
    ]);
  });

  it('reports a lesson the site does not ship, and leaves the open lesson as it is', async () => {
    const lab = embedded();
    const lessons = lab.store.getState().lessons;
    lab.store.setState({ clock });
    lessons.setState({ lesson: parseLesson('03-demo', DEMO), phase: 'ready' });
    await settle();
    lab.post(request({ type: 'load-lesson', lesson: '99-nothing-here' }));
    await settle();
    await settle();
    expect(lab.heard.at(-1)?.message).toMatchObject({
      type: 'error',
      message: 'there is no lesson "99-nothing-here"',
    });
    expect(lessons.getState().lesson?.id).toBe('03-demo');
  });
});
