import { describe, expect, it } from 'vitest';
import { createNode, setup } from './testing';
import { NODES } from './types';

describe('cloud-controller-manager route controller', () => {
  it('routes each pod CIDR and marks the node network available', () => {
    const { client, run, node, steps } = setup();
    createNode(client, 'node-1', 1);
    createNode(client, 'node-2', 2);
    run(11_000);
    for (const name of ['node-1', 'node-2']) {
      const condition = node(name).status?.conditions?.find((c) => c.type === 'NetworkUnavailable');
      expect(condition).toMatchObject({
        status: 'False',
        reason: 'RouteCreated',
        message: 'RouteController created a route',
      });
    }
    expect(
      steps.filter((s) => s.summary.startsWith('route-controller: creating route')).map((s) => s.summary),
    ).toEqual([
      expect.stringMatching(/^route-controller: creating route for node node-1 10\.244\.1\.0\/24/),
      expect.stringMatching(/^route-controller: creating route for node node-2 10\.244\.2\.0\/24/),
    ]);
    client.delete(NODES, null, 'node-2');
    run(11_000);
    expect(
      steps.some((s) => /deleting route kubernetes-.* 10\.244\.2\.0\/24 -> node-2/.test(s.summary)),
    ).toBe(true);
  });
});
