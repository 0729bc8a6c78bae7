import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../apiserver/types';
import { EventRecorder } from '../../client/events';
import { CONTROLLER_MANAGER_ID, type ControllerDescriptor } from '../manager';
import { replicationController } from '.';
import { ReplicaSetController } from './controller';
import {
  PODS,
  podManifest,
  RCS,
  REPLICASETS,
  replicaSetManifest,
  running,
  setPodStatus,
  setup,
} from './testing';
import { REPLICA_SET, type WorkloadObject } from './types';

const KCM = CONTROLLER_MANAGER_ID;

afterEach(() => {
  vi.restoreAllMocks();
});

const recorded = (spy: { mock: { calls: unknown[][] } }, reason: string) =>
  spy.mock.calls.filter((c) => c[2] === reason).map((c) => c[3]);

describe('replicaset controller: scaling down', () => {
  it('deletes unscheduled, then pending, then not-ready pods, then those with more restarts', () => {
    const { cluster, client, run, pods } = setup();
    const recorder = vi.spyOn(EventRecorder.prototype, 'event');
    const app = { app: 'web' };
    client.create(PODS, 'default', podManifest('unscheduled', app));
    for (const [name, node] of [
      ['pending', 'node-1'],
      ['not-ready', 'node-1'],
      ['restarted', 'node-2'],
      ['steady', 'node-3'],
    ] as const)
      client.create(PODS, 'default', podManifest(name, app, node));
    const since = cluster.kernel.clock.timestamp();
    setPodStatus(client, 'not-ready', running(false, since));
    setPodStatus(client, 'restarted', running(true, since, 3));
    setPodStatus(client, 'steady', running(true, since));
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 5));
    run(1000);
    const live = () => pods().filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(live().map((p) => p.metadata.name)).toEqual([
      'not-ready',
      'pending',
      'restarted',
      'steady',
      'unscheduled',
    ]);

    for (const [replicas, victim] of [
      [4, 'unscheduled'],
      [3, 'pending'],
      [2, 'not-ready'],
      [1, 'restarted'],
    ] as const) {
      client.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas } });
      run(1000);
      expect(live()).toHaveLength(replicas);
      expect(live().map((p) => p.metadata.name)).not.toContain(victim);
    }
    expect(live().map((p) => p.metadata.name)).toEqual(['steady']);
    expect(recorded(recorder, 'SuccessfulDelete')).toEqual([
      'Deleted pod: unscheduled',
      'Deleted pod: pending',
      'Deleted pod: not-ready',
      'Deleted pod: restarted',
    ]);
  });

  it('deletes the newest of otherwise equal pods first', () => {
    const { client, run, pods } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 1));
    run(5000);
    const [oldest] = pods();
    client.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    run(5000);
    client.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    run(1000);
    expect(pods().map((p) => p.metadata.name)).toEqual([oldest?.metadata.name]);
  });
});

describe('replicaset controller: failures and limits', () => {
  it('stops a slow start at the first failing batch, reports it, and recovers', () => {
    const { cluster, client, run, pods, rs } = setup();
    const recorder = vi.spyOn(EventRecorder.prototype, 'event');
    const handle = cluster.apiserver.handle.bind(cluster.apiserver);
    let allowed = 3;
    let attempts = 0;
    const message =
      'pods "web-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3';
    vi.spyOn(cluster.apiserver, 'handle').mockImplementation((req: ApiRequest): ApiResponse => {
      if (req.method !== 'POST' || req.client !== KCM || !req.path.endsWith('/pods')) return handle(req);
      attempts++;
      if (allowed-- > 0) return handle(req);
      const body = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'Forbidden',
        code: 403,
      };
      return { status: 403, headers: { 'content-type': 'application/json' }, body };
    });
    const skipped: [string, number, number][] = [];
    cluster.kernel.trace.subscribe((s) => {
      if (s.summary.includes('slow-start failure'))
        skipped.push([s.summary, attempts, recorded(recorder, 'FailedCreate').length]);
    });
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 10));
    run(1000);
    // Batches of 1 and 2 succeed; the batch of 4 fails, and the last 3 pods are never tried.
    expect(skipped[0]).toEqual([
      'replicaset: slow-start failure: skipping creation of 7 pods for ReplicaSet default/web',
      7,
      4,
    ]);
    expect(pods()).toHaveLength(3);
    expect(new Set(recorded(recorder, 'FailedCreate'))).toEqual(new Set([`Error creating: ${message}`]));
    expect(rs('web').status).toMatchObject({
      replicas: 3,
      conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message }],
    });

    allowed = Number.POSITIVE_INFINITY;
    run(10_000);
    expect(pods()).toHaveLength(10);
    expect(rs('web').status).toEqual({ replicas: 10, fullyLabeledReplicas: 10, observedGeneration: 1 });
  });

  it('creates at most burstReplicas pods per sync', () => {
    const burst: ControllerDescriptor = {
      name: 'replicaset-controller',
      setup: (ctx) => void new ReplicaSetController(ctx, REPLICA_SET, 3),
    };
    const { client, steps, run, pods } = setup([burst]);
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 5));
    run(1000);
    expect(pods()).toHaveLength(5);
    expect(steps.filter((s) => s.summary.startsWith('replicaset: too few')).map((s) => s.summary)).toEqual([
      'replicaset: too few replicas for ReplicaSet default/web: need 5, have 0, creating 3',
      'replicaset: too few replicas for ReplicaSet default/web: need 5, have 3, creating 2',
    ]);
  });

  it('does not replace pods of a ReplicaSet being deleted', () => {
    const { client, run, pods } = setup();
    const manifest = replicaSetManifest('web', 2);
    client.create(REPLICASETS, 'default', {
      ...manifest,
      metadata: { ...manifest.metadata, finalizers: ['example.com/hold'] },
    });
    run(1000);
    client.delete(REPLICASETS, 'default', 'web');
    run(1000);
    client.delete(PODS, 'default', pods()[0]?.metadata.name ?? '');
    run(1000);
    expect(pods()).toHaveLength(1);
  });
});

describe('replicationcontroller controller', () => {
  it('runs ReplicationControllers with the same code', () => {
    const { client, run, pods, events } = setup([replicationController]);
    const rc = client.create(RCS, 'default', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: {
        replicas: 2,
        selector: { app: 'legacy' },
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    });
    run(1000);
    const all = pods();
    expect(all).toHaveLength(2);
    for (const pod of all) {
      expect(pod.metadata.name).toMatch(/^legacy-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'v1',
          kind: 'ReplicationController',
          name: 'legacy',
          uid: rc.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(client.get<WorkloadObject>(RCS, 'default', 'legacy').status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      observedGeneration: 1,
    });
    const event = events().find((e) => e.reason === 'SuccessfulCreate');
    expect(event?.source?.component).toBe('replication-controller');
    expect(event?.involvedObject).toMatchObject({ kind: 'ReplicationController', name: 'legacy' });
  });
});
