import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { EventRecorder } from '../../client/events';
import { DEPLOYMENTS, REPLICASETS, deploymentManifest, testbed } from './testing';
import type { ReplicaSet } from './types';

let spy: MockInstance<EventRecorder['event']>;
beforeEach(() => {
  spy = vi.spyOn(EventRecorder.prototype, 'event');
});
afterEach(() => vi.restoreAllMocks());
const recorded = () => spy.mock.calls.map(([, , reason, message]) => `${reason}: ${message}`);

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const REVISION = 'deployment.kubernetes.io/revision';

/** What `kubectl rollout history` lists: revision and change-cause of each ReplicaSet. */
function history(rss: ReplicaSet[]) {
  return rss.map((rs) => [rs.metadata.annotations?.[REVISION], rs.metadata.annotations?.[CHANGE_CAUSE]]);
}

function image(tag: string) {
  return { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] } } } };
}

describe('deployment controller: revisions and history', () => {
  it('copies change-cause to each revision, and a rollback (kubectl rollout undo) makes the old ReplicaSet the next revision', () => {
    const t = testbed();
    t.client.create(
      DEPLOYMENTS,
      'default',
      deploymentManifest({}, { annotations: { [CHANGE_CAUSE]: 'create v1' } }),
    );
    t.rollOut();
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', {
      metadata: { annotations: { [CHANGE_CAUSE]: 'update to v2' } },
      ...image('1.28'),
    });
    t.rollOut();
    const [v1, v2] = t.replicaSets();
    expect(history(t.replicaSets())).toEqual([
      ['1', 'create v1'],
      ['2', 'update to v2'],
    ]);

    // What kubectl rollout undo does in v1.32: copy revision 1's template (without its hash
    // label) and annotations into the Deployment.
    const template = structuredClone(v1?.spec.template);
    delete template?.metadata?.labels?.['pod-template-hash'];
    const d = t.getDeployment();
    const annotations = {
      ...d.metadata.annotations,
      [CHANGE_CAUSE]: v1?.metadata.annotations?.[CHANGE_CAUSE],
    };
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'json', [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ]);
    t.rollOut();

    expect(t.replicaSets().map((rs) => rs.metadata.name)).toEqual([v2?.metadata.name, v1?.metadata.name]);
    expect(history(t.replicaSets())).toEqual([
      ['2', 'update to v2'],
      ['3', 'create v1'],
    ]);
    const back = t.replicaSet(v1?.metadata.name ?? '');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(back.spec.replicas).toBe(3);
    expect(t.replicaSet(v2?.metadata.name ?? '').spec.replicas).toBe(0);
    expect(t.getDeployment().metadata.annotations?.[REVISION]).toBe('3');
  });

  it('rolls out a kubectl rollout restart (a template annotation) as a new revision', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest());
    t.rollOut();
    const restartedAt = { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:01:00Z' };
    t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', {
      spec: { template: { metadata: { annotations: restartedAt } } },
    });
    t.rollOut();
    const [old, current] = t.replicaSets();
    expect(current?.metadata.annotations?.[REVISION]).toBe('2');
    expect(current?.spec.template?.metadata?.annotations).toEqual(restartedAt);
    expect([old?.spec.replicas, current?.spec.replicas]).toEqual([0, 3]);
  });

  it('deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit', () => {
    const t = testbed();
    t.client.create(DEPLOYMENTS, 'default', deploymentManifest({ revisionHistoryLimit: 1 }));
    t.rollOut();
    for (const tag of ['1.28', '1.29', '1.30']) {
      t.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', image(tag));
      t.rollOut();
    }
    const rss = t.replicaSets();
    expect(
      rss.map((rs) => [
        rs.metadata.annotations?.[REVISION],
        rs.spec.template?.spec?.containers[0]?.image,
        rs.spec.replicas,
      ]),
    ).toEqual([
      ['3', 'nginx:1.29', 0],
      ['4', 'nginx:1.30', 3],
    ]);
    expect(
      t.steps.filter(
        (s) =>
          s.kind === 'request' &&
          s.summary.startsWith('DELETE /apis/apps/v1/namespaces/default/replicasets/'),
      ),
    ).toHaveLength(2);
  });

  it('adopts a matching orphan ReplicaSet, and releases one that no longer matches', () => {
    const t = testbed();
    const manifest = deploymentManifest();
    const labels = { app: 'web', 'pod-template-hash': 'orphan' };
    t.client.create(REPLICASETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-orphan', labels },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: { ...manifest.spec.template, metadata: { labels } },
      },
    });
    const d = t.client.create(DEPLOYMENTS, 'default', manifest);
    t.run();
    // Its template is the Deployment's: it is adopted as the new ReplicaSet, nothing is created.
    expect(t.replicaSets().map((rs) => rs.metadata.name)).toEqual(['web-orphan']);
    const adopted = t.replicaSet('web-orphan');
    expect(adopted.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(adopted.metadata.annotations?.[REVISION]).toBe('1');
    expect(recorded()).toEqual([]);

    t.client.patch(REPLICASETS, 'default', 'web-orphan', 'merge', { metadata: { labels: { app: 'other' } } });
    t.run();
    expect(t.replicaSet('web-orphan').metadata.ownerReferences).toBeUndefined();
  });
});
