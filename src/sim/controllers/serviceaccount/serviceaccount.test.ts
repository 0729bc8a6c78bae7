import { describe, expect, it } from 'vitest';
import { SYSTEM_NAMESPACES } from '../../apiserver/bootstrap';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { TraceStep } from '../../kernel/trace';
import { ApiClient } from '../../client/rest';
import type { ControllerDescriptor } from '../manager';
import { serviceAccount } from '.';
import { clusterWith } from '../testing';

const NAMESPACES = findResource('', 'v1', 'namespaces') as ResourceInfo;
const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts') as ResourceInfo;

function setup(descriptors: ControllerDescriptor[] = [serviceAccount]) {
  const cluster = clusterWith(descriptors);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const names = (ns: string) => client.list(SERVICE_ACCOUNTS, ns).items.map((sa) => sa.metadata.name);
  return { client, steps, run, names };
}

describe('serviceaccount controller', () => {
  it('gives every system namespace and every new namespace a default ServiceAccount', () => {
    const { client, run, names } = setup();
    run(1000);
    for (const ns of SYSTEM_NAMESPACES) expect(names(ns)).toEqual(['default']);
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    run(1000);
    expect(names('team-a')).toEqual(['default']);
  });

  it('re-creates the default ServiceAccount when it is deleted, caused by the deletion', () => {
    const { client, steps, run, names } = setup();
    run(1000);
    const deletion = steps.length;
    client.delete(SERVICE_ACCOUNTS, 'default', 'default');
    run(1000);
    expect(names('default')).toEqual(['default']);
    const create = steps
      .slice(deletion)
      .find(
        (s) =>
          s.kind === 'request' && s.summary.startsWith('POST /api/v1/namespaces/default/serviceaccounts'),
      );
    const watch = steps.find((s) => s.id === create?.causedBy);
    expect(watch?.kind).toBe('watch');
    expect(watch?.to).toBe('control-plane/kube-controller-manager');
  });

  it('leaves other service accounts alone and skips namespaces being deleted', () => {
    const { client, steps, run, names } = setup();
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } });
    client.create(SERVICE_ACCOUNTS, 'going', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'app' },
    });
    run(1000);
    expect(names('going').sort()).toEqual(['app', 'default']);
    // Without the namespace controller, the namespace stays Terminating.
    client.delete(NAMESPACES, null, 'going');
    client.delete(SERVICE_ACCOUNTS, 'going', 'default');
    const after = steps.length;
    run(5000);
    expect(names('going')).toEqual(['app']);
    expect(steps.slice(after).some((s) => s.summary.startsWith('POST /api/v1/namespaces/going/'))).toBe(
      false,
    );
  });
});
