import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../worker/lessons/format';
import type { HostEvent } from '../../worker/protocol';
import { parsePresentMessage, type Narration } from './messages';
import { CATCH_UP_EVENTS, createAudienceHost, startPresenterRelay, type Channel } from './relay';
import { firstCommand } from './walkthrough';

const narration: Narration = {
  lessonTitle: 'Journey',
  stepTitle: 'kubectl',
  step: 1,
  steps: 4,
  say: 'kubectl sends **one** request.',
  stepId: 42,
};
const clock = { time: 0, playing: false, speed: 1, pending: 0, next: null } as const;

describe('parsePresentMessage', () => {
  it.each([
    [{ v: 1, kind: 'hello' }],
    [{ v: 1, kind: 'narration', narration }],
    [{ v: 1, kind: 'narration', narration: { ...narration, say: null, stepId: null } }],
    [{ v: 1, kind: 'event', event: { type: 'batch', clock, steps: [] } }],
  ])('accepts %j', (message) => {
    expect(parsePresentMessage(message)).toEqual(message);
  });

  it.each([
    ['not an object', 'hello'],
    ['another version', { v: 2, kind: 'hello' }],
    ['an unknown kind', { v: 1, kind: 'takeover' }],
    [
      'an event the audience does not use',
      { v: 1, kind: 'event', event: { type: 'output', id: 1, text: 'x' } },
    ],
    ['an event without a type', { v: 1, kind: 'event', event: {} }],
    ['a narration without titles', { v: 1, kind: 'narration', narration: { ...narration, lessonTitle: 3 } }],
    ['a huge narration', { v: 1, kind: 'narration', narration: { ...narration, say: 'x'.repeat(5_001) } }],
    ['a bad step id', { v: 1, kind: 'narration', narration: { ...narration, stepId: -1 } }],
  ])('ignores %s', (_name, message) => {
    expect(parsePresentMessage(message)).toBeNull();
  });
});

/** Two ends of an in-memory channel, delivering asynchronously, as BroadcastChannel does. */
function channels(): [Channel & { sent: unknown[] }, Channel & { sent: unknown[] }] {
  const make = () => {
    const listeners = new Set<(event: MessageEvent) => void>();
    return {
      sent: [] as unknown[],
      listeners,
      postMessage(message: unknown) {
        this.sent.push(message);
        const data = structuredClone(message);
        // Only the windows listening when it was sent receive it.
        const receivers = [...other(this).listeners];
        queueMicrotask(() => {
          for (const l of receivers) l({ data } as MessageEvent);
        });
      },
      addEventListener: (_type: 'message', l: (event: MessageEvent) => void) => void listeners.add(l),
      removeEventListener: (_type: 'message', l: (event: MessageEvent) => void) => void listeners.delete(l),
    };
  };
  const a = make();
  const b = make();
  const other = (end: object) => (end === a ? b : a);
  return [a, b];
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the relay', () => {
  it('gives a late audience the events since the last init, then every new one and the narration', async () => {
    const [presenterEnd, audienceEnd] = channels();
    let emit: (e: HostEvent) => void = () => {};
    const host = {
      subscribe: (l: (e: HostEvent) => void) => {
        emit = l;
        return () => {};
      },
    };
    const relay = startPresenterRelay(host, presenterEnd, () => narration);
    const init = { type: 'init', options: {}, topology: {}, clock } as unknown as HostEvent;
    emit({ type: 'batch', clock, steps: [] });
    emit(init);
    emit({ type: 'nodes', health: {} });
    emit({ type: 'output', id: 1, stream: 'stdout', text: 'not relayed' });
    const seen: HostEvent[] = [];
    const narrations: Narration[] = [];
    const audience = createAudienceHost(audienceEnd, (n) => narrations.push(n));
    audience.subscribe((e) => seen.push(e));
    await tick();
    expect(seen.map((e) => e.type)).toEqual(['init', 'nodes']);
    expect(narrations).toEqual([narration]);
    emit({ type: 'batch', clock: { ...clock, time: 5 }, steps: [] });
    relay.narrate({ ...narration, say: 'next' });
    await tick();
    expect(seen.map((e) => e.type)).toEqual(['init', 'nodes', 'batch']);
    expect(narrations.at(-1)?.say).toBe('next');
    // The audience sends nothing but its hello: it cannot drive the presenter's cluster.
    audience.send({ type: 'play' });
    expect(audienceEnd.sent).toEqual([{ v: 1, kind: 'hello' }]);
  });

  it('keeps at most CATCH_UP_EVENTS events, the init first', async () => {
    const [presenterEnd, audienceEnd] = channels();
    let emit: (e: HostEvent) => void = () => {};
    startPresenterRelay({ subscribe: (l) => ((emit = l), () => {}) }, presenterEnd, () => null);
    emit({ type: 'init', options: {}, topology: {}, clock } as unknown as HostEvent);
    for (let i = 0; i < CATCH_UP_EVENTS + 10; i++)
      emit({ type: 'batch', clock: { ...clock, time: i }, steps: [] });
    const seen: HostEvent[] = [];
    createAudienceHost(audienceEnd, () => {}).subscribe((e) => seen.push(e));
    await tick();
    expect(seen).toHaveLength(CATCH_UP_EVENTS);
    expect(seen[0]?.type).toBe('init');
    expect(seen.at(-1)).toMatchObject({ type: 'batch', clock: { time: CATCH_UP_EVENTS + 9 } });
  });
});

describe('firstCommand', () => {
  const lesson = (body: string) =>
    parseLesson('01-x', `---\ntitle: T\nsummary: S\nduration: 1 min\ncluster: { seed: 1 }\n---\n${body}`);
  it.each([
    ['## A\n\n```sh\n$ kubectl get pods\nkubectl get nodes\n```\n', { line: 'kubectl get pods' }],
    [
      '## A\n\n```yaml\nkind: Pod\n```\n\n```task\nid: t\ntitle: T\ncheck: { objects: pods }\nsolution: [kubectl get pods]\n```\n',
      { task: 0 },
    ],
    ['## A\n\nJust words.\n', null],
  ])('%j', (body, command) => {
    expect(firstCommand(lesson(body).steps[0]!)).toEqual(command);
  });
});
