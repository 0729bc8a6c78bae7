import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiClient } from '../../../client/rest';
import { createCluster } from '../../../cluster';
import { CycleState } from '../../framework/cycle-state';
import { fakeHandle, makePod } from '../../testing';
import { defaultBinder } from '.';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

describe('DefaultBinder', () => {
  it('POSTs a Binding to pods/<name>/binding, and reports the apiserver refusing a second one', () => {
    const cluster = createCluster({ seed: 1, controllers: [] });
    const client = new ApiClient(cluster.apiserver, 'control-plane/kube-scheduler', 'kube-scheduler');
    const spec = makePod('web').spec;
    const created = client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec,
    }) as unknown as Pod;
    const binder = defaultBinder({ ...fakeHandle([]), client });
    expect(binder.bind?.(new CycleState(), created, 'node-1', null)).toBeNull();
    expect((client.get(PODS, 'default', 'web') as unknown as Pod).spec?.nodeName).toBe('node-1');
    const again = binder.bind?.(new CycleState(), created, 'node-2', null);
    expect([again?.code, again?.message()]).toEqual([
      'Error',
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"',
    ]);
  });
});
