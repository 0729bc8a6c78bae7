/**
 * `npm run apiserver -- --port <port> --kubeconfig <file> [--speed <x>] [--seed <n>]
 *   [--metrics-server false] [--container-runtime containerd|cri-o]`
 *
 * Starts a simulated cluster, serves its kube-apiserver on 127.0.0.1:<port>, writes a
 * kubeconfig for it, and runs the virtual clock at <speed> times real time. With
 * `--metrics-server false` the cluster has no metrics-server (and no metrics.k8s.io API);
 * `--container-runtime cri-o` runs CRI-O instead of kind's containerd on every node.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createCluster } from '../sim/cluster';
import { Player, isSpeed } from '../sim/kernel/player';
import { serveApi } from './http';
import { ADMIN_USER, writeKubeconfig } from './kubeconfig';
import { schemasForServer } from './openapi';

/** How often the server advances the virtual clock, in real ms. */
const TICK_MS = 10;

function fail(message: string): never {
  process.stderr.write(`apiserver: ${message}\n`);
  process.exit(2);
}

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      kubeconfig: { type: 'string' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      'metrics-server': { type: 'string', default: 'true' },
      'container-runtime': { type: 'string', default: 'containerd' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail('--port must be a port number (0 picks a free one)');
  if (values.kubeconfig === undefined || values.kubeconfig === '') fail('--kubeconfig <file> is required');
  const speed: unknown = values.speed === 'max' ? 'max' : Number(values.speed);
  if (!isSpeed(speed)) fail('--speed must be between 0.25 and 100, or max');
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) fail('--seed must be an integer');
  const metricsServer = values['metrics-server'];
  if (metricsServer !== 'true' && metricsServer !== 'false') fail('--metrics-server must be true or false');
  const containerRuntime = values['container-runtime'];
  if (containerRuntime !== 'containerd' && containerRuntime !== 'cri-o')
    fail('--container-runtime must be containerd or cri-o');
  return {
    port,
    kubeconfig: values.kubeconfig,
    speed,
    seed,
    metricsServer: metricsServer === 'true',
    containerRuntime,
  } as const;
}

const opts = options();
const token = randomBytes(24).toString('hex');
const openapi = schemasForServer();
process.stdout.write(`${openapi.message}\n`);
const cluster = createCluster({
  seed: opts.seed,
  epoch: Date.now(),
  tokens: { [token]: { username: ADMIN_USER, groups: ['kubeadm:cluster-admins', 'system:authenticated'] } },
  ...(openapi.schemas === undefined ? {} : { openapiSchemas: openapi.schemas }),
  metricsServer: opts.metricsServer,
  containerRuntime: opts.containerRuntime,
});
const player = new Player(cluster.kernel);
player.setSpeed(opts.speed);
player.play();
let last = performance.now();
const clock = setInterval(() => {
  const now = performance.now();
  const start = now;
  player.tick(now - last, () => performance.now() - start > TICK_MS);
  last = now;
}, TICK_MS);

const server = serveApi(cluster.apiserver);
server.listen(opts.port, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port;
  const url = `http://127.0.0.1:${port}`;
  writeKubeconfig(opts.kubeconfig, url, token);
  process.stdout.write(
    `Kubelab apiserver ready at ${url} (kubeconfig: ${opts.kubeconfig}, speed ${opts.speed}x, seed ${opts.seed})\n`,
  );
});

function stop(): void {
  clearInterval(clock);
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
