import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../kernel/clock';
import { PODS, type PodObject } from '../context';
import { setupNode } from '../testing';
import { rfc3339Nano, staticPod, type StaticPodManifest } from './static-pods';

const MANIFEST: StaticPodManifest = {
  file: 'web.yaml',
  pod: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'kube-system', labels: { tier: 'control-plane' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
  },
};

describe('static pods: the file source', () => {
  const clock = new VirtualClock(Date.UTC(2025, 0, 1));

  it('names the pod after the node, binds it, and stamps the config annotations', () => {
    const pod = staticPod(MANIFEST, 'node-1', clock);
    const uid = pod.metadata.uid ?? '';
    expect(uid).toMatch(/^[0-9a-f]{32}$/);
    expect(pod.metadata).toMatchObject({
      name: 'web-node-1',
      namespace: 'kube-system',
      labels: { tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': uid,
        'kubernetes.io/config.seen': '2025-01-01T00:00:00Z',
        'kubernetes.io/config.source': 'file',
      },
    });
    expect(pod.spec).toMatchObject({
      nodeName: 'node-1',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    });
    expect(pod.spec?.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent' });
    expect(pod.status).toEqual({ phase: 'Pending' });
  });

  it('hashes the manifest, the node and the file: the uid changes with any of them', () => {
    const uid = (manifest: StaticPodManifest, node = 'node-1') =>
      staticPod(manifest, node, clock).metadata.uid;
    const edited: Pod = { ...MANIFEST.pod, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } };
    expect(uid(MANIFEST)).toBe(uid(MANIFEST));
    expect(
      new Set([
        uid(MANIFEST),
        uid(MANIFEST, 'node-2'),
        uid({ ...MANIFEST, file: 'w.yaml' }),
        uid({ file: 'web.yaml', pod: edited }),
      ]).size,
    ).toBe(4);
  });

  it.each([
    [0, '2025-01-01T00:00:00Z'],
    [1500, '2025-01-01T00:00:01.5Z'],
    [61_234, '2025-01-01T00:01:01.234Z'],
  ])('writes config.seen as RFC3339Nano (at %i ms: %s)', (at, text) => {
    const c = new VirtualClock(Date.UTC(2025, 0, 1));
    c.advanceTo(at);
    expect(rfc3339Nano(c)).toBe(text);
  });
});

describe('static pods: the kubelet runs them and mirrors them', () => {
  const MIRROR = 'web-node-1';
  const getMirror = (setup: ReturnType<typeof setupNode>) =>
    setup.client.get<PodObject>(PODS, 'kube-system', MIRROR);

  it('runs the manifest without a scheduler and creates its mirror pod, owned by the Node', () => {
    const setup = setupNode(1, { kubelet: { staticPods: [MANIFEST] } });
    setup.run(10_000);
    const mirror = getMirror(setup);
    const hash = mirror.metadata.annotations?.['kubernetes.io/config.hash'];
    expect(mirror.metadata.annotations).toEqual({
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': '2025-01-01T00:00:00Z',
      'kubernetes.io/config.source': 'file',
    });
    expect(mirror.metadata.uid).not.toBe(hash);
    expect(mirror.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: expect.any(String), controller: true },
    ]);
    expect(mirror.status?.phase).toBe('Running');
    expect(mirror.status?.containerStatuses?.[0]).toMatchObject({
      name: 'nginx',
      ready: true,
      restartCount: 0,
    });
    expect(mirror.spec?.nodeName).toBe('node-1');
  });

  it('creates the mirror pod again when it is deleted, without restarting the static pod', () => {
    const setup = setupNode(1, { kubelet: { staticPods: [MANIFEST] } });
    setup.run(10_000);
    const before = getMirror(setup);
    const containerID = before.status?.containerStatuses?.[0]?.containerID;
    setup.client.delete(PODS, 'kube-system', MIRROR);
    setup.run(1000);
    const after = getMirror(setup);
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
    expect(after.status?.phase).toBe('Running');
    expect(after.status?.containerStatuses?.[0]?.containerID).toBe(containerID);
    expect(after.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    const writes = setup.steps
      .filter(
        (s) => s.from === 'node-1/kubelet' && s.kind === 'request' && s.summary.includes('/kube-system/pods'),
      )
      .map((s) => s.summary.split('?')[0]);
    expect(writes.slice(-3)).toEqual([
      `DELETE /api/v1/namespaces/kube-system/pods/${MIRROR}`,
      'POST /api/v1/namespaces/kube-system/pods',
      `PATCH /api/v1/namespaces/kube-system/pods/${MIRROR}/status`,
    ]);
  });
});
