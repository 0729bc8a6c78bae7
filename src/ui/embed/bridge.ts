/**
 * The lab's side of the embedding API (messages.ts): it hears the requests of the page that
 * embeds it, only from that page and only if its origin is allowed (config.ts), carries them
 * out one after another, and tells that page, and no other, what happens.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import { LESSON_IDS } from '../lessons/catalog';
import type { LabStore } from '../store';
import { lessonEvents } from './lesson-events';
import { envelope, parseRequest, type LabEvent, type ParentRequest } from './messages';

/** The embedding page's window, as the lab sees it: events are posted to it. */
export type ParentWindow = Pick<Window, 'postMessage'>;

/** A posted message, as the bridge reads it. */
export type Incoming = Pick<MessageEvent, 'data' | 'origin' | 'source'>;

/** What the bridge needs. */
export interface BridgeOptions {
  readonly store: LabStore;
  /** The simulation, for a fresh cluster when no lesson is open. */
  readonly host: Pick<SimHost, 'send' | 'subscribe'>;
  readonly parent: ParentWindow;
  /** The origins that may drive the lab (config.ts). */
  readonly allowed: ReadonlySet<string>;
  /** The embedding page's origin where the browser tells it, else null (learnt from its first request). */
  readonly parentOrigin: string | null;
  /** Resolves once the terminal, when shown, takes the lines typed for the user. */
  readonly terminalUp: () => Promise<void>;
}

/** Resolves once `store`'s state passes `done`. */
function until<S>(store: StoreApi<S>, done: (state: S) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(store.getState())) return resolve();
    const stop = store.subscribe((state) => {
      if (!done(state)) return;
      stop();
      resolve();
    });
  });
}

/** Resolves once the lab is up: the cluster running, the linked lesson set up, the terminal open. */
async function whenReady(store: LabStore, terminalUp: () => Promise<void>): Promise<void> {
  await until(store, (s) => s.clock !== null);
  const { settings, lessons } = store.getState();
  if (settings.lesson !== null)
    await until(lessons, (s) => (s.lesson !== null && s.phase !== 'starting') || s.error !== null);
  if (settings.panels.includes('terminal')) await terminalUp();
}

/**
 * Starts the bridge; returns the handler for the window's `message` events. Requests wait
 * until the lab is up, then run in the order they came: a command sent after `load-lesson`
 * runs on that lesson's cluster once it is set up.
 */
export function createBridge(options: BridgeOptions): (event: Incoming) => void {
  const { store, host, parent, allowed } = options;
  const lessons = () => store.getState().lessons;
  let target =
    options.parentOrigin !== null && allowed.has(options.parentOrigin) ? options.parentOrigin : null;
  let ready = false;
  let stopEvents = () => {};
  const warned = new Set<string>();

  const post = (event: LabEvent) => {
    if (target !== null) parent.postMessage(envelope(event), target);
  };
  const postLessonError = () => {
    const { error } = lessons().getState();
    if (error !== null) post({ type: 'error', message: error });
  };
  /** Says the lab is ready, then where the lesson stands, and from then on what changes. */
  const announce = () => {
    post({ type: 'ready' });
    postLessonError();
    stopEvents();
    const changes = lessonEvents();
    const report = (state: Parameters<typeof changes>[0]) => changes(state).forEach(post);
    report(lessons().getState());
    stopEvents = lessons().subscribe(report);
  };

  const resetCluster = () =>
    new Promise<void>((resolve) => {
      const stop = host.subscribe((event) => {
        if (event.type !== 'init') return;
        stop();
        resolve();
      });
      host.send({ type: 'reset', options: store.getState().settings.cluster });
    });

  const run = async (command: string) => {
    const state = store.getState();
    if (state.settings.panels.includes('terminal')) return state.sendToTerminal(command, true);
    // No terminal to show it in: kubectl runs directly, and a failure is reported.
    let stderr = '';
    const code = await state.pipe(command, '', (stream, text) => {
      if (stream === 'stderr') stderr += text;
    }).exit;
    if (code !== 0)
      post({
        type: 'error',
        message: `"${command}" exited with code ${code}: ${stderr.trim().slice(0, 1000)}`,
      });
  };

  const handle = async (request: ParentRequest): Promise<void> => {
    switch (request.type) {
      case 'load-lesson':
        // A lesson the site does not ship leaves the student's lesson as it is.
        if (!LESSON_IDS.includes(request.lesson))
          return post({ type: 'error', message: `there is no lesson "${request.lesson}"` });
        if (store.getState().settings.panels.includes('lesson')) store.getState().showSidePanel('lesson');
        await lessons()
          .getState()
          .open(request.lesson, (request.step ?? 1) - 1);
        return postLessonError();
      case 'reset':
        if (lessons().getState().lesson === null) return resetCluster();
        await lessons().getState().reset();
        return postLessonError();
      case 'run':
        return run(request.command);
    }
  };

  let queue = whenReady(store, options.terminalUp).then(() => {
    ready = true;
    announce();
  });

  return (event) => {
    if (event.source !== parent) return;
    const parsed = parseRequest(event.data);
    if (parsed.kind === 'foreign') return;
    if (!allowed.has(event.origin)) {
      if (!warned.has(event.origin))
        console.warn(
          `kubelab: ignored requests from ${event.origin}, which kubelab.config.json does not allow`,
        );
      warned.add(event.origin);
      return;
    }
    if (target === null) {
      target = event.origin;
      if (ready) announce();
    }
    if (parsed.kind === 'invalid') return post({ type: 'error', message: parsed.error });
    const { request } = parsed;
    queue = queue
      .then(() => handle(request))
      .catch((error: unknown) => post({ type: 'error', message: String(error) }));
  };
}
