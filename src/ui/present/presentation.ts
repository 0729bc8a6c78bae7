/**
 * Sets up a presentation window (`?present=presenter` or `audience`, see settings.ts): the
 * presenter runs the simulation and the walkthrough and relays both; an audience window shows
 * the presenter's cluster, large, with the narration as a caption and the same step under
 * review. Both windows name their channel after the lesson in their link.
 */
import { createContext, useContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import type { PresentRole } from '../settings';
import type { LabStore } from '../store';
import { presentChannelName, type Narration } from './messages';
import { createAudienceHost, startPresenterRelay, type Channel } from './relay';
import { createWalkthrough, type WalkthroughStore } from './walkthrough';

/** What a presentation window's views need. */
export interface Presentation {
  readonly role: PresentRole;
  /** The lesson the channel is named after (an audience window's link carries it). */
  readonly channelLesson: string | null;
  /** The presenter's walkthrough (null in an audience window). */
  readonly walkthrough: WalkthroughStore | null;
  /** The narration shown now, as the audience sees it. */
  readonly narration: StoreApi<{ narration: Narration | null }>;
}

export const PresentContext = createContext<Presentation | null>(null);

/** The presentation this window is part of, or null. */
export const usePresentation = (): Presentation | null => useContext(PresentContext);

/** The channel of a presentation of `lessonId` (see presentChannelName). */
export function presentChannel(lessonId: string | null): Channel {
  return new BroadcastChannel(presentChannelName(lessonId));
}

const narrationStore = () => createStore<{ narration: Narration | null }>()(() => ({ narration: null }));

/** An audience window's host (the presenter's events) and its narration store. */
export function audienceHost(channel: Channel): { host: SimHost; narration: Presentation['narration'] } {
  const narration = narrationStore();
  const host = createAudienceHost(channel, (n) => narration.setState({ narration: n }));
  return { host, narration };
}

/** The presenter's side, once the lab's store exists: the walkthrough, relayed. */
export function presenter(
  lab: LabStore,
  host: Pick<SimHost, 'subscribe'>,
  channel: Channel,
  channelLesson: string | null,
): Presentation {
  const narration = narrationStore();
  const relay = startPresenterRelay(host, channel, () => narration.getState().narration);
  const walkthrough = createWalkthrough(lab, (n) => {
    narration.setState({ narration: n });
    relay.narrate(n);
  });
  // A lesson (re)started starts the walkthrough once its cluster is ready: at its first step
  // after the setup, at a later one (a link) on what the steps before did. A new step starts over.
  let ready = false;
  let shown = -1;
  lab.getState().lessons.subscribe(({ lesson, step, startedAt, phase }) => {
    const now = phase === 'ready' && lesson !== null;
    if (now && !ready) walkthrough.getState().start(startedAt > 0 ? 0 : lab.getState().trace.log.newestId);
    else if (now && step !== shown) walkthrough.getState().restart();
    ready = now;
    shown = step;
  });
  return { role: 'presenter', channelLesson, walkthrough, narration };
}

/** An audience window's presentation: it reviews the step the presenter reviews. */
export function audience(
  lab: LabStore,
  narration: Presentation['narration'],
  channelLesson: string | null,
): Presentation {
  narration.subscribe(({ narration: n }) =>
    lab
      .getState()
      .trace.state.getState()
      .select(n?.stepId ?? null),
  );
  return { role: 'audience', channelLesson, walkthrough: null, narration };
}
