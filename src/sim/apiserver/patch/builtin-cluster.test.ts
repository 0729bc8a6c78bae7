/**
 * Regression: with the cloud provider on (the browser default) and no OpenAPI schemas, the
 * route controller's strategic merge patch of a node's `status.conditions`
 * (NetworkUnavailable) used to replace the whole list as a JSON merge patch, and every node's
 * Ready condition vanished 10-20 s after start. The built-in patch metadata merges it by type.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
}
interface NodeList {
  readonly items: { metadata: { name: string }; status?: { conditions?: Condition[] } }[];
}

describe('a cluster with the cloud provider and no OpenAPI schemas', () => {
  it("keeps every node's Ready condition for 60 s of virtual time", () => {
    const cluster = createCluster({ seed: 1 });
    const nodes = (): NodeList => {
      const response = cluster.apiserver.handle({
        method: 'GET',
        path: '/api/v1/nodes',
        query: {},
        headers: {},
        client: 'kubectl',
      });
      if (!('body' in response)) throw new Error('expected a JSON response');
      return response.body as NodeList;
    };
    const start = cluster.kernel.clock.now();
    for (let second = 5; second <= 60; second += 5) {
      cluster.kernel.runUntil(start + second * 1000);
      const { items } = nodes();
      expect(items.length).toBeGreaterThan(1);
      for (const node of items) {
        const types = (node.status?.conditions ?? []).map((c) => c.type);
        expect(types, `${node.metadata.name} at ${second} s`).toContain('Ready');
      }
    }
    for (const node of nodes().items) {
      const conditions = node.status?.conditions ?? [];
      expect(conditions.find((c) => c.type === 'Ready')?.status, node.metadata.name).toBe('True');
      // The route controller's condition merged in next to the kubelet's.
      expect(
        conditions.find((c) => c.type === 'NetworkUnavailable'),
        node.metadata.name,
      ).toMatchObject({
        status: 'False',
      });
    }
  });
});
