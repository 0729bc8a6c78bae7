import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl scale and patch', () => {
  it('scales through the scale subresource, with preconditions', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    expect((await k.run('kubectl scale deployment web --replicas=3')).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    expect((await k.run('kubectl get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
    expect((await k.run('kubectl scale deployment web --replicas=1 --current-replicas=2')).stderr).toBe(
      'error: Expected replicas to be 2, was 3\n',
    );
    expect(
      (await k.run('kubectl scale deployment web --replicas=1 --current-replicas=3 -o name')).stdout,
    ).toBe('deployment.apps/web\n');
    expect((await k.run('kubectl scale deployment web')).stderr).toMatch(
      /required flag\(s\) \\"replicas\\" not set/,
    );
  });

  it('patches with strategic merge, merge and JSON patches', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    expect((await k.run(`kubectl patch deployment web -p '{"spec":{"replicas":2}}'`)).stdout).toBe(
      'deployment.apps/web patched\n',
    );
    expect(
      (await k.run(`kubectl patch deployment web -p '{"spec":{"replicas":2}}' --dry-run=client`)).stdout,
    ).toBe('deployment.apps/web patched (no change)\n');
    expect((await k.run(`kubectl patch deployment web --type=merge -p 'spec: {replicas: 4}'`)).stdout).toBe(
      'deployment.apps/web patched\n',
    );
    const json = `kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]' -o jsonpath={.spec.replicas}`;
    expect((await k.run(json)).stdout).toBe('1');
    expect((await k.run(`kubectl patch deployment web --type=foo -p '{}'`)).stderr).toBe(
      'error: --type must be one of [json merge strategic], not "foo"\n',
    );
    expect((await k.run('kubectl patch deployment web')).stderr).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
  });
});
