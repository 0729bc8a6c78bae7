import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../apiserver/types';
import { InformerFactory } from '../../../client/factory';
import { ApiClient } from '../../../client/rest';
import { clusterWith } from '../../../controllers/testing';
import { makeClaim, makeClass, makeVolume } from '../../../controllers/pv-binder/testing';
import { PVCS, PVS, STORAGE_CLASSES, type Claim, type Volume } from '../../../controllers/pv-binder/types';
import { fakeHandle, makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  ERR_UNBOUND_IMMEDIATE,
  isSchedulableAfterClaimChange,
  isSchedulableAfterStorageClassChange,
  volumeBinding,
} from '.';

const NODES = [makeNode('node-1', { labels: { zone: 'a' } }), makeNode('node-2', { labels: { zone: 'b' } })];
const ON_NODE_1 = {
  required: {
    nodeSelectorTerms: [
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] },
    ],
  },
};
const NO = (reason: string) => `UnschedulableAndUnresolvable: ${reason}`;
const WFFC = { volumeBindingMode: 'WaitForFirstConsumer' };

/** A claim the PV controller has bound to `volume`. */
const boundClaim = (name: string, volume: string) =>
  makeClaim(name, {
    className: '',
    volumeName: volume,
    annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
  });

interface Case {
  name: string;
  classes?: KubeObject[];
  volumes?: Volume[];
  claims?: Claim[];
  /** Claim status phases to write after creating them. */
  phases?: Record<string, string>;
  /** Claims to delete (they stay, being deleted, with their protection finalizer). */
  deleting?: string[];
  podClaims: string[];
  want: string[];
}

/** The plugin over a real apiserver holding the case's objects, with the scheduler's informers. */
function setup(c: Case) {
  const cluster = clusterWith([]);
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  for (const sc of c.classes ?? []) kubectl.create(STORAGE_CLASSES, null, sc);
  for (const pv of c.volumes ?? []) {
    const created = kubectl.create<Volume>(PVS, null, pv);
    kubectl.update(PVS, { ...created, status: pv.status }, 'status');
  }
  for (const pvc of c.claims ?? []) kubectl.create(PVCS, 'default', pvc);
  for (const [name, phase] of Object.entries(c.phases ?? {})) {
    const pvc = kubectl.get<Claim>(PVCS, 'default', name);
    kubectl.update(PVCS, { ...pvc, status: { phase } }, 'status');
  }
  for (const name of c.deleting ?? []) kubectl.delete(PVCS, 'default', name);
  const client = new ApiClient(cluster.apiserver, 'control-plane/kube-scheduler', 'kube-scheduler');
  const informers = new InformerFactory(cluster.kernel, client);
  const plugin = volumeBinding(fakeHandle(nodeInfos(NODES), {}, {}, informers));
  informers.start();
  cluster.kernel.runUntil(1000);
  return plugin;
}

describe('VolumeBinding PreFilter and Filter', () => {
  const cases: Case[] = [
    { name: 'a pod without claims skips the plugin', podClaims: [], want: ['', ''] },
    {
      name: 'a missing claim',
      podClaims: ['data'],
      want: Array(2).fill('prefilter: persistentvolumeclaim "data" not found'),
    },
    {
      name: 'a claim being deleted',
      claims: [makeClaim('data', { className: '' })],
      deleting: ['data'],
      podClaims: ['data'],
      want: Array(2).fill('prefilter: persistentvolumeclaim "data" is being deleted'),
    },
    {
      name: 'a lost claim',
      claims: [boundClaim('data', 'gone')],
      phases: { data: 'Lost' },
      podClaims: ['data'],
      want: Array(2).fill(
        'prefilter: persistentvolumeclaim "data" bound to non-existent persistentvolume "gone"',
      ),
    },
    {
      name: 'an unbound claim of immediate binding',
      classes: [makeClass('fast', 'example.com/fast')],
      claims: [makeClaim('data', { className: 'fast' })],
      podClaims: ['data'],
      want: Array(2).fill(`prefilter: ${ERR_UNBOUND_IMMEDIATE}`),
    },
    {
      name: 'a bound volume that only node-1 can reach',
      volumes: [makeVolume('local', { claim: 'default/data', nodeAffinity: ON_NODE_1, phase: 'Bound' })],
      claims: [boundClaim('data', 'local')],
      podClaims: ['data'],
      want: ['', NO(ERR_REASON_NODE_CONFLICT)],
    },
    {
      name: 'a claim bound to a volume that does not exist',
      claims: [boundClaim('data', 'gone')],
      podClaims: ['data'],
      want: Array(2).fill(NO(ERR_REASON_PV_NOT_EXIST)),
    },
    {
      name: 'delayed binding to a local volume when the class cannot provision',
      classes: [makeClass('local', 'kubernetes.io/no-provisioner', WFFC)],
      volumes: [makeVolume('local-1', { className: 'local', nodeAffinity: ON_NODE_1 })],
      claims: [makeClaim('data', { className: 'local' })],
      podClaims: ['data'],
      want: ['', NO(ERR_REASON_BIND_CONFLICT)],
    },
    {
      name: 'delayed binding with a provisioner: every node can have a new volume',
      classes: [makeClass('standard', 'hostpath.csi.k8s.io', WFFC)],
      claims: [makeClaim('data', { className: 'standard' })],
      podClaims: ['data'],
      want: ['', ''],
    },
    {
      name: 'a claim already given a node fits only that node',
      classes: [makeClass('standard', 'hostpath.csi.k8s.io', WFFC)],
      claims: [
        makeClaim('data', {
          className: 'standard',
          annotations: { 'volume.kubernetes.io/selected-node': 'node-2' },
        }),
      ],
      podClaims: ['data'],
      want: [NO(ERR_REASON_BIND_CONFLICT), ''],
    },
    {
      name: "the class's allowed topologies limit where it provisions",
      classes: [
        {
          ...makeClass('zonal', 'example.com/zonal', WFFC),
          allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['b'] }] }],
        },
      ],
      claims: [makeClaim('data', { className: 'zonal' })],
      podClaims: ['data'],
      want: [NO(ERR_REASON_BIND_CONFLICT), ''],
    },
    {
      name: 'two claims cannot share one local volume',
      classes: [makeClass('local', 'kubernetes.io/no-provisioner', WFFC)],
      volumes: [makeVolume('local-1', { className: 'local', capacity: '5Gi' })],
      claims: [makeClaim('a', { className: 'local' }), makeClaim('b', { className: 'local' })],
      podClaims: ['a', 'b'],
      want: Array(2).fill(NO(ERR_REASON_BIND_CONFLICT)),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plugin = setup(c);
      const pod = makePod('web', {
        spec: {
          volumes: c.podClaims.map((claimName) => ({
            name: claimName,
            persistentVolumeClaim: { claimName },
          })),
        },
      });
      expect(runFilter(plugin, pod, nodeInfos(NODES))).toEqual(c.want);
    });
  }
});

describe('VolumeBinding with a generic ephemeral volume', () => {
  const template = { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  const pod = makePod('web', {
    spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: template } }] },
  });
  const owned = (uid: string) => {
    const claim = makeClaim('web-scratch', { className: 'standard' });
    const owner = {
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'web',
      uid,
      controller: true,
      blockOwnerDeletion: true,
    };
    return { ...claim, metadata: { ...claim.metadata, ownerReferences: [owner] } };
  };
  const classes = [makeClass('standard', 'hostpath.csi.k8s.io', WFFC)];
  it.each([
    {
      name: 'waits for the ephemeral volume controller to create the claim <pod>-<volume>',
      claims: [],
      want: 'prefilter: waiting for ephemeral volume controller to create the persistentvolumeclaim "web-scratch"',
    },
    {
      name: 'refuses a claim of that name the pod does not own',
      claims: [owned('someone-else')],
      want: 'prefilter: PVC default/web-scratch was not created for pod default/web (pod is not owner)',
    },
    { name: "treats the pod's own claim like any other", claims: [owned('uid-default-web')], want: '' },
  ])('$name', ({ claims, want }) => {
    const plugin = setup({ name: 'ephemeral', classes, claims, podClaims: [], want: [] });
    expect(runFilter(plugin, pod, nodeInfos(NODES))).toEqual([want, want]);
  });
  it('a change of its claim may help', () => {
    expect(isSchedulableAfterClaimChange(pod, undefined, makeClaim('web-scratch'))).toBe('Queue');
  });
});

describe('VolumeBinding queueing hints', () => {
  const pod = makePod('web', {
    spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
  });
  it("a change of one of the pod's claims may help; others, or claims elsewhere, do not", () => {
    expect(isSchedulableAfterClaimChange(pod, undefined, makeClaim('data'))).toBe('Queue');
    expect(isSchedulableAfterClaimChange(pod, undefined, makeClaim('other'))).toBe('QueueSkip');
    expect(isSchedulableAfterClaimChange(pod, undefined, makeClaim('data', { namespace: 'team' }))).toBe(
      'QueueSkip',
    );
  });
  it('a new class may help; an update only if its allowed topologies changed', () => {
    const sc = makeClass('fast', 'example.com/fast');
    expect(isSchedulableAfterStorageClassChange(pod, undefined, sc)).toBe('Queue');
    expect(
      isSchedulableAfterStorageClassChange(pod, sc, {
        ...sc,
        metadata: { ...sc.metadata, labels: { a: 'b' } },
      }),
    ).toBe('QueueSkip');
    expect(
      isSchedulableAfterStorageClassChange(pod, sc, {
        ...sc,
        allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }],
      }),
    ).toBe('Queue');
  });
});
