/**
 * The two ends of a presentation (see messages.ts). The presenter relays its host's events
 * and keeps the story so far in brief (the cluster's init, its recent trace steps, the
 * clock, node health, task checks), which it sends to an audience window that says hello;
 * an audience window runs no simulation of its own: its host is the relay.
 */
import { Listeners, type SimHost } from '../../worker/host';
import type { HostEvent, TraceStep } from '../../worker/protocol';
import { LOG_CAPACITY } from '../trace/log';
import { parsePresentMessage, PRESENT_VERSION, type Narration, type PresentMessage } from './messages';
import { isRelayed } from './relayed-events';

/** The part of a BroadcastChannel a presentation uses. */
export interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** How many recent trace steps a late audience gets: as many as its timeline keeps. */
export const CATCH_UP_STEPS = LOG_CAPACITY;

type Event<T extends HostEvent['type']> = Extract<HostEvent, { type: T }>;

/** The presenter's cluster in brief: what a late audience needs to show the same. */
class Story {
  #init: Event<'init'> | null = null;
  #steps: TraceStep[] = [];
  #clock: Event<'batch'>['clock'] | null = null;
  #nodes: Event<'nodes'> | null = null;
  #checks: Event<'checks'> | null = null;

  note(event: HostEvent): void {
    switch (event.type) {
      case 'init':
        this.#init = event;
        this.#steps = [];
        this.#clock = event.clock;
        this.#nodes = this.#checks = null;
        break;
      case 'batch':
        this.#steps.push(...event.steps);
        this.#clock = event.clock;
        // Forget in chunks, as the timeline's log does.
        if (this.#steps.length > CATCH_UP_STEPS * 1.1) this.#steps = this.#steps.slice(-CATCH_UP_STEPS);
        break;
      case 'rewound':
        this.#steps = this.#steps.filter((step) => step.id <= event.lastStep);
        this.#clock = event.clock;
        break;
      case 'nodes':
        this.#nodes = event;
        break;
      case 'checks':
        this.#checks = event;
        break;
    }
  }

  /** The events that bring a new audience to where the presenter is. */
  events(): HostEvent[] {
    if (this.#init === null || this.#clock === null) return [];
    const batch: HostEvent = { type: 'batch', clock: this.#clock, steps: this.#steps.slice(-CATCH_UP_STEPS) };
    const events: (HostEvent | null)[] = [this.#init, batch, this.#nodes, this.#checks];
    return events.filter((e) => e !== null);
  }
}

const send = (channel: Channel, message: PresentMessage) => channel.postMessage(message);

/** The presenter's end: relays `host`'s events; `narration` is what to show a newcomer. */
export function startPresenterRelay(
  host: Pick<SimHost, 'subscribe'>,
  channel: Channel,
  narration: () => Narration | null,
): { narrate(narration: Narration): void; stop(): void } {
  const story = new Story();
  const unsubscribe = host.subscribe((event) => {
    if (!isRelayed(event)) return;
    story.note(event);
    send(channel, { v: PRESENT_VERSION, kind: 'event', event });
  });
  const onMessage = (message: MessageEvent) => {
    const hello = parsePresentMessage(message.data);
    if (hello?.kind !== 'hello') return;
    const to = hello.from;
    for (const event of story.events()) send(channel, { v: PRESENT_VERSION, kind: 'event', event, to });
    const current = narration();
    if (current !== null) send(channel, { v: PRESENT_VERSION, kind: 'narration', narration: current, to });
  };
  channel.addEventListener('message', onMessage);
  return {
    narrate: (n) => send(channel, { v: PRESENT_VERSION, kind: 'narration', narration: n }),
    stop() {
      unsubscribe();
      channel.removeEventListener('message', onMessage);
    },
  };
}

/**
 * The audience's host: the presenter's events, relayed (those meant for every window, and
 * its own catch-up). It takes no commands (the audience watches); narrations go to
 * `onNarration`. `id` names this window in its hello.
 */
export function createAudienceHost(
  channel: Channel,
  onNarration: (n: Narration) => void,
  id: string = crypto.randomUUID(),
): SimHost {
  const listeners = new Listeners();
  const onMessage = (message: MessageEvent) => {
    const parsed = parsePresentMessage(message.data);
    if (parsed === null || parsed.kind === 'hello' || (parsed.to !== undefined && parsed.to !== id)) return;
    if (parsed.kind === 'event') listeners.deliver(parsed.event);
    else onNarration(parsed.narration);
  };
  channel.addEventListener('message', onMessage);
  send(channel, { v: PRESENT_VERSION, kind: 'hello', from: id });
  return {
    kind: 'worker',
    send: () => {},
    subscribe: (listener) => listeners.add(listener),
    dispose: () => channel.removeEventListener('message', onMessage),
  };
}
