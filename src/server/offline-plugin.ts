/**
 * The Vite plugin behind the lab's offline support: at build time it writes `sw-assets.js`,
 * which names every file of the built site (source maps aside) and a version hashed from
 * their contents, for the service worker (public/sw.js) to keep. A build that changes any
 * file changes the version, so browsers install the new worker and drop the old files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The file the service worker imports. */
export const ASSETS_FILE = 'sw-assets.js';

/** Files not kept: source maps, and the worker and its list (the browser fetches those itself). */
const SKIP = /\.map$|^sw\.js$|^sw-assets\.js$/;

/** The files under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  if (dir === '') return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Writes {@link ASSETS_FILE} (see the module comment). */
export function offlineAssets(): Plugin {
  let publicDir = '';
  return {
    name: 'kubelab-offline-assets',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      // After Vite has written index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const contents = new Map<string, string | Uint8Array>();
        for (const [name, item] of Object.entries(bundle))
          contents.set(name, item.type === 'chunk' ? item.code : item.source);
        for (const name of filesUnder(publicDir))
          if (!contents.has(name)) contents.set(name, readFileSync(path.join(publicDir, name)));
        const files = [...contents.keys()].filter((name) => !SKIP.test(name)).sort();
        const hash = createHash('sha256');
        for (const name of files)
          hash
            .update(name)
            .update('\0')
            .update(contents.get(name) as string | Uint8Array);
        const manifest = { version: hash.digest('hex').slice(0, 16), files };
        this.emitFile({
          type: 'asset',
          fileName: ASSETS_FILE,
          source: `// Written by the build (src/server/offline-plugin.ts) for sw.js.\nself.KUBELAB_ASSETS = ${JSON.stringify(manifest)};\n`,
        });
      },
    },
  };
}
