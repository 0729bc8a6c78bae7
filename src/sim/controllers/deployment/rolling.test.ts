import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { EventRecorder } from '../../client/events';
import { resolveFenceposts } from './replicas';
import { DEPLOYMENTS, deploymentManifest, testbed } from './testing';
import type { ReplicaSet } from './types';

let spy: MockInstance<EventRecorder['event']>;
beforeEach(() => {
  spy = vi.spyOn(EventRecorder.prototype, 'event');
});
afterEach(() => vi.restoreAllMocks());
const recorded = () => spy.mock.calls.map(([, , reason, message]) => `${reason}: ${message}`);

const NEW_IMAGE = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } };

/** A ReplicaSet's pods that stay available once its controller catches up with its size. */
const availableAfter = (rs: ReplicaSet) => Math.min(rs.spec.replicas ?? 0, rs.status?.availableReplicas ?? 0);

describe('deployment controller: RollingUpdate', () => {
  it.each([
    // maxSurge, maxUnavailable, replicas, [old, new] replicas after each round of pods becoming available
    [
      '25%',
      '25%',
      4,
      [
        [3, 2],
        [1, 4],
        [0, 4],
      ],
    ],
    [
      1,
      0,
      4,
      [
        [4, 1],
        [3, 2],
        [2, 3],
        [1, 4],
        [0, 4],
      ],
    ],
    [
      0,
      1,
      4,
      [
        [3, 1],
        [2, 2],
        [1, 3],
        [0, 4],
      ],
    ],
    [
      '50%',
      0,
      3,
      [
        [3, 2],
        [1, 3],
        [0, 3],
      ],
    ],
  ] as const)(
    'maxSurge %j, maxUnavailable %j, %i replicas: rolls out step by step within both',
    (surge, unavailable, replicas, rounds) => {
      const t = testbed();
      const strategy = {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable },
      };
      t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ replicas, strategy }));
      t.rollOut(2);
      t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', NEW_IMAGE);
      const [maxSurge, maxUnavailable] = resolveFenceposts(surge, unavailable, replicas);
      const seen: number[][] = [];
      for (let round = 0; round < 8; round++) {
        t.run();
        const [old, current] = t.replicaSets();
        if (old === undefined || current === undefined) throw new Error('expected two ReplicaSets');
        const sizes = [old.spec.replicas ?? 0, current.spec.replicas ?? 0];
        if (JSON.stringify(sizes) !== JSON.stringify(seen.at(-1))) seen.push(sizes);
        expect((sizes[0] ?? 0) + (sizes[1] ?? 0)).toBeLessThanOrEqual(replicas + maxSurge);
        expect(availableAfter(old) + availableAfter(current)).toBeGreaterThanOrEqual(
          replicas - maxUnavailable,
        );
        t.settleAll();
      }
      expect(seen).toEqual(rounds);
      const status = t.getDeployment().status;
      expect(status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
      expect(status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
        'NewReplicaSetAvailable',
      );
    },
  );

  it('records each scaling step as upstream words it', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ replicas: 4 }));
    t.rollOut(2);
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', NEW_IMAGE);
    t.rollOut();
    const [old, current] = t.replicaSets().map((rs) => rs.metadata.name ?? '');
    expect(recorded()).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${old} from 0 to 4`,
      `ScalingReplicaSet: Scaled up replica set ${current} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${current} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 3 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${current} from 2 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 1 to 0`,
    ]);
  });

  it('scales proportionally when resized mid-rollout', () => {
    const t = testbed();
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ replicas: 10, strategy }));
    t.rollOut(2);
    // A new image whose pods never become available: the rollout stalls at 8 old + 5 new.
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', NEW_IMAGE);
    const [oldName] = t.replicaSets().map((rs) => rs.metadata.name ?? '');
    for (let i = 0; i < 3; i++) {
      t.run();
      t.setStatus(oldName ?? '');
    }
    const [, stuck] = t.replicaSets();
    const newName = stuck?.metadata.name ?? '';
    const sizes = () => t.replicaSets().map((rs) => rs.spec.replicas);
    expect(sizes()).toEqual([8, 5]);

    spy.mockClear();
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 15 } });
    t.run();
    // 5 more (18 allowed - 13): 3 to the larger old ReplicaSet, 2 to the new one, by their share of 13.
    expect(sizes()).toEqual([11, 7]);
    expect(recorded()).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldName} from 8 to 11`,
      `ScalingReplicaSet: Scaled up replica set ${newName} from 5 to 7`,
    ]);
    for (const rs of t.replicaSets())
      expect(rs.metadata.annotations).toMatchObject({
        'deployment.kubernetes.io/desired-replicas': '15',
        'deployment.kubernetes.io/max-replicas': '18',
      });

    spy.mockClear();
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } });
    t.run();
    // Down to 8 allowed: 10 fewer, the larger (older first) ReplicaSet takes most.
    expect(sizes()).toEqual([5, 3]);
    expect(recorded()).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 11 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${newName} from 7 to 3`,
    ]);
  });
});
