import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)('real kubectl: discovery', { timeout: 60_000 }, () => {
  let api: RunningApiserver;
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '');
  }, 60_000);
  afterAll(() => api?.stop());

  it('kubectl version reports the v1.32 server', async () => {
    const r = await api.kubectl(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      serverVersion: { major: string; minor: string; gitVersion: string };
    };
    expect(out.serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
  });

  it('kubectl api-versions lists every served group-version', async () => {
    // metrics.k8s.io is served once metrics-server's pod runs and its APIService turns Available.
    const r = await eventually(api, ['api-versions'], (out) => out.includes('metrics.k8s.io/v1beta1'));
    const versions = r.stdout.trim().split('\n');
    for (const gv of [
      'v1',
      'apps/v1',
      'batch/v1',
      'networking.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
      'storage.k8s.io/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'policy/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'events.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'admissionregistration.k8s.io/v1',
      'metrics.k8s.io/v1beta1',
    ]) {
      expect(versions).toContain(gv);
    }
  });

  it('kubectl api-resources shows names, short names, versions, scope and kinds', async () => {
    const r = await api.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    const row = (name: string) => lines.find((l) => l.split(/\s+/)[0] === name)?.split(/\s+/);
    expect(row('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(row('deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(row('nodes')).toEqual(['nodes', 'no', 'v1', 'false', 'Node']);
    expect(row('cronjobs')).toEqual(['cronjobs', 'cj', 'batch/v1', 'true', 'CronJob']);
  });

  it('kubectl api-resources filters by category and group', async () => {
    const all = await api.kubectl(['api-resources', '--categories=all', '-o', 'name']);
    expect(all.stdout.trim().split('\n').sort()).toEqual(
      [
        'cronjobs.batch',
        'daemonsets.apps',
        'deployments.apps',
        'horizontalpodautoscalers.autoscaling',
        'jobs.batch',
        'pods',
        'replicasets.apps',
        'replicationcontrollers',
        'services',
        'statefulsets.apps',
      ].sort(),
    );
    const apps = await api.kubectl(['api-resources', '--api-group=apps', '--no-headers']);
    expect(
      apps.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets']);
  });

  it('kubectl get namespaces shows the system namespaces', async () => {
    const r = await api.kubectl(['get', 'namespaces']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ['default', 'Active'],
      ['kube-node-lease', 'Active'],
      ['kube-public', 'Active'],
      ['kube-system', 'Active'],
    ]);
  });

  it("an unknown resource type gets kubectl's error", async () => {
    const r = await api.kubectl(['get', 'widgets']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the server doesn\'t have a resource type "widgets"');
  });
});
