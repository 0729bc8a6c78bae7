import { describe, expect, it } from 'vitest';
import { lastRevision, maxRevision, setNewReplicaSetAnnotations } from './revision';
import type { Deployment, ReplicaSet } from './types';

function deployment(annotations: Record<string, string> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations },
    spec: {
      replicas: 4,
      selector: {},
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  };
}

function replicaSet(annotations?: Record<string, string>): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-x', ...(annotations === undefined ? {} : { annotations }) },
    spec: { selector: {} },
  };
}

const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';

describe('revision annotations', () => {
  it.each([
    // current annotations, new revision, exists, history limit, want annotations (subset), changed
    [
      'a new ReplicaSet',
      undefined,
      '1',
      false,
      2000,
      {
        [REVISION]: '1',
        'deployment.kubernetes.io/desired-replicas': '4',
        'deployment.kubernetes.io/max-replicas': '5',
      },
      true,
    ],
    [
      'rolled back to: revision raised, old one kept',
      { [REVISION]: '1' },
      '3',
      true,
      2000,
      { [REVISION]: '3', [HISTORY]: '1' },
      true,
    ],
    [
      'history grows',
      { [REVISION]: '3', [HISTORY]: '1' },
      '5',
      true,
      2000,
      { [REVISION]: '5', [HISTORY]: '1,3' },
      true,
    ],
    [
      'history drops its oldest past the limit',
      { [REVISION]: '30', [HISTORY]: '10,20' },
      '40',
      true,
      6,
      { [REVISION]: '40', [HISTORY]: '20,30' },
      true,
    ],
    ['never lowered', { [REVISION]: '7' }, '3', true, 2000, { [REVISION]: '7' }, false],
    [
      'an unparsable revision is left alone',
      { [REVISION]: 'x' },
      '3',
      true,
      2000,
      { [REVISION]: 'x' },
      false,
    ],
  ] as const)('%s', (_name, annotations, revision, exists, limit, want, changed) => {
    const rs = replicaSet(annotations === undefined ? undefined : { ...annotations });
    expect(setNewReplicaSetAnnotations(deployment(), rs, revision, exists, limit)).toBe(changed);
    expect(rs.metadata.annotations).toMatchObject(want);
  });

  it("copies the Deployment's annotations but the controller's own and kubectl's last-applied", () => {
    const d = deployment({
      'kubernetes.io/change-cause': 'kubectl set image deployment/web nginx=nginx:1.28',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      [REVISION]: '9',
      team: 'a',
    });
    const rs = replicaSet();
    setNewReplicaSetAnnotations(d, rs, '2', true);
    expect(rs.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image deployment/web nginx=nginx:1.28',
      team: 'a',
      [REVISION]: '2',
    });
  });

  it('finds the highest and the previous revision', () => {
    const rss = ['1', '4', 'bad', '3'].map((r) => replicaSet({ [REVISION]: r }));
    expect(maxRevision(rss)).toBe(4);
    expect(lastRevision(rss)).toBe(3);
  });
});
