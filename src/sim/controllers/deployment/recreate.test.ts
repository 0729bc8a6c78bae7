import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { EventRecorder } from '../../client/events';
import { DEPLOYMENTS, PODS, deploymentManifest, testbed } from './testing';

let spy: MockInstance<EventRecorder['event']>;
beforeEach(() => {
  spy = vi.spyOn(EventRecorder.prototype, 'event');
});
afterEach(() => vi.restoreAllMocks());
const recorded = () => spy.mock.calls.map(([, , reason, message]) => `${reason}: ${message}`);

const NEW_IMAGE = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } };

describe('deployment controller: Recreate', () => {
  it('scales old ReplicaSets to zero, waits for their pods to be gone, then scales up the new one', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ strategy: { type: 'Recreate' } }));
    t.rollOut(2);
    const [old] = t.replicaSets();
    const oldName = old?.metadata.name ?? '';
    // One of the old ReplicaSet's pods, still running (Pending counts: it is not terminal).
    const hash = old?.metadata.labels?.['pod-template-hash'] ?? '';
    t.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${oldName}-abcde`,
        labels: { app: 'web', 'pod-template-hash': hash },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: oldName,
            uid: old?.metadata.uid,
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    });

    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', NEW_IMAGE);
    t.run();
    expect(t.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas])).toEqual([[oldName, 0]]);

    // The old ReplicaSet reports no pods, but its pod object is still there.
    t.setStatus(oldName);
    t.run();
    expect(t.replicaSets()).toHaveLength(1);

    t.client.delete(PODS, 'default', `${oldName}-abcde`);
    t.run();
    const [, current] = t.replicaSets();
    expect(current?.spec.replicas).toBe(3);
    expect(current?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(recorded()).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldName} from 0 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 3 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${current?.metadata.name ?? ''} from 0 to 3`,
    ]);

    t.rollOut(2);
    const status = t.getDeployment().status;
    expect(status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['Available', 'MinimumReplicasAvailable'],
      ['Progressing', 'NewReplicaSetAvailable'],
    ]);
  });
});

describe('deployment controller: paused', () => {
  it('only scales a paused Deployment, and rolls out its changes once resumed', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest());
    t.rollOut(2);
    const [first] = t.replicaSets();
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: true } });
    t.run();
    const progressing = () => t.getDeployment().status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing()).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });

    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', { spec: { replicas: 5, ...NEW_IMAGE.spec } });
    t.rollOut(2);
    expect(t.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas])).toEqual([
      [first?.metadata.name, 5],
    ]);
    expect(t.getDeployment().status).toMatchObject({
      observedGeneration: 3,
      replicas: 5,
      availableReplicas: 5,
    });
    expect(progressing()?.reason).toBe('DeploymentPaused');

    t.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: false } });
    // Event by event, the Progressing condition goes through DeploymentResumed.
    const reasons: string[] = [];
    while (t.kernel.nextEventTime() === t.kernel.clock.now() && t.kernel.step()) {
      const condition = progressing();
      if (condition !== undefined && reasons.at(-1) !== condition.reason)
        reasons.push(condition.reason ?? '');
    }
    expect(reasons.slice(0, 2)).toEqual(['DeploymentPaused', 'DeploymentResumed']);
    expect(t.getDeployment().status?.conditions?.find((c) => c.reason === 'DeploymentResumed')?.message).toBe(
      'Deployment is resumed',
    );
    t.rollOut();
    const [, current] = t.replicaSets();
    expect(current?.spec.replicas).toBe(5);
    expect(current?.spec.template?.spec?.containers[0]?.image).toBe('nginx:1.28');
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });
});
