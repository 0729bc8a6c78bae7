/** Pod fixtures shared by the pod printer tests. */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../types';
import { podPrinter } from './pods';

export const NOW = Date.parse('2025-01-01T00:00:00Z');
export const ago = (ms: number) => new Date(NOW - ms).toISOString();
export const SEC = 1000;
export const MIN = 60 * SEC;

export const running: ContainerStatus['state'] = { running: { startedAt: ago(MIN) } };
export const restarted = (count: number, finishedAgo: number) => ({
  restartCount: count,
  lastState: { terminated: { exitCode: 1, finishedAt: ago(finishedAgo) } },
});
export const cs = (name: string, fields: Partial<ContainerStatus>): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...fields,
});

/** A pod with `containers` app containers and optional init containers (`sidecars` restartable). */
export function pod(
  status: Pod['status'],
  opts: { containers?: number; init?: number; sidecars?: number; deleting?: boolean; name?: string } = {},
): Pod {
  const initContainers = [
    ...Array.from({ length: opts.init ?? 0 }, (_, i) => ({ name: `init${i}`, image: 'busybox' })),
    ...Array.from({ length: opts.sidecars ?? 0 }, (_, i) => ({
      name: `sidecar${i}`,
      image: 'envoy',
      restartPolicy: 'Always',
    })),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: opts.name ?? 'web',
      namespace: 'default',
      creationTimestamp: ago(10 * MIN),
      ...(opts.deleting ? { deletionTimestamp: ago(5 * SEC) } : {}),
    },
    spec: {
      ...(initContainers.length > 0 ? { initContainers } : {}),
      containers: Array.from({ length: opts.containers ?? 1 }, (_, i) => ({ name: `c${i}`, image: 'nginx' })),
    },
    status,
  };
}

export const print = (p: Pod) => podPrinter.print(p as KubeObject, NOW);
/** NAME, READY, STATUS, RESTARTS, AGE. */
export const row = (p: Pod) => print(p).cells.slice(0, 5);
