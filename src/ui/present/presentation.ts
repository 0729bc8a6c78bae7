/**
 * Sets up a presentation window (`?present=presenter` or `audience`, see settings.ts): the
 * presenter runs the simulation and the walkthrough and relays both; an audience window shows
 * the presenter's cluster, large, with the narration as a caption.
 */
import { createContext, useContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import type { PresentRole } from '../settings';
import type { LabStore } from '../store';
import { PRESENT_CHANNEL, type Narration } from './messages';
import { createAudienceHost, startPresenterRelay, type Channel } from './relay';
import { createWalkthrough, type WalkthroughStore } from './walkthrough';

/** What a presentation window's views need. */
export interface Presentation {
  readonly role: PresentRole;
  /** The presenter's walkthrough (null in an audience window). */
  readonly walkthrough: WalkthroughStore | null;
  /** The narration shown now, as the audience sees it. */
  readonly narration: StoreApi<{ narration: Narration | null }>;
}

export const PresentContext = createContext<Presentation | null>(null);

/** The presentation this window is part of, or null. */
export const usePresentation = (): Presentation | null => useContext(PresentContext);

/** The channel presentation windows share. */
export function presentChannel(): Channel {
  return new BroadcastChannel(PRESENT_CHANNEL);
}

/** An audience window's host (the presenter's events) and its narration store. */
export function audienceHost(channel: Channel): { host: SimHost; narration: Presentation['narration'] } {
  const narration = createStore<{ narration: Narration | null }>()(() => ({ narration: null }));
  const host = createAudienceHost(channel, (n) => narration.setState({ narration: n }));
  return { host, narration };
}

/** The presenter's side, once the lab's store exists: the walkthrough, relayed. */
export function presenter(lab: LabStore, host: Pick<SimHost, 'subscribe'>, channel: Channel): Presentation {
  const narration = createStore<{ narration: Narration | null }>()(() => ({ narration: null }));
  const relay = startPresenterRelay(host, channel, () => narration.getState().narration);
  const walkthrough = createWalkthrough(lab, (n) => {
    narration.setState({ narration: n });
    relay.narrate(n);
  });
  // A new step (or lesson) starts its walkthrough over.
  let shown = '';
  lab.getState().lessons.subscribe(({ lesson, step }) => {
    const key = `${lesson?.id ?? ''}#${step}`;
    if (key === shown || lesson === null) return;
    shown = key;
    walkthrough.getState().restart();
  });
  return { role: 'presenter', walkthrough, narration };
}

/** An audience window's presentation: it follows the narration, highlighting its step. */
export function audience(lab: LabStore, narration: Presentation['narration']): Presentation {
  narration.subscribe(({ narration: n }) =>
    lab
      .getState()
      .trace.state.getState()
      .select(n?.stepId ?? null),
  );
  return { role: 'audience', walkthrough: null, narration };
}
