import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { buildTopology } from '../../sim/topology';
import type { HostEvent } from '../../worker/protocol';
import type { Narration } from './messages';
import { CATCH_UP_STEPS, createAudienceHost, startPresenterRelay, type Channel } from './relay';

const narration: Narration = {
  lessonTitle: 'Journey',
  stepTitle: 'kubectl',
  step: 1,
  steps: 4,
  say: 'kubectl sends **one** request.',
  stepId: 2,
};
const clock = (time: number) => ({ time, playing: false, speed: 1, pending: 0, next: null }) as const;
const options = {
  seed: 1,
  workerNodes: 2,
  epoch: 0,
  cni: 'kindnet',
  kubeProxyMode: 'iptables',
  ingressController: 'none',
  containerRuntime: 'containerd',
} as const;
const init: HostEvent = { type: 'init', options, topology: buildTopology(2), clock: clock(0) };
const steps = (from: number, to: number): TraceStep[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    id: from + i,
    time: from + i,
    from: 'kubectl',
    to: 'control-plane/kube-apiserver',
    kind: 'request',
    summary: `GET /api/v1/pods #${from + i}`,
    detail: null,
    causedBy: null,
  }));
const batch = (from: number, to: number): HostEvent => ({
  type: 'batch',
  clock: clock(to),
  steps: steps(from, to),
});

type TestChannel = Channel & { sent: unknown[] };

/** A BroadcastChannel's ends: each delivers to the others, asynchronously, structured-cloned. */
function network() {
  const ends: (TestChannel & { listeners: Set<(event: MessageEvent) => void> })[] = [];
  return function end(): TestChannel {
    const self = {
      sent: [] as unknown[],
      listeners: new Set<(event: MessageEvent) => void>(),
      postMessage(message: unknown) {
        self.sent.push(message);
        const data = structuredClone(message);
        // Only the windows listening when it was sent receive it.
        const receivers = ends.filter((e) => e !== self).flatMap((e) => [...e.listeners]);
        queueMicrotask(() => receivers.forEach((l) => l({ data } as MessageEvent)));
      },
      addEventListener: (_type: 'message', l: (event: MessageEvent) => void) => void self.listeners.add(l),
      removeEventListener: (_type: 'message', l: (event: MessageEvent) => void) =>
        void self.listeners.delete(l),
    };
    ends.push(self);
    return self;
  };
}

/** A presenter's host that the test drives. */
function presenterHost() {
  let emit: (e: HostEvent) => void = () => {};
  const host = {
    subscribe: (l: (e: HostEvent) => void) => {
      emit = l;
      return () => {};
    },
  };
  return { host, emit: (e: HostEvent) => emit(e) };
}

/** An audience window: what its host delivers, and the narrations it got. */
function watch(channel: Channel, id: string) {
  const seen: HostEvent[] = [];
  const narrations: Narration[] = [];
  const host = createAudienceHost(channel, (n) => narrations.push(n), id);
  host.subscribe((e) => seen.push(e));
  return { host, seen, narrations };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the relay', () => {
  it('catches a late audience up in brief: the init, every step since it in one batch, the latest health and checks', async () => {
    const end = network();
    const presenter = presenterHost();
    const relay = startPresenterRelay(presenter.host, end(), () => narration);
    presenter.emit(batch(1, 3)); // before the cluster the audience will see
    presenter.emit(init);
    presenter.emit(batch(1, 2));
    presenter.emit({ type: 'nodes', health: {} });
    presenter.emit(batch(3, 5));
    presenter.emit({ type: 'output', id: 1, stream: 'stdout', text: 'not relayed' });
    presenter.emit({ type: 'checks', tasks: [{ id: 't', done: false, why: 'not yet' }] });
    const health = { 'node-1': { ready: 'True', pressure: [], unschedulable: false } } as const;
    presenter.emit({ type: 'nodes', health });
    const audience = watch(end(), 'late');
    await tick();
    expect(audience.seen).toEqual([
      init,
      { type: 'batch', clock: clock(5), steps: steps(1, 5) },
      { type: 'nodes', health },
      { type: 'checks', tasks: [{ id: 't', done: false, why: 'not yet' }] },
    ]);
    expect(audience.narrations).toEqual([narration]);

    // Then every new event and narration, as it happens.
    presenter.emit(batch(6, 6));
    relay.narrate({ ...narration, say: 'next', stepId: 6 });
    await tick();
    expect(audience.seen.at(-1)).toEqual(batch(6, 6));
    expect(audience.narrations.at(-1)).toMatchObject({ say: 'next', stepId: 6 });
  });

  it('sends a newcomer its catch-up alone: windows already watching are not set back', async () => {
    const end = network();
    const presenter = presenterHost();
    startPresenterRelay(presenter.host, end(), () => narration);
    presenter.emit(init);
    presenter.emit(batch(1, 4));
    const first = watch(end(), 'first');
    await tick();
    const before = first.seen.length;
    const second = watch(end(), 'second');
    await tick();
    expect(first.seen).toHaveLength(before);
    expect(second.seen.map((e) => e.type)).toEqual(['init', 'batch']);
  });

  it('forgets the steps a rewind undid, and keeps at most CATCH_UP_STEPS', async () => {
    const end = network();
    const presenter = presenterHost();
    startPresenterRelay(presenter.host, end(), () => null);
    presenter.emit(init);
    presenter.emit(batch(1, 10));
    presenter.emit({ type: 'rewound', clock: clock(4), lastStep: 4 });
    const rewound = watch(end(), 'a');
    await tick();
    expect(rewound.seen[1]).toEqual({ type: 'batch', clock: clock(4), steps: steps(1, 4) });
    expect(rewound.narrations).toEqual([]);

    presenter.emit(batch(5, CATCH_UP_STEPS + 100));
    const late = watch(end(), 'b');
    await tick();
    const caught = late.seen[1] as Extract<HostEvent, { type: 'batch' }>;
    expect(caught.steps).toHaveLength(CATCH_UP_STEPS);
    expect(caught.steps.at(-1)?.id).toBe(CATCH_UP_STEPS + 100);
  });

  it('has the audience watch only: it sends nothing but its hello, and ignores what is not a presentation message', async () => {
    const end = network();
    const stranger = end();
    const audienceEnd = end();
    const audience = watch(audienceEnd, 'me');
    audience.host.send({ type: 'play' });
    stranger.postMessage({ v: 1, kind: 'event', event: { type: 'init' } });
    stranger.postMessage({ v: 1, kind: 'narration', narration: { ...narration, step: 'one' } });
    stranger.postMessage({ v: 1, kind: 'narration', narration, to: 'someone-else' });
    await tick();
    expect(audienceEnd.sent).toEqual([{ v: 1, kind: 'hello', from: 'me' }]);
    expect(audience.seen).toEqual([]);
    expect(audience.narrations).toEqual([]);
  });
});
