/**
 * Offline support: the built site registers its service worker (public/sw.js), which keeps
 * every file of this build (listed in sw-assets.js, see src/server/offline-plugin.ts) so the
 * lab opens without a network after its first load. Its scope is the folder the site is
 * published in, so other sites and paths on the same host are left alone.
 */

/** Registers the service worker; where there are none (a frame sandboxed without allow-same-origin, a file:// page) the lab simply runs online. */
export function registerOffline(): void {
  if (!import.meta.env.PROD) return;
  let container: ServiceWorkerContainer | undefined;
  try {
    // Reading it throws a SecurityError in an opaque-origin (sandboxed) document.
    container = navigator.serviceWorker;
  } catch {
    return;
  }
  // `none`: the browser checks sw-assets.js, where the build's version is, past the HTTP cache.
  container
    ?.register(new URL('sw.js', document.baseURI), { updateViaCache: 'none' })
    .catch((error: unknown) => console.warn(`kubelab: offline use is off: ${String(error)}`));
}
