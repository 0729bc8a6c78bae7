import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';

/** The sub-path the built site is served from, as a course page would mount it. */
export const MOUNT = '/course/kubernetes/lab/';

/**
 * Serves `dist/` with a plain static file server under a sub-path, the way students get
 * the lab, and tells the tests where it is through KUBELAB_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dist = path.resolve(import.meta.dirname, '../dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/ has no build: run `npm run build` before the end-to-end tests');
  }
  const files = sirv(dist, { dev: false, etag: true });
  const server: Server = createServer((req, res) => {
    if (req.url === undefined || !req.url.startsWith(MOUNT)) {
      res.writeHead(404).end('not found');
      return;
    }
    req.url = `/${req.url.slice(MOUNT.length)}`;
    files(req, res, () => {
      res.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server has no port');
  process.env.KUBELAB_URL = `http://127.0.0.1:${address.port}${MOUNT}`;
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
