import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { setupNode } from './testing';

const RUNTIME_CLASSES = findResource('node.k8s.io', 'v1', 'runtimeclasses') as ResourceInfo;

describe('a pod with a RuntimeClass', () => {
  it('runs with a handler containerd knows, and waits in ContainerCreating with one it does not', () => {
    const t = setupNode();
    for (const [name, handler] of [
      ['runc', 'runc'],
      ['gvisor', 'runsc'],
    ])
      t.client.create(RUNTIME_CLASSES, null, {
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name },
        handler,
      });
    t.run(5_000);
    t.createPod('plain', { runtimeClassName: 'runc', containers: [{ name: 'c', image: 'nginx' }] });
    t.createPod('sandboxed', { runtimeClassName: 'gvisor', containers: [{ name: 'c', image: 'nginx' }] });
    t.run(30_000);
    expect(t.getPod('plain').status?.phase).toBe('Running');
    expect(t.statuses('sandboxed').at(-1)).toBe('ContainerCreating');
    const failures = t.eventsOf('sandboxed');
    expect(failures[0]).toBe(
      'Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "runsc" is configured',
    );
    // The kubelet keeps retrying; the same event counts up.
    expect(failures).toHaveLength(1);
    const sandboxCalls = t.steps.filter((s) => s.summary === 'RunPodSandbox default/sandboxed');
    expect(sandboxCalls.length).toBeGreaterThan(1);
  });
});
