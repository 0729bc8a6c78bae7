/** Pod STATUS while init containers and sidecars run. */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { MIN, SEC, cs, pod, restarted, row, running } from './pod-fixtures';

describe('init containers', () => {
  const waitingApp = [cs('c0', { state: { waiting: { reason: 'PodInitializing' } } })];
  it.each<[string, Pod, unknown[]]>([
    [
      'first init container running',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [cs('init0', { state: running }), cs('init1', { state: { waiting: {} } })],
          containerStatuses: waitingApp,
        },
        { init: 2 },
      ),
      ['web', '0/1', 'Init:0/2', '0', '10m'],
    ],
    [
      'second init container running',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            cs('init0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs('init1', { state: running }),
          ],
          containerStatuses: waitingApp,
        },
        { init: 2 },
      ),
      ['web', '0/1', 'Init:1/2', '0', '10m'],
    ],
    [
      'init container waiting with PodInitializing counts as not started',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [cs('init0', { state: { waiting: { reason: 'PodInitializing' } } })],
          containerStatuses: waitingApp,
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Init:0/1', '0', '10m'],
    ],
    [
      'init container failed',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            cs('init0', {
              state: { terminated: { exitCode: 1, reason: 'Error' } },
              ...restarted(1, 20 * SEC),
            }),
          ],
          containerStatuses: waitingApp,
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Init:Error', '1 (20s ago)', '10m'],
    ],
    [
      'init container crash looping',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            cs('init0', { state: { waiting: { reason: 'CrashLoopBackOff' } }, ...restarted(3, 10 * SEC) }),
          ],
          containerStatuses: waitingApp,
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Init:CrashLoopBackOff', '3 (10s ago)', '10m'],
    ],
    [
      'init container exit code and signal without a reason',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [cs('init0', { state: { terminated: { exitCode: 3 } } })],
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Init:ExitCode:3', '0', '10m'],
    ],
    [
      'init container killed by a signal',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [cs('init0', { state: { terminated: { exitCode: 143, signal: 15 } } })],
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Init:Signal:15', '0', '10m'],
    ],
    [
      'init done, app container initializing',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            cs('init0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          ],
          containerStatuses: waitingApp,
        },
        { init: 1 },
      ),
      ['web', '0/1', 'PodInitializing', '0', '10m'],
    ],
    [
      'init done, running; init restarts no longer count',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            cs('init0', {
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
              ...restarted(2, 2 * MIN),
            }),
          ],
          containerStatuses: [cs('c0', { ready: false, state: running, ...restarted(4, 20 * SEC) })],
        },
        { init: 1 },
      ),
      ['web', '0/1', 'Running', '4 (20s ago)', '10m'],
    ],
    [
      'statuses with unknown names (no state yet) stop at the first',
      pod(
        {
          phase: 'Running',
          initContainerStatuses: [cs('ghost', {}), cs('init0', {})],
          containerStatuses: [cs('c0', {})],
        },
        { init: 1, sidecars: 1 },
      ),
      ['web', '0/2', 'Init:0/2', '0', '10m'],
    ],
  ])('%s', (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe('sidecars (restartable init containers)', () => {
  it.each<[string, Pod, unknown[]]>([
    [
      'sidecar running but not started yet',
      pod(
        {
          phase: 'Pending',
          conditions: [{ type: 'Initialized', status: 'False' }],
          initContainerStatuses: [
            cs('sidecar0', { state: running, started: false, ...restarted(3, 10 * SEC) }),
          ],
          containerStatuses: [cs('c0', { state: { waiting: { reason: 'PodInitializing' } } })],
        },
        { sidecars: 1 },
      ),
      ['web', '0/2', 'Init:0/1', '3 (10s ago)', '10m'],
    ],
    [
      'sidecar started and ready counts towards READY',
      pod(
        {
          phase: 'Running',
          conditions: [
            { type: 'Initialized', status: 'True' },
            { type: 'Ready', status: 'True' },
          ],
          initContainerStatuses: [
            cs('init0', { state: { terminated: { exitCode: 0, reason: 'Completed' } }, restartCount: 1 }),
            cs('sidecar0', { state: running, started: true, ready: true, ...restarted(2, 30 * SEC) }),
          ],
          containerStatuses: [cs('c0', { ready: true, state: running, ...restarted(1, 2 * MIN) })],
        },
        { init: 1, sidecars: 1 },
      ),
      ['web', '2/2', 'Running', '3 (30s ago)', '10m'],
    ],
    [
      'job pod with a sidecar killed after the main container completed',
      pod(
        {
          phase: 'Succeeded',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            cs('sidecar0', { state: { terminated: { exitCode: 137, reason: 'Error' } }, started: false }),
          ],
          containerStatuses: [cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        },
        { sidecars: 1 },
      ),
      ['web', '0/2', 'Completed', '0', '10m'],
    ],
  ])('%s', (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});
