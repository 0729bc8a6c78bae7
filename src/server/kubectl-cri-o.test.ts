import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)('real kubectl: a cluster on CRI-O', { timeout: 90_000 }, () => {
  let api: RunningApiserver;
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '10', '--container-runtime', 'cri-o']);
    await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
  }, 90_000);
  afterAll(() => api?.stop());

  it("get nodes -o wide shows cri-o as every node's runtime", async () => {
    const r = await api.kubectl(['get', 'nodes', '-o', 'wide']);
    expect(r.code).toBe(0);
    const [header, ...nodes] = rows(r.stdout);
    const column = header?.indexOf('CONTAINER-RUNTIME') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(nodes.map((n) => n[column])).toEqual(nodes.map(() => 'cri-o://1.32.4'));
  });

  it('pods carry cri-o:// container ids', async () => {
    await api.kubectl(['run', 'web', '--image=nginx:1.27']);
    const r = await eventually(
      api,
      ['get', 'pod', 'web', '-o', 'jsonpath={.status.containerStatuses[0].containerID}'],
      (out) => out !== '',
    );
    expect(r.stdout).toMatch(/^cri-o:\/\/[0-9a-f]{64}$/);
  });

  it("describe pod shows CRI-O's pull error for a missing tag", async () => {
    await api.kubectl(['run', 'typo', '--image=nginx:nonexistent']);
    const r = await eventually(api, ['describe', 'pod', 'typo'], (out) =>
      out.includes('Failed to pull image'),
    );
    expect(r.stdout).toContain(
      'Failed to pull image "nginx:nonexistent": rpc error: code = Unknown desc = initializing source docker://docker.io/library/nginx:nonexistent: reading manifest nonexistent in docker.io/library/nginx: manifest unknown',
    );
  });
});
