import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';

/** The sub-path the built site is served from, as a course page would mount it. */
export const MOUNT = '/course/kubernetes/lab/';

/** Starts `server` on a free port of 127.0.0.1; resolves with its origin. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server has no port');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Course pages on two other origins (e2e/embed-parent.html), for the embedding tests: the
 * lab's kubelab.config.json allows the first (KUBELAB_PARENT_URL) and not the second
 * (KUBELAB_STRANGER_URL).
 */
async function coursePages(): Promise<{ servers: Server[]; allowed: string }> {
  const page = readFileSync(path.resolve(import.meta.dirname, 'embed-parent.html'));
  const servers = [0, 1].map(() =>
    createServer((req, res) => {
      if (req.url?.split('?')[0] === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else res.writeHead(404).end('not found');
    }),
  );
  const [allowed, stranger] = await Promise.all(servers.map(listen));
  process.env.KUBELAB_PARENT_URL = `${allowed}/`;
  process.env.KUBELAB_STRANGER_URL = `${stranger}/`;
  return { servers, allowed: allowed as string };
}

/**
 * Serves `dist/` with a plain static file server under a sub-path, the way students get
 * the lab, and tells the tests where it is through KUBELAB_URL. Like GitHub Pages, it lets
 * any origin read the files (a frame sandboxed without allow-same-origin needs that).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dist = path.resolve(import.meta.dirname, '../dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/ has no build: run `npm run build` before the end-to-end tests');
  }
  const course = await coursePages();
  const config = JSON.stringify({ allowedOrigins: [course.allowed] });
  const files = sirv(dist, { dev: false, etag: true });
  const server: Server = createServer((req, res) => {
    if (req.url === undefined || !req.url.startsWith(MOUNT)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.setHeader('access-control-allow-origin', '*');
    // The publisher's edit of dist/kubelab.config.json: the allowed course page may drive the lab.
    if (req.url.split('?')[0] === `${MOUNT}kubelab.config.json`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(config);
      return;
    }
    req.url = `/${req.url.slice(MOUNT.length)}`;
    files(req, res, () => {
      res.writeHead(404).end('not found');
    });
  });
  process.env.KUBELAB_URL = `${await listen(server)}${MOUNT}`;
  const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  return async () => {
    await Promise.all([server, ...course.servers].map(close));
  };
}
