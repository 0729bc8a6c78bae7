import { describe, expect, it } from 'vitest';
import { SYSTEM_NAMESPACES } from '../../apiserver/bootstrap';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { TraceStep } from '../../kernel/trace';
import { ApiClient } from '../../client/rest';
import { CLUSTER_CA_CERT, DESCRIPTION, rootCaCertPublisher } from '.';
import { clusterWith } from '../testing';

const NAMESPACES = findResource('', 'v1', 'namespaces') as ResourceInfo;
const CONFIGMAPS = findResource('', 'v1', 'configmaps') as ResourceInfo;
const NAME = 'kube-root-ca.crt';
type ConfigMap = KubeObject & { data?: Record<string, string> };

function setup() {
  const cluster = clusterWith([rootCaCertPublisher]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const get = (ns: string) => client.get<ConfigMap>(CONFIGMAPS, ns, NAME);
  return { client, steps, run, get };
}

function expectPublished(cm: ConfigMap) {
  expect(cm.data).toEqual({ 'ca.crt': CLUSTER_CA_CERT });
  expect(cm.metadata.annotations).toEqual({ 'kubernetes.io/description': DESCRIPTION });
}

describe('root CA certificate publisher', () => {
  it('publishes the cluster CA in every system namespace and every new one', () => {
    const { client, run, get } = setup();
    run(1000);
    for (const ns of SYSTEM_NAMESPACES) expectPublished(get(ns));
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } });
    run(1000);
    expectPublished(get('team-b'));
    expect(CLUSTER_CA_CERT).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
    );
    expect(DESCRIPTION).toBe(
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    );
  });

  it('restores the ConfigMap when it is deleted or changed', () => {
    const { client, run, get } = setup();
    run(1000);
    client.delete(CONFIGMAPS, 'kube-public', NAME);
    run(1000);
    expectPublished(get('kube-public'));

    client.patch(CONFIGMAPS, 'default', NAME, 'merge', { data: { 'ca.crt': 'tampered', extra: 'x' } });
    run(1000);
    expectPublished(get('default'));

    client.patch(CONFIGMAPS, 'kube-system', NAME, 'merge', {
      metadata: { annotations: { 'kubernetes.io/description': null, mine: 'kept' } },
    });
    run(1000);
    expect(get('kube-system').metadata.annotations).toEqual({
      mine: 'kept',
      'kubernetes.io/description': DESCRIPTION,
    });
  });

  it('gives up quietly on a namespace being deleted', () => {
    const { client, steps, run } = setup();
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } });
    run(1000);
    client.delete(NAMESPACES, null, 'going');
    client.delete(CONFIGMAPS, 'going', NAME);
    const after = steps.length;
    run(60_000);
    const creates = steps
      .slice(after)
      .filter(
        (s) => s.kind === 'request' && s.summary.startsWith('POST /api/v1/namespaces/going/configmaps'),
      );
    expect(creates).toHaveLength(1);
    expect(client.list(CONFIGMAPS, 'going').items).toEqual([]);
  });
});
