import { FitAddon } from '@xterm/addon-fit';
import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useContext, useEffect, useRef } from 'react';
import { LabContext, useLab } from '../lab-context';
import type { LabState } from '../store';
import { browserKeys } from './keyboard';
import { TerminalSession } from './session';
import { subscribeTheme } from '../theme/controller';
import { themeOf } from './theme';

/** The monospace fonts the page uses for the clock, then the usual system ones. */
const FONT =
  "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/**
 * The in-page terminal: xterm.js showing a shell whose kubectl runs against the simulated
 * cluster. It fills its panel and follows its size, takes the page's colours, and copies
 * and pastes with the usual keys. Loaded on demand, so xterm.js is not in the first bundle.
 */
export function Terminal() {
  const store = useContext(LabContext);
  const hostRef = useRef<HTMLDivElement>(null);
  // Read-only (`?readonly=1`): the terminal shows what runs, typed for the user, but takes no keys.
  const readOnly = useLab((s) => s.settings.readOnly);

  useEffect(() => {
    const element = hostRef.current;
    if (store === null || element === null) return;
    const term = new XTerm({
      fontFamily: FONT,
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
      scrollback: 5000,
      // Dim text and every ANSI colour stay readable on either theme's background.
      minimumContrastRatio: 4.5,
      theme: themeOf(element),
      disableStdin: readOnly,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    term.attachCustomKeyEventHandler(browserKeys(term));
    // Once copied, the selection goes, so the next Ctrl-C interrupts again.
    const copied = () => term.clearSelection();
    element.addEventListener('copy', copied);

    const session = new TerminalSession(
      {
        write: (text) => term.write(text),
        get columns() {
          return term.cols;
        },
        get rows() {
          return term.rows;
        },
      },
      {
        kubectl: store.getState().kubectl,
        now: () => {
          const { options, clock } = store.getState();
          return (options?.epoch ?? 0) + (clock?.time ?? 0);
        },
        setTimeout: (callback, ms) => window.setTimeout(callback, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      },
    );
    session.start();
    const input = term.onData((data) => session.input(data));
    const resized = term.onResize(() => session.resize());

    // Fit on the next frame, not inside the observer: resizing there would re-trigger it.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit.fit());
    });
    observer.observe(element);

    const unsubscribe = subscribeTheme(() => (term.options.theme = themeOf(element)));
    // Lines typed for the user: a lesson's runnable block, an embedding page's command.
    // One made before the terminal loaded is typed now.
    let lastRequest = 0;
    const typeRequested = ({ terminalRequest }: LabState) => {
      if (terminalRequest === null || terminalRequest.seq <= lastRequest) return;
      lastRequest = terminalRequest.seq;
      session.type(terminalRequest.line, terminalRequest.run);
    };
    typeRequested(store.getState());
    const unsubscribeRequests = store.subscribe(typeRequested);

    return () => {
      unsubscribe();
      unsubscribeRequests();
      element.removeEventListener('copy', copied);
      observer.disconnect();
      cancelAnimationFrame(frame);
      resized.dispose();
      input.dispose();
      session.close();
      term.dispose();
    };
  }, [store, readOnly]);

  return (
    <section className="terminal-panel" aria-labelledby="terminal-title">
      <header className="terminal-header">
        <h2 id="terminal-title">Terminal</h2>
        {readOnly ? (
          <span className="terminal-hint">Read-only: commands run here for you to watch; typing is off</span>
        ) : (
          <span className="terminal-hint">
            kubectl runs in the simulated cluster · <kbd>Tab</kbd> completes · <kbd>Esc</kbd> <kbd>Tab</kbd>{' '}
            leaves
          </span>
        )}
      </header>
      <div className="terminal-host" ref={hostRef} />
    </section>
  );
}
