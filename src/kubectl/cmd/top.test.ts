import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl top', () => {
  it('prints node and pod usage from metrics.k8s.io', async () => {
    const t = await testKubectl({ addons: true });
    await t.advance(120_000);
    const nodes = await t.run('kubectl top node');
    expect(nodes.stderr).toBe('');
    expect(nodes.stdout.split('\n')[0]).toMatch(
      /^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +$/,
    );
    expect(nodes.stdout).toMatch(/^node-1 +\d+m +\d+% +\d+Mi +\d+% +$/m);
    const pods = await t.run('kubectl top pod -n kube-system --containers --sort-by=cpu');
    expect(pods.stdout.split('\n')[0]).toMatch(/^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
    const all = await t.run('kubectl top pods -A --sum --no-headers');
    expect(all.stdout).toMatch(/ +________ +________ +\n +\d+m +\d+Mi +\n$/);
    expect((await t.run('kubectl top pod --sort-by=x')).stderr).toBe(
      'error: --sort-by accepts only cpu or memory\n',
    );
  });

  it('says so when the cluster has no Metrics API', async () => {
    const t = await testKubectl({ metricsServer: false });
    expect(await t.run('kubectl top node')).toEqual({
      stdout: '',
      stderr: 'error: Metrics API not available\n',
      code: 1,
    });
    expect((await t.run('kubectl top')).stderr).toContain('Available Commands:\n  node ');
  });
});
