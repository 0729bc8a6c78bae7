import { beforeAll, describe, expect, it } from 'vitest';
import { OutputBuffer } from '../io/output';
import { testKubectl, type TestKubectl } from '../testing';

/** A Deployment `web` of `replicas` nginx pods. */
const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
});

describe('kubectl cordon, uncordon, drain and taint', () => {
  let t: TestKubectl;
  /** The nodes the web pods run on. */
  const webNodes = async () =>
    (await t.run("kubectl get pods -l app=web -o jsonpath='{.items[*].spec.nodeName}'")).stdout.split(' ');
  /** Starts a line and runs the simulation until it ends (at most `ms`). */
  const runFor = async (line: string, ms: number) => {
    const out = new OutputBuffer();
    let code: number | undefined;
    const exit = t.kubectl.run(line, out).exit.then((c) => (code = c));
    for (let waited = 0; code === undefined && waited < ms; waited += 1_000) await t.advance(1_000);
    return out.result(await exit);
  };
  beforeAll(async () => {
    t = await testKubectl();
    t.post('/apis/apps/v1/namespaces/default/deployments', deployment(3));
    await t.advance(60_000);
  });

  it('cordons and uncordons a node', async () => {
    expect(await t.run('kubectl cordon node-1')).toEqual({
      stdout: 'node/node-1 cordoned\n',
      stderr: '',
      code: 0,
    });
    expect((await t.run('kubectl cordon node-1')).stdout).toBe('node/node-1 already cordoned\n');
    expect((await t.run("kubectl get node node-1 -o jsonpath='{.spec.unschedulable}'")).stdout).toBe('true');
    expect((await t.run('kubectl uncordon node-1')).stdout).toBe('node/node-1 uncordoned\n');
    expect((await t.run('kubectl cordon node-1 --dry-run=client')).stdout).toBe(
      'node/node-1 cordoned (dry run)\n',
    );
    expect((await t.run('kubectl cordon')).stderr).toBe(
      "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
    );
    expect((await t.run('kubectl cordon nosuch')).stderr).toBe(
      'Error from server (NotFound): nodes "nosuch" not found\n',
    );
  });

  it('refuses to drain pods no controller would recreate, without --force', async () => {
    t.post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare' },
      spec: {
        nodeName: 'node-2',
        containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }],
      },
    });
    await t.advance(5_000);
    const r = await t.run('kubectl drain node-2');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('node/node-2 cordoned\n');
    expect(r.stderr).toContain('There are pending nodes to be drained:\n node-2\n');
    expect(r.stderr).toMatch(
      /^error: unable to drain node "node-2" due to error: cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare, continuing command\.\.\.\n/,
    );
    t.cluster.apiserver.handle({
      method: 'DELETE',
      path: '/api/v1/namespaces/default/pods/bare',
      query: { gracePeriodSeconds: ['0'] },
      headers: {},
      client: 'test',
    });
    await t.run('kubectl uncordon node-2');
  });

  it('evicts the pods of a node and waits for them to go', async () => {
    const node = (await webNodes())[0] ?? 'node-1';
    const r = await runFor(`kubectl drain ${node} --ignore-daemonsets --timeout=120s`, 120_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^node/${node} cordoned\\n(evicting pod default/web-\\S+\\n)+`));
    expect(r.stdout).toMatch(/pod\/web-\S+ evicted\n/);
    expect(r.stdout.endsWith(`node/${node} drained\n`)).toBe(true);
    expect(r.stderr).toBe('');
    await t.advance(30_000);
    expect(await webNodes()).not.toContain(node);
    await t.run(`kubectl uncordon ${node}`);
  });

  it('retries evictions a PodDisruptionBudget refuses, every 5 s, until --timeout', async () => {
    t.post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web' },
      spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } },
    });
    await t.advance(10_000);
    const node = (await webNodes())[0] ?? 'node-1';
    const r = await runFor(`kubectl drain ${node} --ignore-daemonsets --timeout=12s`, 60_000);
    expect(r.code).toBe(1);
    const retries = r.stderr.match(
      /\(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./g,
    );
    expect(retries?.length).toBeGreaterThanOrEqual(2);
    expect(r.stderr).toMatch(/error when evicting pods\/"web-\S+" -n "default": global timeout reached: 12s/);
    await t.run(`kubectl uncordon ${node}`);
  });

  it('adds, overwrites and removes taints', async () => {
    expect((await t.run('kubectl taint nodes node-3 gpu=yes:NoSchedule')).stdout).toBe(
      'node/node-3 tainted\n',
    );
    expect((await t.run('kubectl taint nodes node-3 gpu=no:NoSchedule')).stderr).toBe(
      'error: node node-3 already has gpu taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect((await t.run('kubectl taint nodes node-3 gpu=no:NoSchedule --overwrite')).stdout).toBe(
      'node/node-3 modified\n',
    );
    expect(
      (await t.run('kubectl get node node-3 -o jsonpath=\'{.spec.taints[?(@.key=="gpu")]}\'')).stdout,
    ).toBe('{"effect":"NoSchedule","key":"gpu","value":"no"}');
    expect((await t.run('kubectl taint nodes node-3 gpu-')).stdout).toBe('node/node-3 untainted\n');
    expect((await t.run('kubectl taint nodes node-3 gpu-')).stderr).toBe('error: taint "gpu" not found\n');
    expect((await t.run('kubectl taint nodes node-3 gpu=x:Sometimes')).stderr).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect((await t.run('kubectl taint pods x a=b:NoSchedule')).stderr).toBe(
      'error: invalid resource type pods, only node types are supported\n',
    );
  });
});
