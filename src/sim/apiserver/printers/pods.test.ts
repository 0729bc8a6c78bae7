import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { MIN, NOW, SEC, cs, pod, print, restarted, row, running } from './pod-fixtures';
import { podPrinter, podTemplatePrinter } from './pods';

describe('pod columns', () => {
  it('matches kube-apiserver v1.32', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
  });
});

describe('pod STATUS, READY and RESTARTS', () => {
  it.each<[string, Pod, unknown[]]>([
    ['pending, not yet scheduled', pod({ phase: 'Pending' }), ['web', '0/1', 'Pending', '0', '10m']],
    [
      'scheduling gated',
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      ['web', '0/1', 'SchedulingGated', '0', '10m'],
    ],
    [
      'creating containers',
      pod({
        phase: 'Pending',
        containerStatuses: [cs('c0', { state: { waiting: { reason: 'ContainerCreating' } } })],
      }),
      ['web', '0/1', 'ContainerCreating', '0', '10m'],
    ],
    [
      'running and ready',
      pod({ phase: 'Running', containerStatuses: [cs('c0', { ready: true, state: running })] }),
      ['web', '1/1', 'Running', '0', '10m'],
    ],
    [
      'running, one of two ready',
      pod(
        {
          phase: 'Running',
          containerStatuses: [cs('c0', { ready: true, state: running }), cs('c1', { state: running })],
        },
        { containers: 2 },
      ),
      ['web', '1/2', 'Running', '0', '10m'],
    ],
    [
      'crash looping, with the last restart time',
      pod({
        phase: 'Running',
        containerStatuses: [
          cs('c0', {
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
            ...restarted(5, 5 * MIN),
          }),
        ],
      }),
      ['web', '0/1', 'CrashLoopBackOff', '5 (5m ago)', '10m'],
    ],
    [
      'image pull errors',
      pod({
        phase: 'Pending',
        containerStatuses: [cs('c0', { state: { waiting: { reason: 'ErrImagePull' } } })],
      }),
      ['web', '0/1', 'ErrImagePull', '0', '10m'],
    ],
    [
      'image pull back-off',
      pod({
        phase: 'Pending',
        containerStatuses: [cs('c0', { state: { waiting: { reason: 'ImagePullBackOff' } } })],
      }),
      ['web', '0/1', 'ImagePullBackOff', '0', '10m'],
    ],
    [
      'the first container’s reason wins',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            cs('c0', { state: { waiting: { reason: 'CreateContainerConfigError' } } }),
            cs('c1', { state: { terminated: { exitCode: 1, reason: 'Error' } } }),
          ],
        },
        { containers: 2 },
      ),
      ['web', '0/2', 'CreateContainerConfigError', '0', '10m'],
    ],
    [
      'completed',
      pod({
        phase: 'Succeeded',
        containerStatuses: [cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
      }),
      ['web', '0/1', 'Completed', '0', '10m'],
    ],
    [
      'failed with an error',
      pod({
        phase: 'Failed',
        containerStatuses: [cs('c0', { state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      }),
      ['web', '0/1', 'Error', '0', '10m'],
    ],
    [
      'OOM killed',
      pod({
        phase: 'Running',
        containerStatuses: [
          cs('c0', {
            state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
            ...restarted(1, 30 * SEC),
          }),
        ],
      }),
      ['web', '0/1', 'OOMKilled', '1 (30s ago)', '10m'],
    ],
    [
      'terminated without a reason: exit code',
      pod({ phase: 'Running', containerStatuses: [cs('c0', { state: { terminated: { exitCode: 2 } } })] }),
      ['web', '0/1', 'ExitCode:2', '0', '10m'],
    ],
    [
      'terminated without a reason: signal',
      pod({
        phase: 'Running',
        containerStatuses: [cs('c0', { state: { terminated: { exitCode: 137, signal: 9 } } })],
      }),
      ['web', '0/1', 'Signal:9', '0', '10m'],
    ],
    [
      'completed container next to a running one, pod not ready',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            cs('c0', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs('c1', { ready: true, state: running }),
          ],
        },
        { containers: 2 },
      ),
      ['web', '1/2', 'NotReady', '0', '10m'],
    ],
    [
      'completed container next to a running one, pod ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            cs('c0', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs('c1', { ready: true, state: running }),
          ],
        },
        { containers: 2 },
      ),
      ['web', '1/2', 'Running', '0', '10m'],
    ],
    [
      'status.reason overrides the phase',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      ['web', '0/1', 'Evicted', '0', '10m'],
    ],
    [
      'restarts add up and show the latest finish',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            cs('c0', { ready: true, state: running, ...restarted(6, 5 * 24 * 3600 * SEC) }),
            cs('c1', { ready: true, state: running, ...restarted(3, 20 * 24 * 3600 * SEC) }),
          ],
        },
        { containers: 2 },
      ),
      ['web', '2/2', 'Running', '9 (5d ago)', '10m'],
    ],
    [
      'restarts without a finish time',
      pod({
        phase: 'Running',
        containerStatuses: [cs('c0', { ready: true, state: running, restartCount: 2 })],
      }),
      ['web', '1/1', 'Running', '2', '10m'],
    ],
  ])('%s', (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe('deletion', () => {
  it.each<[string, Pod, string]>([
    ['running pod being deleted', pod({ phase: 'Running' }, { deleting: true }), 'Terminating'],
    ['pending pod being deleted', pod({ phase: 'Pending' }, { deleting: true }), 'Terminating'],
    [
      'finished pods keep their status',
      pod(
        {
          phase: 'Succeeded',
          containerStatuses: [cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        },
        { deleting: true },
      ),
      'Completed',
    ],
    ['failed pods keep their status', pod({ phase: 'Failed' }, { deleting: true }), 'Failed'],
    ['lost node', pod({ phase: 'Running', reason: 'NodeLost' }, { deleting: true }), 'Unknown'],
    ['NodeLost without deletion', pod({ phase: 'Running', reason: 'NodeLost' }), 'NodeLost'],
  ])('%s', (_name, p, status) => {
    expect(row(p)[2]).toBe(status);
  });
});

describe('row conditions', () => {
  it('marks finished pods Completed', () => {
    expect(print(pod({ phase: 'Succeeded' })).conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
    expect(print(pod({ phase: 'Failed' })).conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    expect(print(pod({ phase: 'Running' })).conditions).toBeUndefined();
  });
});

describe('wide columns', () => {
  it.each<[string, Pod, unknown[]]>([
    ['nothing known yet', pod({ phase: 'Pending' }), ['<none>', '<none>', '<none>', '<none>']],
    [
      'scheduled, with an IP, a nominated node and readiness gates',
      {
        ...pod({
          phase: 'Running',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }],
          nominatedNodeName: 'node-3',
          conditions: [
            { type: 'example.com/lb', status: 'True' },
            { type: 'example.com/dns', status: 'False' },
          ],
        }),
        spec: {
          nodeName: 'node-1',
          containers: [{ name: 'c0' }],
          readinessGates: [
            { conditionType: 'example.com/lb' },
            { conditionType: 'example.com/dns' },
            { conditionType: 'example.com/missing' },
          ],
        },
      },
      ['10.244.1.5', 'node-1', 'node-3', '1/3'],
    ],
    [
      'podIPs only',
      pod({ phase: 'Running', podIPs: [{ ip: '10.0.0.9' }] }),
      ['10.0.0.9', '<none>', '<none>', '<none>'],
    ],
  ])('%s', (_name, p, expected) => {
    expect(print(p).cells.slice(5)).toEqual(expected);
  });

  it('prints <unknown> age without a creation timestamp', () => {
    const p = pod({ phase: 'Running' });
    expect(row({ ...p, metadata: { name: 'web' } })[4]).toBe('<unknown>');
  });
});

describe('pod templates', () => {
  it('prints containers, images and pod labels', () => {
    const template = {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 'tpl' },
      template: {
        metadata: { labels: { run: 'tpl', app: 'x' } },
        spec: {
          containers: [
            { name: 'a', image: 'nginx' },
            { name: 'b', image: 'redis:7' },
          ],
        },
      },
    };
    expect(podTemplatePrinter.columns.map((c) => c.name)).toEqual([
      'Name',
      'Containers',
      'Images',
      'Pod Labels',
    ]);
    expect(podTemplatePrinter.print(template, NOW).cells).toEqual([
      'tpl',
      'a,b',
      'nginx,redis:7',
      'app=x,run=tpl',
    ]);
  });
});
