import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { PodObject } from './context';
import { podPhase } from './pod-status';

const status = (name: string, s: Partial<ContainerStatus>): ContainerStatus => ({
  name,
  image: 'busybox',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...s,
});
const running = (name: string, started = true) =>
  status(name, { state: { running: { startedAt: '2025-01-01T00:00:00Z' } }, started });
const waiting = (name: string, lastExit?: number) =>
  status(name, {
    state: { waiting: { reason: 'ContainerCreating' } },
    lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
  });
const exited = (name: string, exitCode: number) => status(name, { state: { terminated: { exitCode } } });

const SIDECAR: Container = { name: 'sidecar', image: 'busybox', restartPolicy: 'Always' };
const INIT: Container = { name: 'init', image: 'busybox' };
const MAIN: Container = { name: 'main', image: 'busybox' };

function pod(
  restartPolicy: string,
  initContainers: Container[],
  annotations?: Record<string, string>,
): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', ...(annotations === undefined ? {} : { annotations }) },
    spec: { restartPolicy, initContainers, containers: [MAIN] },
  };
}

describe('getPhase', () => {
  const cases: [string, PodObject, ContainerStatus[], ContainerStatus[], boolean, string][] = [
    [
      'a sidecar that has not started keeps the pod Pending',
      pod('Always', [SIDECAR]),
      [running('sidecar', false)],
      [waiting('main')],
      false,
      'Pending',
    ],
    [
      'a started sidecar lets the main container run',
      pod('Always', [SIDECAR]),
      [running('sidecar')],
      [running('main')],
      false,
      'Running',
    ],
    [
      'a sidecar restarting does not make a running pod Pending',
      pod('Always', [SIDECAR]),
      [waiting('sidecar', 1)],
      [running('main')],
      false,
      'Running',
    ],
    [
      'a sidecar that has not started yet after the mains ran does not either',
      pod('Always', [SIDECAR]),
      [running('sidecar', false)],
      [running('main')],
      false,
      'Running',
    ],
    [
      'a running sidecar keeps a pod whose main container is done Running',
      pod('Never', [SIDECAR]),
      [running('sidecar')],
      [exited('main', 0)],
      false,
      'Running',
    ],
    [
      'a stopped sidecar does not count: the main container decides',
      pod('Never', [SIDECAR]),
      [exited('sidecar', 137)],
      [exited('main', 0)],
      false,
      'Succeeded',
    ],
    [
      'the main container failed, restart policy Never',
      pod('Never', [SIDECAR]),
      [exited('sidecar', 0)],
      [exited('main', 1)],
      false,
      'Failed',
    ],
    [
      'an init container still running',
      pod('Always', [INIT]),
      [running('init')],
      [waiting('main')],
      false,
      'Pending',
    ],
    [
      'an init container failed, restart policy Never',
      pod('Never', [INIT]),
      [exited('init', 1)],
      [waiting('main')],
      false,
      'Failed',
    ],
    [
      'an init container failed, to be restarted',
      pod('Always', [INIT]),
      [waiting('init', 1)],
      [waiting('main')],
      false,
      'Pending',
    ],
    ['restart policy Always, all exited', pod('Always', []), [], [exited('main', 1)], false, 'Running'],
    [
      'the pod is terminal: exits decide whatever the restart policy',
      pod('Always', []),
      [],
      [exited('main', 0)],
      true,
      'Succeeded',
    ],
    [
      'a terminal static pod does not get a terminal phase',
      pod('Always', [], { 'kubernetes.io/config.source': 'file' }),
      [],
      [exited('main', 0)],
      true,
      'Running',
    ],
  ];
  it.each(cases)('%s', (_name, p, init, regular, terminal, phase) => {
    expect(podPhase(p, init, regular, terminal)).toBe(phase);
  });
});
