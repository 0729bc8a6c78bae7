import { describe, expect, it } from 'vitest';
import { testClient } from './testing';

const CLASSES = '/apis/node.k8s.io/v1/runtimeclasses';
const PODS = '/api/v1/namespaces/default/pods';

const pod = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

describe('RuntimeClass admission', () => {
  const t = testClient();
  t.call('POST', CLASSES, {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'gvisor' },
    handler: 'runsc',
    overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
    scheduling: {
      nodeSelector: { 'runtime/gvisor': 'true' },
      tolerations: [{ key: 'sandboxed', operator: 'Exists', effect: 'NoSchedule' }],
    },
  });

  it.each([
    {
      name: 'a class that does not exist',
      spec: { runtimeClassName: 'kata' },
      want: 'pods "p1" is forbidden: pod rejected: RuntimeClass "kata" not found',
    },
    {
      name: 'an overhead without a class',
      spec: { overhead: { cpu: '1' } },
      want: 'pods "p2" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    },
    {
      name: "an overhead other than the class's",
      spec: { runtimeClassName: 'gvisor', overhead: { cpu: '1' } },
      want: "pods \"p3\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    },
    {
      name: "a node selector at odds with the class's",
      spec: { runtimeClassName: 'gvisor', nodeSelector: { 'runtime/gvisor': 'false' } },
      want: 'pods "p4" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[runtime/gvisor] = true; pod.spec.nodeSelector[runtime/gvisor] = false',
    },
  ])('refuses $name with 403', ({ spec, want }) => {
    const name = /pods "(p\d)"/.exec(want)?.[1] ?? '';
    const r = t.call('POST', PODS, pod(name, spec));
    expect([r.status, r.body.message]).toEqual([403, want]);
  });

  it("gives a pod its class's overhead, node selector and tolerations", () => {
    const r = t.call(
      'POST',
      PODS,
      pod('sandboxed', { runtimeClassName: 'gvisor', nodeSelector: { disk: 'ssd' } }),
    );
    expect(r.status).toBe(201);
    expect(r.body.spec.overhead).toEqual({ cpu: '250m', memory: '120Mi' });
    expect(r.body.spec.nodeSelector).toEqual({ disk: 'ssd', 'runtime/gvisor': 'true' });
    expect(r.body.spec.tolerations).toContainEqual({
      key: 'sandboxed',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  });
});
