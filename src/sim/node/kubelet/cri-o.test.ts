import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { nodeHost } from '../host';
import { NODES } from './context';
import { setupNode } from './testing';

const RUNTIME_CLASSES = findResource('node.k8s.io', 'v1', 'runtimeclasses') as ResourceInfo;

describe('a node running CRI-O', () => {
  const start = () => setupNode(1, { kubelet: { containerRuntime: 'cri-o' } });

  it('reports cri-o in the Node and in container ids, and runs containers with crun', () => {
    const t = start();
    t.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    t.run(30_000);
    const node = t.client.get<KubeObject & { status: { nodeInfo: Record<string, string> } }>(
      NODES,
      null,
      'node-1',
    );
    expect(node.status.nodeInfo.containerRuntimeVersion).toBe('cri-o://1.32.4');
    const pod = t.getPod('web');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]?.containerID).toMatch(/^cri-o:\/\/[0-9a-f]{64}$/);
    const oci = t.steps
      .filter((s) => s.to === 'node-1/crun')
      .map((s) => s.summary.split(' ').slice(0, 2).join(' '));
    expect(oci).toContain('crun create');
    expect(oci).toContain('crun start');
    expect(t.steps.some((s) => s.to === 'node-1/runc')).toBe(false);
  });

  it('keeps sandbox files and its socket where CRI-O does', () => {
    const t = start();
    t.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    t.run(30_000);
    const fs = nodeHost(t.kernel, 'node-1').fs;
    const hostnames = fs
      .readDir('/run/containers/storage/overlay-containers')
      .map(([id]) => `/run/containers/storage/overlay-containers/${id}/userdata/hostname`)
      .filter((file) => fs.exists(file));
    expect(hostnames.map((file) => fs.readFile(file))).toEqual(['web\n']);
    expect(fs.stat('/var/run/crio/crio.sock').type).toBe('socket');
    expect(fs.stat('/run/crio/crio.sock').type).toBe('socket');
    expect(fs.exists('/run/containerd')).toBe(false);
  });

  it('fails pulls with containers/image errors', () => {
    const t = start();
    t.createPod('typo', { containers: [{ name: 'c', image: 'nginx:nonexistent' }] });
    t.run(10_000);
    expect(t.eventsOf('typo')).toContain(
      'Warning Failed: Failed to pull image "nginx:nonexistent": rpc error: code = Unknown desc = initializing source docker://docker.io/library/nginx:nonexistent: reading manifest nonexistent in docker.io/library/nginx: manifest unknown',
    );
    expect(t.statuses('typo')).toContain('ErrImagePull');
  });

  it("knows the crun and runc handlers, not containerd's test-handler", () => {
    const t = start();
    for (const [name, handler] of [
      ['runc', 'runc'],
      ['e2e', 'test-handler'],
    ])
      t.client.create(RUNTIME_CLASSES, null, {
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name },
        handler,
      });
    t.run(5_000);
    t.createPod('plain', { runtimeClassName: 'runc', containers: [{ name: 'c', image: 'nginx' }] });
    t.createPod('e2e', { runtimeClassName: 'e2e', containers: [{ name: 'c', image: 'nginx' }] });
    t.run(30_000);
    expect(t.getPod('plain').status?.phase).toBe('Running');
    expect(t.eventsOf('e2e')[0]).toBe(
      'Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = failed to find runtime handler test-handler from runtime list map[crun:0xc0004a6000 runc:0xc0004a6140]',
    );
  });
});
