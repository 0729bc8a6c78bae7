import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const PODS = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'liveness-exec' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: ['sleep', '3600'],
          livenessProbe: {
            exec: { command: ['sh', '-c', 'echo not healthy; exit 1'] },
            initialDelaySeconds: 3,
            periodSeconds: 3,
            terminationGracePeriodSeconds: 2,
          },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ready-slow' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'kubelab/slow-start',
          env: [{ name: 'STARTUP_DELAY', value: '120' }],
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 2 },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'with-sidecar' },
    spec: {
      initContainers: [
        {
          name: 'proxy',
          image: 'nginx',
          restartPolicy: 'Always',
          startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 1, failureThreshold: 30 },
        },
      ],
      containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }],
    },
  },
];

describe.skipIf(kubectl === null)('real kubectl: probes, restarts and sidecars', { timeout: 120_000 }, () => {
  let api: RunningApiserver;

  /** Polls `kubectl get pod <name> -o jsonpath=<path>` until `ok` holds (or 60 s pass). */
  async function until(name: string, path: string, ok: (value: string) => boolean): Promise<string> {
    let value = '';
    for (let i = 0; i < 120; i++) {
      value = (await api.kubectl(['get', 'pod', name, '-o', `jsonpath=${path}`])).stdout;
      if (ok(value)) return value;
      await new Promise((r) => setTimeout(r, 500));
    }
    return value;
  }

  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '10']);
    await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
    const list = { apiVersion: 'v1', kind: 'List', items: PODS };
    const created = await api.kubectl(['create', '-f', api.file('pods.json', JSON.stringify(list))]);
    expect(created.code).toBe(0);
  }, 90_000);
  afterAll(() => api?.stop());

  it('kubectl get pods: READY counts ready containers and sidecars, RESTARTS counts liveness restarts', async () => {
    // ready-slow serves 120 virtual seconds after it starts: Running, but not ready, until then.
    await until('ready-slow', '{.status.phase}', (v) => v === 'Running');
    const starting = rows((await api.kubectl(['get', 'pod', 'ready-slow'])).stdout);
    expect(starting[1]?.slice(1, 3)).toEqual(['0/1', 'Running']);
    await until('liveness-exec', '{.status.containerStatuses[0].restartCount}', (v) => Number(v) >= 1);
    await until('with-sidecar', '{.status.phase}', (v) => v === 'Running');
    const early = rows((await api.kubectl(['get', 'pods'])).stdout);
    expect(early[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const byName = new Map(early.slice(1).map((r) => [r[0], r]));
    expect(byName.get('liveness-exec')?.[3]).toMatch(/^[1-9]\d* \(\d+s ago\)$/);
    expect(byName.get('with-sidecar')?.slice(1, 4)).toEqual(['2/2', 'Running', '0']);
    await until('ready-slow', '{.status.containerStatuses[0].ready}', (v) => v === 'true');
    const later = rows((await api.kubectl(['get', 'pod', 'ready-slow'])).stdout);
    expect(later[1]?.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it('kubectl describe pod shows the probes and the Unhealthy and Killing events', async () => {
    await until('liveness-exec', '{.status.containerStatuses[0].restartCount}', (v) => Number(v) >= 1);
    const described = (await api.kubectl(['describe', 'pod', 'liveness-exec'])).stdout;
    expect(described).toMatch(
      /\n\s+Liveness:\s+exec \[sh -c echo not healthy; exit 1\] delay=3s timeout=1s period=3s #success=1 #failure=3\n/,
    );
    expect(described).toMatch(/\n\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137\n/);
    expect(described).toMatch(/\n\s+Restart Count:\s+[1-9]/);
    expect(described).toMatch(/Warning\s+Unhealthy\s+.*kubelet\s+Liveness probe failed: not healthy\n/);
    expect(described).toMatch(
      /Normal\s+Killing\s+.*kubelet\s+Container app failed liveness probe, will be restarted\n/,
    );
    const slow = (await api.kubectl(['describe', 'pod', 'ready-slow'])).stdout;
    expect(slow).toMatch(
      /\n\s+Readiness:\s+http-get http:\/\/:8080\/ready delay=0s timeout=1s period=2s #success=1 #failure=3\n/,
    );
    expect(slow).toMatch(
      /Warning\s+Unhealthy\s+.*kubelet\s+Readiness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/ready": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused\n/,
    );
    const sidecar = (await api.kubectl(['describe', 'pod', 'with-sidecar'])).stdout;
    expect(sidecar).toMatch(
      /\n\s+Startup:\s+tcp-socket :80 delay=0s timeout=1s period=1s #success=1 #failure=30\n/,
    );
  });
});
