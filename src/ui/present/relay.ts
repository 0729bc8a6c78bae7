/**
 * The two ends of a presentation (see messages.ts). The presenter relays its host's events
 * and answers an audience's hello with the events since the last cluster was built; an
 * audience window runs no simulation of its own: its host is the relay.
 */
import { Listeners, type SimHost } from '../../worker/host';
import type { HostEvent } from '../../worker/protocol';
import { parsePresentMessage, PRESENT_VERSION, type Narration, type PresentMessage } from './messages';

/** The part of a BroadcastChannel a presentation uses. */
export interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The most events kept for an audience that joins late (the rest of the timeline is gone). */
export const CATCH_UP_EVENTS = 2_000;

const send = (channel: Channel, message: PresentMessage) => channel.postMessage(message);

/** The presenter's end: relays `host`'s events; `narration` is what to show a newcomer. */
export function startPresenterRelay(
  host: Pick<SimHost, 'subscribe'>,
  channel: Channel,
  narration: () => Narration | null,
): { narrate(narration: Narration): void; stop(): void } {
  let history: HostEvent[] = [];
  const unsubscribe = host.subscribe((event) => {
    if (event.type === 'init') history = [];
    if (!['init', 'batch', 'nodes', 'rewound', 'checks', 'error'].includes(event.type)) return;
    history.push(event);
    if (history.length > CATCH_UP_EVENTS)
      history = [history[0] as HostEvent, ...history.slice(-CATCH_UP_EVENTS + 1)];
    send(channel, { v: PRESENT_VERSION, kind: 'event', event });
  });
  const onMessage = (message: MessageEvent) => {
    if (parsePresentMessage(message.data)?.kind !== 'hello') return;
    for (const event of history) send(channel, { v: PRESENT_VERSION, kind: 'event', event });
    const current = narration();
    if (current !== null) send(channel, { v: PRESENT_VERSION, kind: 'narration', narration: current });
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
 * The audience's host: the presenter's events, relayed. It takes no commands (the audience
 * watches); narrations go to `onNarration`.
 */
export function createAudienceHost(channel: Channel, onNarration: (n: Narration) => void): SimHost {
  const listeners = new Listeners();
  const onMessage = (message: MessageEvent) => {
    const parsed = parsePresentMessage(message.data);
    if (parsed?.kind === 'event') listeners.deliver(parsed.event);
    else if (parsed?.kind === 'narration') onNarration(parsed.narration);
  };
  channel.addEventListener('message', onMessage);
  send(channel, { v: PRESENT_VERSION, kind: 'hello' });
  return {
    kind: 'worker',
    send: () => {},
    subscribe: (listener) => listeners.add(listener),
    dispose: () => channel.removeEventListener('message', onMessage),
  };
}
