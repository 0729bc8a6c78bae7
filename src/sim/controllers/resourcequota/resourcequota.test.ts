import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { QuotaObject } from '../../apiserver/quota-usage';
import { PODS, REPLICASETS, replicaSetManifest, setPodStatus, setup } from '../replicaset/testing';
import { QUOTA_RESYNC_MS, resourceQuota } from '.';

const QUOTAS = findResource('', 'v1', 'resourcequotas') as ResourceInfo;
const CONFIGMAPS = findResource('', 'v1', 'configmaps') as ResourceInfo;
const SERVICES = findResource('', 'v1', 'services') as ResourceInfo;

function pod(name: string, requests: Record<string, string>, limits: Record<string, string> = requests) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests, limits } }] },
  };
}

function start(hard: Record<string, string>) {
  const s = setup([resourceQuota]);
  const quota = () => s.client.get<QuotaObject>(QUOTAS, 'default', 'compute');
  const createQuota = () =>
    s.client.create(QUOTAS, 'default', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute' },
      spec: { hard },
    });
  return { ...s, quota, createQuota };
}

describe('resourcequota controller', () => {
  it('writes status.hard and the usage of what is already stored, in canonical quantities', () => {
    const { client, run, quota, createQuota } = start({
      pods: '10',
      'requests.cpu': '4',
      'requests.memory': '1Gi',
      'limits.cpu': '8000m',
      'limits.memory': '2Gi',
      cpu: '4',
      memory: '1Gi',
      configmaps: '5',
      'count/replicasets.apps': '3',
      'count/pods': '10',
      services: '2',
      'services.nodeports': '4',
    });
    client.create(PODS, 'default', pod('a', { cpu: '500m', memory: '64Mi' }));
    client.create(PODS, 'default', pod('b', { cpu: '1', memory: '64Mi' }, { cpu: '2', memory: '128Mi' }));
    client.create(PODS, 'default', pod('done', { cpu: '3', memory: '1Gi' }));
    setPodStatus(client, 'done', { phase: 'Succeeded' });
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 0));
    client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'np' },
      spec: {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80 },
          { name: 'https', port: 443 },
        ],
      },
    });
    createQuota();
    run(1000);
    const status = quota().status;
    expect(status?.hard).toEqual({
      configmaps: '5',
      'count/pods': '10',
      'count/replicasets.apps': '3',
      cpu: '4',
      'limits.cpu': '8',
      'limits.memory': '2Gi',
      memory: '1Gi',
      pods: '10',
      'requests.cpu': '4',
      'requests.memory': '1Gi',
      services: '2',
      'services.nodeports': '4',
    });
    expect(status?.used).toEqual({
      configmaps: '1',
      'count/pods': '3',
      'count/replicasets.apps': '1',
      cpu: '1500m',
      'limits.cpu': '2500m',
      'limits.memory': '192Mi',
      memory: '128Mi',
      pods: '2',
      'requests.cpu': '1500m',
      'requests.memory': '128Mi',
      // np and the apiserver's own `kubernetes` Service.
      services: '2',
      'services.nodeports': '2',
    });
  });

  it('admission charges creates at once; deletes and finished pods are given back by the controller', () => {
    const { client, run, quota, createQuota } = start({ pods: '5', 'requests.cpu': '2', configmaps: '3' });
    createQuota();
    run(1000);
    expect(quota().status?.used).toEqual({ configmaps: '0', pods: '0', 'requests.cpu': '0' });
    client.create(PODS, 'default', pod('a', { cpu: '500m' }));
    client.create(PODS, 'default', pod('b', { cpu: '1' }));
    client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    // Charged by admission in the same requests, before the controller runs again.
    expect(quota().status?.used).toEqual({ configmaps: '1', pods: '2', 'requests.cpu': '1500m' });
    setPodStatus(client, 'b', { phase: 'Failed' });
    client.delete(CONFIGMAPS, 'default', 'c');
    run(1000);
    expect(quota().status?.used).toEqual({ configmaps: '0', pods: '1', 'requests.cpu': '500m' });
  });

  it('recalculates on spec.hard changes and on the 5-minute full resync', () => {
    const { client, run, quota, createQuota } = start({ pods: '5' });
    createQuota();
    client.create(PODS, 'default', pod('a', { cpu: '100m' }));
    run(1000);
    const q = quota();
    client.update(QUOTAS, { ...q, spec: { hard: { pods: '5', 'requests.cpu': '1' } } });
    run(1000);
    expect(quota().status?.used).toEqual({ pods: '1', 'requests.cpu': '100m' });
    // A status written behind the controller's back is only corrected by the full resync.
    const drifted = quota();
    client.update(
      QUOTAS,
      { ...drifted, status: { ...drifted.status, used: { pods: '4', 'requests.cpu': '0' } } },
      'status',
    );
    run(1000);
    expect(quota().status?.used).toEqual({ pods: '4', 'requests.cpu': '0' });
    run(QUOTA_RESYNC_MS);
    expect(quota().status?.used).toEqual({ pods: '1', 'requests.cpu': '100m' });
  });
});
