/** Conversion through the in-process apiserver: write at one version, read, list and watch at the other. */
import { describe, expect, it } from 'vitest';
import { testClient, type LooseJson, type TestClient } from '../testing';
import { BEHAVIOR, CONDITIONS, METRICS, scaleTargetRef } from './testdata';

const CORE_EVENTS = '/api/v1/namespaces/default/events';
const EVENTS_API = '/apis/events.k8s.io/v1/namespaces/default/events';
const HPA_V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const HPA_V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

const pod = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'p-1', apiVersion: 'v1' };

/** The object as etcd holds it. */
function stored(c: TestClient, key: string): LooseJson {
  const { kv } = c.cluster.etcd.get(key, { client: 'test' });
  return kv === null ? null : JSON.parse(kv.value);
}

function created(c: TestClient, path: string, body: unknown): LooseJson {
  const res = c.call('POST', path, body);
  expect(res.status).toBe(201);
  return res.body;
}

const eventsApiEvent = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'scheduled' },
  eventTime: '2025-01-01T00:00:00.000000Z',
  reportingController: 'default-scheduler',
  reportingInstance: 'default-scheduler-1',
  action: 'Binding',
  reason: 'Scheduled',
  regarding: pod,
  note: 'Successfully assigned default/web to node-1',
  type: 'Normal',
};

const coreEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'pulled' },
  involvedObject: pod,
  reason: 'Pulled',
  message: 'Container image "nginx" already present on machine',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-01T00:00:00Z',
  lastTimestamp: '2025-01-01T00:01:00Z',
  count: 2,
  type: 'Normal',
};

describe('Event: core v1 and events.k8s.io/v1 share /registry/events', () => {
  it('an events.k8s.io Event is stored and read back in core shape', () => {
    const c = testClient();
    const body = created(c, EVENTS_API, eventsApiEvent);
    expect(body).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: pod, note: eventsApiEvent.note });
    expect(stored(c, '/registry/events/default/scheduled')).toMatchObject({
      apiVersion: 'v1',
      involvedObject: pod,
      message: eventsApiEvent.note,
      reportingComponent: 'default-scheduler',
    });
    const core = c.call('GET', `${CORE_EVENTS}/scheduled`).body;
    expect(core).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      involvedObject: pod,
      message: eventsApiEvent.note,
      reason: 'Scheduled',
      action: 'Binding',
      eventTime: eventsApiEvent.eventTime,
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-1',
      type: 'Normal',
    });
    for (const field of ['regarding', 'note', 'reportingController', 'source', 'count']) {
      expect(core).not.toHaveProperty(field);
    }
    expect(core.metadata.resourceVersion).toBe(body.metadata.resourceVersion);
  });

  it('a core Event reads through events.k8s.io with the deprecated* fields', () => {
    const c = testClient();
    created(c, CORE_EVENTS, coreEvent);
    const ev = c.call('GET', `${EVENTS_API}/pulled`).body;
    expect(ev).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      regarding: pod,
      note: coreEvent.message,
      reason: 'Pulled',
      type: 'Normal',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2025-01-01T00:00:00Z',
      deprecatedLastTimestamp: '2025-01-01T00:01:00Z',
      deprecatedCount: 2,
    });
    for (const field of ['involvedObject', 'message', 'source', 'count', 'reportingController']) {
      expect(ev).not.toHaveProperty(field);
    }
  });

  it('lists and watches each version in its own shape', () => {
    const c = testClient();
    const coreWatch = c.watch(`${CORE_EVENTS}?watch=true`);
    const apiWatch = c.watch(`${EVENTS_API}?watch=true`);
    created(c, CORE_EVENTS, coreEvent);
    created(c, EVENTS_API, eventsApiEvent);
    c.cluster.kernel.runUntil(1000);

    // List items carry no apiVersion: the shape tells the versions apart.
    const notes = (items: LooseJson[]) =>
      items.map((e) => `${e.metadata.name} ${e.regarding?.name} ${e.note}`);
    const messages = (items: LooseJson[]) =>
      items.map((e) => `${e.metadata.name} ${e.involvedObject?.name} ${e.message}`);
    const api = [`pulled web ${coreEvent.message}`, `scheduled web ${eventsApiEvent.note}`];
    expect(notes(c.call('GET', EVENTS_API).body.items)).toEqual(api);
    expect(messages(c.call('GET', CORE_EVENTS).body.items)).toEqual(api);
    expect(apiWatch.events.map((e) => e.object.apiVersion)).toEqual(['events.k8s.io/v1', 'events.k8s.io/v1']);
    expect(coreWatch.events.map((e) => e.object.apiVersion)).toEqual(['v1', 'v1']);
    expect(notes(apiWatch.events.map((e) => e.object))).toEqual(api);
    expect(messages(coreWatch.events.map((e) => e.object))).toEqual(api);
  });
});

const hpaV1 = {
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { scaleTargetRef, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
};

const memory = {
  type: 'Resource',
  resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } },
};
const cpu = (averageUtilization: number) => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } },
});
const behavior = { scaleDown: { stabilizationWindowSeconds: 120 } };

const hpaV2 = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'mem' },
  spec: { scaleTargetRef, minReplicas: 2, maxReplicas: 8, metrics: [memory, cpu(60)], behavior },
};

describe('HorizontalPodAutoscaler: autoscaling/v1 and autoscaling/v2 share one storage', () => {
  it('a v1 CPU target is stored and read as a v2 metric', () => {
    const c = testClient();
    const body = created(c, HPA_V1, hpaV1);
    expect(body.spec).toEqual({ ...hpaV1.spec, minReplicas: 1 });
    expect(stored(c, '/registry/horizontalpodautoscalers/default/web')).toMatchObject({
      apiVersion: 'autoscaling/v2',
      spec: { metrics: [cpu(50)] },
    });
    const v2 = c.call('GET', `${HPA_V2}/web`).body;
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec).toEqual({ scaleTargetRef, minReplicas: 1, maxReplicas: 5, metrics: [cpu(50)] });
  });

  it('v2 metrics and behavior read through v1 as a CPU target and annotations', () => {
    const c = testClient();
    created(c, HPA_V2, hpaV2);
    const v1 = c.call('GET', `${HPA_V1}/mem`).body;
    expect(v1.spec).toEqual({
      scaleTargetRef,
      minReplicas: 2,
      maxReplicas: 8,
      targetCPUUtilizationPercentage: 60,
    });
    expect(v1.metadata.annotations).toEqual({
      [METRICS]: '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"1Gi"}}]',
      [BEHAVIOR]: expect.stringContaining('"ScaleDown":{"StabilizationWindowSeconds":120'),
    });
  });

  it('a v1 client that reads, edits and writes back loses none of the v2 fields', () => {
    const c = testClient();
    const original = created(c, HPA_V2, hpaV2);
    const v1 = c.call('GET', `${HPA_V1}/mem`).body;
    const put = c.call('PUT', `${HPA_V1}/mem`, { ...v1, spec: { ...v1.spec, maxReplicas: 9 } });
    expect(put.status).toBe(200);
    expect(put.body.metadata.annotations[METRICS]).toBe(v1.metadata.annotations[METRICS]);
    const stored2 = stored(c, '/registry/horizontalpodautoscalers/default/mem');
    expect(stored2.metadata.annotations).toBeUndefined();
    const v2 = c.call('GET', `${HPA_V2}/mem`).body;
    expect(v2.spec.maxReplicas).toBe(9);
    expect(v2.spec.metrics).toEqual([memory, cpu(60)]);
    expect(v2.spec.behavior).toEqual(original.spec.behavior);
    expect(v2.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(120);
  });

  it('v2 status conditions read through v1 as the conditions annotation', () => {
    const c = testClient();
    const obj = created(c, HPA_V2, hpaV2);
    const condition = {
      type: 'AbleToScale',
      status: 'True',
      lastTransitionTime: '2025-01-01T00:00:00Z',
      reason: 'R',
    };
    const status = { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [], conditions: [condition] };
    expect(c.call('PUT', `${HPA_V2}/mem/status`, { ...obj, status }).status).toBe(200);
    const v1 = c.call('GET', `${HPA_V1}/mem`).body;
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 2 });
    expect(v1.metadata.annotations[CONDITIONS]).toBe(
      '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"R"}]',
    );
  });

  it('lists and watches each version in its own shape', () => {
    const c = testClient();
    const v1Watch = c.watch(`${HPA_V1}?watch=true`);
    const v2Watch = c.watch(`${HPA_V2}?watch=true`);
    created(c, HPA_V1, hpaV1);
    created(c, HPA_V2, hpaV2);
    c.cluster.kernel.runUntil(1000);

    // List items carry no apiVersion: the shape tells the versions apart.
    const targets = (items: readonly LooseJson[]) =>
      items.map(
        (o: LooseJson) =>
          `${o.metadata.name} ${JSON.stringify(o.spec.targetCPUUtilizationPercentage ?? o.spec.metrics)}`,
      );
    const v1 = ['mem 60', 'web 50'];
    const v2 = [`mem ${JSON.stringify([memory, cpu(60)])}`, `web ${JSON.stringify([cpu(50)])}`];
    expect(targets(c.call('GET', HPA_V1).body.items)).toEqual(v1);
    expect(targets(c.call('GET', HPA_V2).body.items)).toEqual(v2);
    expect(v1Watch.events.map((e) => `${e.type} ${e.object.apiVersion}`)).toEqual([
      'ADDED autoscaling/v1',
      'ADDED autoscaling/v1',
    ]);
    expect(v2Watch.events.map((e) => `${e.type} ${e.object.apiVersion}`)).toEqual([
      'ADDED autoscaling/v2',
      'ADDED autoscaling/v2',
    ]);
    expect(targets(v1Watch.events.map((e) => e.object))).toEqual([v1[1], v1[0]]);
    expect(targets(v2Watch.events.map((e) => e.object))).toEqual([v2[1], v2[0]]);

    // A change through one version is seen by the other's watchers in their own shape.
    const mem = c.call('GET', `${HPA_V1}/mem`).body;
    c.call('PUT', `${HPA_V1}/mem`, { ...mem, spec: { ...mem.spec, maxReplicas: 9 } });
    c.call('DELETE', `${HPA_V2}/web`);
    c.cluster.kernel.runUntil(2000);
    const [modified, deleted] = v2Watch.events.slice(2);
    expect(modified).toMatchObject({
      type: 'MODIFIED',
      object: { spec: { maxReplicas: 9, metrics: [memory, cpu(60)] } },
    });
    expect(deleted).toMatchObject({
      type: 'DELETED',
      object: { metadata: { name: 'web' }, spec: { metrics: [cpu(50)] } },
    });
    expect(v1Watch.events.slice(2)).toMatchObject([
      {
        type: 'MODIFIED',
        object: {
          apiVersion: 'autoscaling/v1',
          spec: { maxReplicas: 9, targetCPUUtilizationPercentage: 60 },
        },
      },
      {
        type: 'DELETED',
        object: { apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 50 } },
      },
    ]);
  });
});
