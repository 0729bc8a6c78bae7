/*
 * Kubelab's service worker: it keeps the lab working offline after its first load.
 *
 * sw-assets.js, written by the build (src/server/offline-plugin.ts), names every file of this
 * build and a version that changes whenever one of them does; the browser compares it on each
 * update check, so a new build installs a new worker. Its cache is named after the scope (the
 * folder the lab is published in) and the version, and the worker only answers requests under
 * that folder. Hashed files come from the cache; the page itself and kubelab.config.json come
 * from the network while there is one (a publisher's edit counts at once), else the cache.
 */
self.importScripts('sw-assets.js');

const { version, files } = self.KUBELAB_ASSETS;
const SCOPE = self.registration.scope;
const PREFIX = `kubelab:${SCOPE}:`;
const CACHE = `${PREFIX}${version}`;
/** Files that may change without the build changing: fetched fresh while online. */
const FRESH = ['index.html', 'kubelab.config.json'];

self.addEventListener('install', (event) => {
  const keep = (cache, file) => {
    const done = cache.add(new Request(new URL(file, SCOPE), { cache: 'no-cache' }));
    // A publisher may delete kubelab.config.json: the lab then uses its defaults.
    return file === 'kubelab.config.json' ? done.catch(() => undefined) : done;
  };
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(files.map((file) => keep(cache, file)))));
});

self.addEventListener('activate', (event) => {
  const old = (keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE);
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(old(keys).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, kept as `file` for later; the kept one when the network fails. */
async function networkFirst(request, file) {
  const cache = await caches.open(CACHE);
  const kept = new URL(file, SCOPE).href;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(kept, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(kept);
    if (cached === undefined) throw error;
    return cached;
  }
}

/** The kept answer, else the network's. */
async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const file = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  // The lab's page, whatever its query (?lesson=...); other pages in the folder are not the worker's.
  if (request.mode === 'navigate') {
    if (file === '' || file === 'index.html') event.respondWith(networkFirst(request, 'index.html'));
  } else if (FRESH.includes(file)) event.respondWith(networkFirst(request, file));
  else event.respondWith(cacheFirst(request));
});
