import { describe, expect, it } from 'vitest';
import { findMatchingVolume } from './helpers';
import { makeClaim, makeVolume } from './testing';
import { accessModesKey, findBestMatchForClaim, matchingGroups } from './volume-index';

const RWO = 'ReadWriteOnce';
const ROX = 'ReadOnlyMany';
const RWX = 'ReadWriteMany';

/** The volumes of upstream's index tests, in the same spirit: pd-like (RWO,ROX) and nfs-like ones. */
const volumes = [
  makeVolume('gce-pd-1', { capacity: '1Gi', accessModes: [RWO, ROX] }),
  makeVolume('gce-pd-5', { capacity: '5Gi', accessModes: [RWO, ROX] }),
  makeVolume('gce-pd-10', { capacity: '10Gi', accessModes: [RWO, ROX] }),
  makeVolume('nfs-1', { capacity: '1Gi', accessModes: [RWO, ROX, RWX] }),
  makeVolume('nfs-5', { capacity: '5Gi', accessModes: [RWO, ROX, RWX], labels: { 'should-exist': 'true' } }),
  makeVolume('nfs-10', { capacity: '10Gi', accessModes: [RWO, ROX, RWX] }),
  makeVolume('block-10', { capacity: '10Gi', volumeMode: 'Block' }),
  makeVolume('gold-5', { capacity: '5Gi', className: 'gold' }),
  makeVolume('taken-3', { capacity: '3Gi', claim: 'other/claim@uid-other', phase: 'Bound' }),
  makeVolume('reserved-20', { capacity: '20Gi', claim: 'default/reserved' }),
  makeVolume('deleting-3', { capacity: '3Gi', deleting: true }),
  makeVolume('released-3', { capacity: '3Gi', phase: 'Released' }),
];

describe('findBestMatchForClaim (PV controller)', () => {
  const cases: {
    name: string;
    claim: ReturnType<typeof makeClaim>;
    delayBinding?: boolean;
    pool?: string[];
    want: string | undefined;
  }[] = [
    { name: 'the smallest volume that fits', claim: makeClaim('c', { request: '3Gi' }), want: 'gce-pd-5' },
    { name: 'an exact size fits', claim: makeClaim('c', { request: '5Gi' }), want: 'gce-pd-5' },
    {
      name: 'fewest access modes first: RWO,ROX before RWO,ROX,RWX',
      claim: makeClaim('c', { request: '1Gi', accessModes: [ROX] }),
      want: 'gce-pd-1',
    },
    {
      name: 'RWX only from volumes that offer it',
      claim: makeClaim('c', { request: '3Gi', accessModes: [RWX] }),
      want: 'nfs-5',
    },
    { name: 'nothing big enough', claim: makeClaim('c', { request: '100Gi' }), want: undefined },
    {
      name: 'the selector narrows the search to labelled volumes',
      claim: makeClaim('c', { request: '1Gi', selector: { matchLabels: { 'should-exist': 'true' } } }),
      want: 'nfs-5',
    },
    {
      name: 'a selector nothing matches',
      claim: makeClaim('c', { selector: { matchLabels: { 'should-exist': 'false' } } }),
      want: undefined,
    },
    {
      name: 'the class must match',
      claim: makeClaim('c', { request: '2Gi', className: 'gold' }),
      want: 'gold-5',
    },
    {
      name: 'the beta class annotation wins over the spec',
      claim: makeClaim('c', {
        request: '2Gi',
        className: 'silver',
        annotations: { 'volume.beta.kubernetes.io/storage-class': 'gold' },
      }),
      want: 'gold-5',
    },
    {
      name: 'a block claim gets a block volume',
      claim: makeClaim('c', { volumeMode: 'Block' }),
      want: 'block-10',
    },
    {
      name: 'a volume pre-bound to the claim wins over smaller ones',
      claim: makeClaim('reserved', { request: '1Gi' }),
      want: 'reserved-20',
    },
    {
      name: 'delayed binding leaves unbound volumes to the scheduler',
      claim: makeClaim('c', { request: '3Gi' }),
      delayBinding: true,
      want: undefined,
    },
    {
      name: 'delayed binding still takes a pre-bound volume',
      claim: makeClaim('reserved', { request: '3Gi' }),
      delayBinding: true,
      want: 'reserved-20',
    },
    {
      name: 'bound, Released and deleted volumes are passed over for a bigger free one',
      claim: makeClaim('c', { request: '3Gi' }),
      pool: ['taken-3', 'deleting-3', 'released-3', 'gce-pd-10'],
      want: 'gce-pd-10',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pool =
        c.pool === undefined ? volumes : volumes.filter((v) => c.pool?.includes(v.metadata.name ?? ''));
      expect(findBestMatchForClaim(c.claim, pool, c.delayBinding ?? false)?.metadata.name).toBe(c.want);
    });
  }
});

describe('findMatchingVolume (scheduler path)', () => {
  const onNode = (name: string) => ({
    required: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [name] }] },
      ],
    },
  });
  const local = [
    makeVolume('local-1', { capacity: '5Gi', nodeAffinity: onNode('node-1') }),
    makeVolume('local-2', { capacity: '10Gi', nodeAffinity: onNode('node-2') }),
    makeVolume('rox-20', { capacity: '20Gi', accessModes: [ROX] }),
    makeVolume('reserved-1', { capacity: '1Gi', claim: 'default/reserved', nodeAffinity: onNode('node-1') }),
  ];
  const fits = (node: string) => (v: (typeof local)[number]) =>
    v.spec?.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values?.[0] === node ||
    v.spec?.nodeAffinity === undefined;
  const cases = [
    {
      name: 'the node affinity must admit the node',
      claim: makeClaim('c', { request: '2Gi' }),
      node: 'node-2',
      want: 'local-2',
    },
    {
      name: 'on node-1 the smaller local volume',
      claim: makeClaim('c', { request: '2Gi' }),
      node: 'node-1',
      want: 'local-1',
    },
    {
      name: 'access modes are checked on the scheduler path',
      claim: makeClaim('c', { request: '12Gi' }),
      node: 'node-1',
      want: undefined,
    },
    {
      name: 'a pre-bound volume on another node means no match',
      claim: makeClaim('reserved'),
      node: 'node-2',
      want: undefined,
    },
    {
      name: 'volumes chosen for other claims are excluded',
      claim: makeClaim('c', { request: '2Gi' }),
      node: 'node-1',
      excluded: ['local-1'],
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const match = findMatchingVolume(c.claim, local, {
        delayBinding: true,
        nodeAffinityOk: fits(c.node),
        excluded: new Set(c.excluded ?? []),
      });
      expect(match?.metadata.name).toBe(c.want);
    });
  }
});

describe('access-mode groups', () => {
  it('print modes as kubectl does and order groups by how many modes they offer', () => {
    expect(accessModesKey([RWX, RWO, RWO])).toBe('RWO,RWX');
    const groups = matchingGroups([RWO], volumes).map((g) => accessModesKey(g[0]?.spec?.accessModes));
    expect(groups).toEqual(['RWO', 'RWO,ROX', 'RWO,ROX,RWX']);
    expect(matchingGroups([RWX], volumes).map((g) => g.length)).toEqual([3]);
  });
});
