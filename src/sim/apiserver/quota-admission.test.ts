import { describe, expect, it } from 'vitest';
import { testClient, type TestClient } from './testing';

const QUOTAS = '/api/v1/namespaces/default/resourcequotas';
const PODS = '/api/v1/namespaces/default/pods';

/** A quota whose status the (absent) controller would have written: hard, and used. */
function quota(t: TestClient, hard: Record<string, string>, used: Record<string, string> | null) {
  const created = t.call('POST', QUOTAS, {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'compute' },
    spec: { hard },
  });
  expect(created.status).toBe(201);
  if (used === null) return;
  const body = { ...created.body, status: { hard, used } };
  expect(t.call('PUT', `${QUOTAS}/compute/status`, body).status).toBe(200);
}

const used = (t: TestClient) => t.call('GET', `${QUOTAS}/compute`).body.status?.used;

function pod(name: string, resources?: Record<string, Record<string, string>>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] },
  };
}
const cpu = (request: string) => ({ requests: { cpu: request } });

describe('ResourceQuota admission', () => {
  it('refuses a pod over the pods count with 403 and creates nothing', () => {
    const t = testClient();
    quota(t, { pods: '2' }, { pods: '0' });
    expect(t.call('POST', PODS, pod('web-0')).status).toBe(201);
    expect(t.call('POST', PODS, pod('web-1')).status).toBe(201);
    expect(used(t)).toEqual({ pods: '2' });
    const refused = t.call('POST', PODS, pod('web-2'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      message:
        'pods "web-2" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2',
      details: { name: 'web-2', kind: 'pods' },
    });
    expect(t.call('GET', `${PODS}/web-2`).status).toBe(404);
    expect(used(t)).toEqual({ pods: '2' });
  });

  it('sums requests.cpu and names what went over, in canonical quantities', () => {
    const t = testClient();
    quota(t, { 'requests.cpu': '2', pods: '10' }, { 'requests.cpu': '0', pods: '0' });
    expect(t.call('POST', PODS, pod('web-0', cpu('1'))).status).toBe(201);
    expect(t.call('POST', PODS, pod('web-1', cpu('0.5'))).status).toBe(201);
    expect(used(t)).toEqual({ pods: '2', 'requests.cpu': '1500m' });
    const refused = t.call('POST', PODS, pod('web-2', cpu('600m')));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'pods "web-2" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=1500m, limited: requests.cpu=2',
    );
    expect(t.call('GET', `${PODS}/web-2`).status).toBe(404);
    // Exactly up to the limit is allowed.
    expect(t.call('POST', PODS, pod('web-2', cpu('500m'))).status).toBe(201);
    expect(used(t)).toEqual({ pods: '3', 'requests.cpu': '2' });
  });

  it('requires every container to set the cpu and memory a quota tracks', () => {
    const t = testClient();
    quota(
      t,
      { 'requests.cpu': '2', 'limits.cpu': '4', pods: '10' },
      { 'requests.cpu': '0', 'limits.cpu': '0', pods: '0' },
    );
    const refused = t.call('POST', PODS, pod('bare'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: nginx; requests.cpu for: nginx',
    );
    expect(t.call('GET', `${PODS}/bare`).status).toBe(404);
    expect(used(t)).toEqual({ 'limits.cpu': '0', pods: '0', 'requests.cpu': '0' });
    // Limits alone will do: requests default to them.
    expect(t.call('POST', PODS, pod('limited', { limits: { cpu: '250m', memory: '64Mi' } })).status).toBe(
      201,
    );
    expect(used(t)).toEqual({ 'limits.cpu': '250m', pods: '1', 'requests.cpu': '250m' });
  });

  it('refuses while a quota has no usage yet, and ignores quotas without status.hard', () => {
    const t = testClient();
    quota(t, { pods: '1', configmaps: '1' }, { pods: '0' });
    const refused = t.call('POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'configmaps "c" is forbidden: status unknown for quota: compute, resources: configmaps',
    );
    const fresh = testClient();
    quota(fresh, { pods: '0' }, null);
    expect(fresh.call('POST', PODS, pod('web-0')).status).toBe(201);
  });

  it('counts any resource as count/<resource>.<group>; a dry run charges nothing', () => {
    const t = testClient();
    quota(t, { 'count/deployments.apps': '1' }, { 'count/deployments.apps': '0' });
    const deployment = (name: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: pod(name).spec },
      },
    });
    const path = '/apis/apps/v1/namespaces/default/deployments';
    expect(t.call('POST', `${path}?dryRun=All`, deployment('a')).status).toBe(201);
    expect(used(t)).toEqual({ 'count/deployments.apps': '0' });
    expect(t.call('POST', path, deployment('a')).status).toBe(201);
    const refused = t.call('POST', path, deployment('b'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'deployments.apps "b" is forbidden: exceeded quota: compute, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
  });
});
