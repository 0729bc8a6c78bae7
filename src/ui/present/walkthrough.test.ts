// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { buildTopology } from '../../sim/topology';
import { Listeners, type SimHost } from '../../worker/host';
import { parseLesson } from '../../worker/lessons/format';
import type { Command, HostEvent } from '../../worker/protocol';
import { createLabStore } from '../store';
import type { Narration } from './messages';
import { createWalkthrough, firstCommand, SEEK_TIMEOUT_MS } from './walkthrough';

const lesson = parseLesson(
  '01-walk',
  `---
title: Walk
summary: S
duration: 1 min
cluster: { seed: 1 }
---
## Apply

\`\`\`sh
kubectl create deployment web --image=nginx
\`\`\`

\`\`\`narration
at: { from: '^kubectl$', summary: '^POST' }
say: kubectl **posts** it.
\`\`\`

\`\`\`narration
at: { kind: storage, summary: '^PUT /registry/deployments/' }
say: Stored in etcd.
\`\`\`

## Controllers

\`\`\`narration
at: { kind: watch, summary: '^watch ADDED deployments/web' }
say: The controller hears of it.
\`\`\`
`,
);

const clock = { time: 0, playing: false, speed: 1, pending: 5, next: 'event' } as const;
let nextId = 1;
/** The next trace step, of this kind and summary. */
const step = (
  kind: TraceStep['kind'],
  summary: string,
  from = 'control-plane/kube-apiserver',
): TraceStep => ({
  id: nextId++,
  time: 0,
  from,
  to: 'control-plane/kube-apiserver',
  kind,
  summary,
  detail: null,
  causedBy: null,
});

/** A lab over a host the test plays: the commands the lab sends, the events it gets, what the audience is told. */
function lab() {
  nextId = 1;
  const listeners = new Listeners();
  const sent: Command[] = [];
  const host: SimHost = {
    kind: 'in-process',
    send: (command) => sent.push(command),
    subscribe: (listener) => listeners.add(listener),
    dispose: () => {},
  };
  const store = createLabStore(host);
  const emit = (event: HostEvent) => listeners.deliver(event);
  emit({
    type: 'init',
    options: { ...lesson.cluster, workerNodes: 2 } as never,
    topology: buildTopology(2),
    clock,
  });
  store.getState().lessons.setState({ lesson, step: 0, phase: 'ready' });
  const told: Narration[] = [];
  const walkthrough = createWalkthrough(store, (n) => told.push(n));
  const batch = (...steps: TraceStep[]) => emit({ type: 'batch', clock, steps });
  const selected = () => store.getState().trace.state.getState().selected;
  return { store, sent, batch, told, walkthrough, selected, w: () => walkthrough.getState() };
}

afterEach(() => vi.useRealTimers());

describe('the walkthrough', () => {
  it('runs the step’s first kubectl line with the clock paused', () => {
    const { store, sent, w } = lab();
    w().start(0);
    w().run();
    expect(sent).toContainEqual({ type: 'pause' });
    expect(store.getState().terminalRequest).toMatchObject({
      line: 'kubectl create deployment web --image=nginx',
      run: true,
    });
  });

  it('finds a cue the trace has recorded already, without running the cluster', async () => {
    const { sent, batch, told, w, selected } = lab();
    batch(step('request', 'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl'));
    w().start(0);
    await w().next();
    expect(sent.filter((c) => c.type === 'step')).toEqual([]);
    expect(w()).toMatchObject({
      say: 'kubectl **posts** it.',
      stepId: 1,
      cues: [{ say: 'kubectl **posts** it.', stepId: 1 }],
    });
    expect(selected()).toBe(1);
    expect(told.at(-1)).toEqual({
      lessonTitle: 'Walk',
      stepTitle: 'Apply',
      step: 1,
      steps: 2,
      say: 'kubectl **posts** it.',
      stepId: 1,
    });
  });

  it('runs the cluster exactly to the next cue’s step: the first match after the previous cue', async () => {
    const { sent, batch, w, selected } = lab();
    batch(step('storage', 'PUT /registry/deployments/default/old')); // before the walkthrough: not a cue
    w().start(1);
    batch(step('request', 'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl'));
    await w().next();
    const next = w().next();
    expect(w().seeking).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'step', until: { match: lesson.steps[0]!.narration[1]!.at } });
    batch(step('request', 'GET /api/v1/pods'), step('storage', 'PUT /registry/deployments/default/web'));
    await next;
    expect(w()).toMatchObject({ say: 'Stored in etcd.', stepId: 4, seeking: false, missed: null });
    expect(selected()).toBe(4);
  });

  it('says so when the cluster does not reach the cue, and keeps the cues it had', async () => {
    vi.useFakeTimers();
    const { w } = lab();
    w().start(0);
    const next = w().next();
    await vi.advanceTimersByTimeAsync(SEEK_TIMEOUT_MS);
    await next;
    expect(w()).toMatchObject({ seeking: false, cues: [], say: null });
    expect(w().missed).toMatch(/did not reach this cue/);
  });

  it('shows earlier cues again, and follows the step under review wherever it was chosen', async () => {
    const { batch, told, w, store, selected } = lab();
    batch(
      step('request', 'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl'),
      step('decision', 'authentication: kubernetes-admin'),
      step('storage', 'PUT /registry/deployments/default/web'),
    );
    w().start(0);
    await w().next();
    await w().next();
    w().previous();
    expect(w()).toMatchObject({ say: 'kubectl **posts** it.', stepId: 1 });
    expect(selected()).toBe(1);
    // → shows the cue reached before again, without looking for a new one.
    await w().next();
    expect(w()).toMatchObject({ say: 'Stored in etcd.', stepId: 3 });
    // The timeline reviews step 2: no cue is about it.
    store.getState().trace.state.getState().select(2);
    expect(w()).toMatchObject({ say: null, stepId: 2 });
    expect(told.at(-1)).toMatchObject({ say: null, stepId: 2 });
    // Back on a cue's step, its narration shows again.
    store.getState().trace.state.getState().select(3);
    expect(told.at(-1)).toMatchObject({ say: 'Stored in etcd.', stepId: 3 });
  });

  it('goes on without a cue: Step reviews the next step the timeline shows', async () => {
    const { batch, w, sent, told } = lab();
    batch(step('request', 'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl'));
    w().start(0);
    await w().next();
    w().stepOn();
    expect(sent.at(-1)).toMatchObject({ type: 'step' });
    batch(step('decision', 'authorization: allowed create deployments'));
    expect(w()).toMatchObject({ say: null, stepId: 2 });
    expect(told.at(-1)).toMatchObject({ say: null, stepId: 2 });
  });

  it('starts a new step over, its cues going on after the last cue of the step before', async () => {
    const { batch, w, store, told } = lab();
    batch(
      step('request', 'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl'),
      step('watch', 'watch ADDED deployments/web'), // before the last cue: not this one
      step('storage', 'PUT /registry/deployments/default/web'),
    );
    w().start(0);
    await w().next();
    await w().next();
    store.getState().lessons.setState({ step: 1 });
    w().restart();
    expect(w()).toMatchObject({ cues: [], say: null, stepId: null });
    expect(told.at(-1)).toMatchObject({ stepTitle: 'Controllers', step: 2, say: null });
    const next = w().next();
    batch(step('watch', 'watch ADDED deployments/web'));
    await next;
    expect(w()).toMatchObject({ say: 'The controller hears of it.', stepId: 4 });
  });
});

describe('firstCommand', () => {
  const one = (body: string) =>
    parseLesson('01-x', `---\ntitle: T\nsummary: S\nduration: 1 min\ncluster: { seed: 1 }\n---\n${body}`)
      .steps[0]!;
  it.each([
    [
      'the first kubectl line of a shell block',
      '## A\n\n```sh\n# list\n$ kubectl get pods\nkubectl get nodes\n```\n',
      { line: 'kubectl get pods' },
    ],
    [
      'else the first task’s solution',
      '## A\n\n```yaml\nkind: Pod\n```\n\n```task\nid: t\ntitle: T\ncheck: { objects: pods }\nsolution: [kubectl get pods]\n```\n',
      { task: 0 },
    ],
    ['else nothing', '## A\n\nJust words.\n', null],
  ])('runs %s', (_name, body, command) => {
    expect(firstCommand(one(body))).toEqual(command);
  });
});
