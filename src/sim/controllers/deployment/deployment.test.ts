import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { EventRecorder } from '../../client/events';
import { computeHash } from './hash';
import { DEPLOYMENTS, deploymentManifest, testbed } from './testing';

let spy: MockInstance<EventRecorder['event']>;
beforeEach(() => {
  spy = vi.spyOn(EventRecorder.prototype, 'event');
});
afterEach(() => vi.restoreAllMocks());
/** `reason: message` of every event the controller recorded, in order. */
const recorded = () => spy.mock.calls.map(([, , reason, message]) => `${reason}: ${message}`);

/** The conditions as `kubectl describe` lists them: type, status, reason, message. */
function conditions(
  status: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } | undefined,
) {
  return (status?.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]);
}

describe('deployment controller: a new Deployment', () => {
  it('creates its ReplicaSet <name>-<pod-template-hash>, owned, labelled and annotated', () => {
    const t = testbed();
    const d = t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ replicas: 3 }));
    t.run();
    const [rs, ...others] = t.replicaSets();
    expect(others).toEqual([]);
    const hash = computeHash((d.spec as { template: unknown }).template);
    expect(rs?.metadata).toMatchObject({
      name: `web-${hash}`,
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/revision': '1',
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(rs?.metadata.name).toMatch(/^web-[456789bcdf]{1,10}$/);
    expect(rs?.spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } } },
    });
    expect(t.getDeployment().metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
    });
    expect(recorded()).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('records its events as deployment-controller, about the Deployment', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest());
    t.run();
    const [event] = t.events();
    expect(event).toMatchObject({
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${t.replicaSets()[0]?.metadata.name ?? ''} from 0 to 3`,
      source: { component: 'deployment-controller' },
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' },
    });
  });

  it('makes every request because of the watch event that woke it', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest());
    t.run();
    const create = t.steps.find(
      (s) =>
        s.kind === 'request' && s.summary.startsWith('POST /apis/apps/v1/namespaces/default/replicasets'),
    );
    const cause = t.steps.find((s) => s.id === create?.causedBy);
    expect(cause).toMatchObject({ kind: 'watch', to: 'control-plane/kube-controller-manager' });
  });

  it('reports status and conditions as its ReplicaSet becomes available, as kubectl rollout status reads them', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ replicas: 4 }));
    t.run();
    const rs = t.replicaSets()[0]?.metadata.name ?? '';
    let status = t.getDeployment().status;
    expect(status).toMatchObject({ observedGeneration: 1, unavailableReplicas: 4 });
    expect(conditions(status)).toEqual([
      ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rs}"`],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ]);

    t.setStatus(rs, 2, 4);
    t.run();
    status = t.getDeployment().status;
    expect(status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 2,
    });
    expect(conditions(status)).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`],
    ]);

    t.setStatus(rs);
    t.run();
    status = t.getDeployment().status;
    expect(status).toEqual({
      observedGeneration: 1,
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      conditions: expect.any(Array),
    });
    expect(conditions(status)).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs}" has successfully progressed.`],
    ]);
  });

  it('reports ProgressDeadlineExceeded once progressDeadlineSeconds pass without progress', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ progressDeadlineSeconds: 30 }));
    t.run(1_000);
    const rs = t.replicaSets()[0]?.metadata.name ?? '';
    t.kernel.runUntil(29_000);
    const progressing = () => conditions(t.getDeployment().status).find(([type]) => type === 'Progressing');
    expect(progressing()).toEqual([
      'Progressing',
      'True',
      'NewReplicaSetCreated',
      `Created new replica set "${rs}"`,
    ]);
    // Nothing changes in the cluster: the controller requeued itself for the deadline.
    t.kernel.runUntil(32_000);
    expect(progressing()).toEqual([
      'Progressing',
      'False',
      'ProgressDeadlineExceeded',
      `ReplicaSet "${rs}" has timed out progressing.`,
    ]);
    const condition = t.getDeployment().status?.conditions?.find((c) => c.type === 'Progressing');
    expect(condition?.lastUpdateTime).toBe('2025-01-01T00:00:31Z');
  });
});
