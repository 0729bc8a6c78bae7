import { describe, expect, it } from 'vitest';
import { testClient } from './testing';

const CLASSES = '/apis/storage.k8s.io/v1/storageclasses';
const CLAIMS = '/api/v1/namespaces/default/persistentvolumeclaims';

function storageClass(name: string, isDefault: boolean) {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    provisioner: 'example.com/disk',
  };
}

function claim(
  name: string,
  extra: { storageClassName?: string; annotations?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(extra.storageClassName === undefined ? {} : { storageClassName: extra.storageClassName }),
    },
  };
}

describe('DefaultStorageClass admission', () => {
  const cases: {
    name: string;
    classes: [string, boolean][];
    claim: ReturnType<typeof claim>;
    want: string | undefined;
  }[] = [
    {
      name: 'no default class: the claim keeps no class',
      classes: [['slow', false]],
      claim: claim('c'),
      want: undefined,
    },
    {
      name: 'the default class is set',
      classes: [
        ['slow', false],
        ['fast', true],
      ],
      claim: claim('c'),
      want: 'fast',
    },
    {
      name: 'an explicit class is kept',
      classes: [['fast', true]],
      claim: claim('c', { storageClassName: 'slow' }),
      want: 'slow',
    },
    {
      name: 'an explicit "" means no class, not the default',
      classes: [['fast', true]],
      claim: claim('c', { storageClassName: '' }),
      want: '',
    },
    {
      name: 'the beta class annotation counts as a class',
      classes: [['fast', true]],
      claim: claim('c', { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }),
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { call } = testClient();
      for (const [name, isDefault] of c.classes) call('POST', CLASSES, storageClass(name, isDefault));
      const created = call('POST', CLAIMS, c.claim);
      expect(created.status).toBe(201);
      expect(created.body.spec.storageClassName).toBe(c.want);
    });
  }

  it('with several default classes the newest wins', () => {
    const { call, cluster } = testClient();
    call('POST', CLASSES, storageClass('older', true));
    cluster.kernel.runUntil(5000);
    call('POST', CLASSES, storageClass('newer', true));
    expect(call('POST', CLAIMS, claim('c')).body.spec.storageClassName).toBe('newer');
  });
});

describe('StorageObjectInUseProtection admission', () => {
  it('adds the protection finalizers on create, once', () => {
    const { call } = testClient();
    const pvc = call('POST', CLAIMS, {
      ...claim('c'),
      metadata: { name: 'c', finalizers: ['example.com/keep', 'kubernetes.io/pvc-protection'] },
    });
    expect(pvc.body.metadata.finalizers).toEqual(['example.com/keep', 'kubernetes.io/pvc-protection']);
    const pv = call('POST', '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'v' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    expect(pv.body.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('leaves updates alone: a finalizer removed by an update stays removed', () => {
    const { call } = testClient();
    call('POST', CLAIMS, claim('c'));
    const patched = call(
      'PATCH',
      `${CLAIMS}/c`,
      { metadata: { finalizers: null } },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(patched.body.metadata.finalizers).toBeUndefined();
  });
});
