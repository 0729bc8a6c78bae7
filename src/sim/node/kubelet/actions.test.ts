import type { Container, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import type { ContainerStatus } from '../cri/types';
import { computePodActions } from './actions';
import type { KubeletContext, PodRecord } from './context';
import { ProbeManager } from './prober/manager';

const EXEC: Probe = { exec: { command: ['true'] } };
const SIDECAR: Container = { name: 'sidecar', image: 'busybox', restartPolicy: 'Always' };
const PROBED_SIDECAR: Container = { ...SIDECAR, startupProbe: EXEC };
const INIT: Container = { name: 'init', image: 'busybox' };
const MAIN: Container = { name: 'main', image: 'busybox', livenessProbe: EXEC };

type State = 'running' | 'exited0' | 'exited1';

function record(restartPolicy: string, init: Container[], states: Record<string, State>): PodRecord {
  const containers = new Map<string, ContainerStatus[]>();
  for (const [name, state] of Object.entries(states)) {
    containers.set(name, [
      {
        id: `${name}-id`,
        name,
        state: state === 'running' ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
        exitCode: state === 'exited1' ? 1 : 0,
      } as ContainerStatus,
    ]);
  }
  return {
    uid: 'uid',
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { restartPolicy, initContainers: init, containers: [MAIN] },
    },
    apiStatus: {},
    deleted: false,
    isStatic: false,
    admitted: true,
    mirror: null,
    sandbox: null,
    containers,
    failures: new Map(),
    terminal: false,
    killed: false,
    startTime: null,
    queued: null,
    busy: false,
    pending: null,
    retry: null,
  };
}

function probes(results: {
  startup?: Record<string, string>;
  liveness?: Record<string, string>;
}): ProbeManager {
  const ctx = { kernel: new Kernel({ seed: 1, epoch: 0 }), id: 'node-1/kubelet', requestSync: () => {} };
  const manager = new ProbeManager(ctx as unknown as KubeletContext, () => undefined);
  const r = record('Always', [], {});
  for (const [id, result] of Object.entries(results.startup ?? {}))
    manager.startup.set(id, result as 'Success', r, null);
  for (const [id, result] of Object.entries(results.liveness ?? {}))
    manager.liveness.set(id, result as 'Success', r, null);
  return manager;
}

describe('computePodActions', () => {
  const cases: {
    name: string;
    policy?: string;
    init: Container[];
    states: Record<string, State>;
    results?: { startup?: Record<string, string>; liveness?: Record<string, string> };
    expected: { initStart: string[]; start: string[]; kill: string[]; killPod: boolean };
  }[] = [
    {
      name: 'a new pod starts its first init container (a sidecar)',
      init: [SIDECAR, INIT],
      states: {},
      expected: { initStart: ['sidecar'], start: [], kill: [], killPod: false },
    },
    {
      name: 'a running sidecar without a startup probe lets the next init container start',
      init: [SIDECAR, INIT],
      states: { sidecar: 'running' },
      expected: { initStart: ['init'], start: [], kill: [], killPod: false },
    },
    {
      name: 'a sidecar waits for its startup probe',
      init: [PROBED_SIDECAR, INIT],
      states: { sidecar: 'running' },
      results: { startup: { 'sidecar-id': 'Unknown' } },
      expected: { initStart: [], start: [], kill: [], killPod: false },
    },
    {
      name: 'a sidecar that failed its startup probe is killed and started again',
      init: [PROBED_SIDECAR, INIT],
      states: { sidecar: 'running' },
      results: { startup: { 'sidecar-id': 'Failure' } },
      expected: {
        initStart: ['sidecar'],
        start: [],
        kill: ['Init container sidecar failed startup probe'],
        killPod: false,
      },
    },
    {
      name: 'once the last init container succeeded the main containers start',
      init: [PROBED_SIDECAR, INIT],
      states: { sidecar: 'running', init: 'exited0' },
      results: { startup: { 'sidecar-id': 'Success' } },
      expected: { initStart: [], start: ['main'], kill: [], killPod: false },
    },
    {
      name: 'a sidecar that exited after initialization is restarted beside the running main container',
      init: [SIDECAR, INIT],
      states: { sidecar: 'exited0', init: 'exited0', main: 'running' },
      expected: { initStart: ['sidecar'], start: [], kill: [], killPod: false },
    },
    {
      name: 'a failed liveness probe kills and restarts the main container',
      init: [],
      states: { main: 'running' },
      results: { liveness: { 'main-id': 'Failure' } },
      expected: {
        initStart: [],
        start: ['main'],
        kill: ['Container main failed liveness probe, will be restarted'],
        killPod: false,
      },
    },
    {
      name: 'with restart policy Never a failed liveness probe leaves nothing to run: the pod is killed',
      policy: 'Never',
      init: [],
      states: { main: 'running' },
      results: { liveness: { 'main-id': 'Failure' } },
      expected: { initStart: [], start: [], kill: ['Container main failed liveness probe'], killPod: true },
    },
    {
      name: 'sidecars do not keep a pod whose main containers are done alive',
      policy: 'Never',
      init: [SIDECAR],
      states: { sidecar: 'running', main: 'exited0' },
      expected: { initStart: [], start: [], kill: [], killPod: true },
    },
    {
      name: 'an init container that failed with restart policy Never kills the pod',
      policy: 'Never',
      init: [INIT],
      states: { init: 'exited1' },
      expected: { initStart: [], start: [], kill: [], killPod: true },
    },
  ];
  it.each(cases)('$name', ({ policy, init, states, results, expected }) => {
    const actions = computePodActions(record(policy ?? 'Always', init, states), probes(results ?? {}));
    expect({
      initStart: actions.initStart.map((c) => c.name),
      start: actions.start.map((c) => c.name),
      kill: actions.kill.map((k) => k.message),
      killPod: actions.killPod,
    }).toEqual(expected);
  });
});
