/**
 * Starts the embedding API in a lab that runs in a frame: reads which origins may drive it
 * (config.ts), then hands the window's messages to the bridge (bridge.ts).
 */
import type { SimHost } from '../../worker/host';
import type { LabStore } from '../store';
import { createBridge } from './bridge';
import { allowedOrigins, loadConfig } from './config';

/** The embedding page's origin, where the browser says it (Chromium and Safari list it, Firefox sends it as the referrer). */
function parentOrigin(): string | null {
  const ancestors = 'ancestorOrigins' in window.location ? window.location.ancestorOrigins : null;
  if (ancestors !== null && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return document.referrer === '' ? null : new URL(document.referrer).origin;
  } catch {
    return null;
  }
}

/** Resolves once the terminal (xterm.js, loaded after the first paint) is on the page. */
function terminalUp(): Promise<void> {
  const up = () => document.querySelector('.terminal-host .xterm') !== null;
  return new Promise((resolve) => {
    if (up()) return resolve();
    const observer = new MutationObserver(() => {
      if (!up()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** Listens to the embedding page (call it only when the lab runs in a frame). */
export async function startEmbedding(store: LabStore, host: SimHost): Promise<void> {
  const config = await loadConfig(document.baseURI);
  const receive = createBridge({
    store,
    host,
    parent: window.parent,
    allowed: allowedOrigins(config, window.location.origin),
    parentOrigin: parentOrigin(),
    terminalUp,
  });
  window.addEventListener('message', receive);
}
