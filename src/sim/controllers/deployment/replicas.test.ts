import { describe, expect, it } from 'vitest';
import {
  getProportion,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  scaledValue,
} from './replicas';
import type { Deployment, ReplicaSet } from './types';

function deployment(
  replicas: number,
  surge: number | string,
  unavailable: number | string,
  type = 'RollingUpdate',
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
  } as Deployment;
}

function replicaSet(replicas: number, maxReplicas?: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `rs-${replicas}`,
      annotations:
        maxReplicas === undefined ? {} : { 'deployment.kubernetes.io/max-replicas': String(maxReplicas) },
    },
    spec: { replicas, selector: {} },
  };
}

describe('replica arithmetic', () => {
  it.each([
    // value, total, roundUp, want
    ['25%', 4, true, 1],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['39%', 10, true, 4],
    ['39%', 10, false, 3],
    [2, 10, false, 2],
  ] as const)('scales %j of %i (round up: %s) to %i', (value, total, up, want) => {
    expect(scaledValue(value, total, up)).toBe(want);
  });

  it('rejects strings that are not percentages', () => {
    expect(() => scaledValue('oops', 10, true)).toThrow(
      'invalid value for IntOrString: invalid type: string is not a percentage',
    );
  });

  it.each([
    // maxSurge, maxUnavailable, desired, [surge, unavailable]: upstream's ResolveFenceposts cases
    ['0%', '0%', 0, [0, 1]],
    ['39%', '39%', 10, [4, 3]],
    ['1%', '0%', 2, [1, 0]],
    ['0%', '1%', 2, [0, 1]],
    ['25%', '25%', 4, [1, 1]],
    [1, 0, 4, [1, 0]],
    [0, 1, 4, [0, 1]],
    [0, 0, 4, [0, 1]],
  ] as const)('resolves surge %j / unavailable %j of %i to %j', (surge, unavailable, desired, want) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual(want);
  });

  it('caps max unavailable at the replicas and has none for Recreate', () => {
    expect(maxUnavailable(deployment(2, 0, '100%'))).toBe(2);
    expect(maxUnavailable(deployment(0, 1, 1))).toBe(0);
    expect(maxSurge(deployment(4, 1, 1, 'Recreate'))).toBe(0);
    expect(maxUnavailable(deployment(4, 1, 1, 'Recreate'))).toBe(0);
  });

  it.each([
    // deployment replicas, surge, new RS replicas, old RS replicas, want: upstream's TestNewRSNewReplicas
    ['scales up to the surge', 1, 1, 0, 1, 1],
    ['cannot scale past max surge', 1, 1, 1, 1, 1],
    ['scales up what the surge allows', 10, 5, 2, 10, 5],
    ['never beyond the replicas', 4, 10, 0, 0, 4],
  ] as const)('new ReplicaSet replicas: %s', (_name, replicas, surge, newReplicas, oldReplicas, want) => {
    const d = deployment(replicas, surge, 0);
    const newRS = replicaSet(newReplicas);
    expect(newRSNewReplicas(d, [replicaSet(oldReplicas), newRS], newRS)).toBe(want);
  });

  it('a Recreate Deployment wants all its replicas in the new ReplicaSet at once', () => {
    const d = deployment(5, 0, 0, 'Recreate');
    expect(newRSNewReplicas(d, [replicaSet(0)], replicaSet(0))).toBe(5);
  });

  it.each([
    // rs replicas, its max-replicas annotation, deployment replicas, toAdd, added, want
    ['scale up: the fraction of the new size', 8, 13, 15, 5, 0, 3],
    ['scale up: what is left of the total', 5, 13, 15, 5, 3, 2],
    ['scale down: the fraction', 10, 13, 5, -8, 0, -4],
    ['scale down: no more than what is left', 10, 13, 5, -8, -6, -2],
    ['scale down to zero: everything', 4, 13, 0, -4, 0, -4],
    ['nothing left to add', 4, 13, 15, 5, 5, 0],
    ['an empty ReplicaSet gets nothing', 0, 13, 15, 5, 0, 0],
  ] as const)('proportion: %s', (_name, rsReplicas, max, replicas, toAdd, added, want) => {
    const d = deployment(replicas, 3, 2);
    expect(getProportion(replicaSet(rsReplicas, max), d, toAdd, added)).toBe(want);
  });
});
