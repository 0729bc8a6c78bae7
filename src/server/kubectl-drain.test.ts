import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

/** The whitespace-separated cells of each line of kubectl's table output. */
const rows = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

describe.skipIf(kubectl === null)(
  'real kubectl: cordon and drain a node under a PodDisruptionBudget',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    const nodeOf = async () =>
      (
        await api.kubectl([
          'get',
          'pods',
          '-l',
          'app=web',
          '-o',
          'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}',
        ])
      ).stdout
        .trim()
        .split('\n');
    const allowed = async () =>
      (await api.kubectl(['get', 'pdb', 'web', '-o', 'jsonpath={.status.disruptionsAllowed}'])).stdout;
    const waitFor = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 60 && !(await check()); i++) await new Promise((r) => setTimeout(r, 500));
    };

    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
    }, 60_000);
    afterAll(() => api?.stop());

    it('a Deployment of 3 and a PDB of minAvailable 2 allow one disruption', async () => {
      expect(
        (await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'])).code,
      ).toBe(0);
      expect((await api.kubectl(['apply', '-f', api.file('pdb.yaml', PDB)])).code).toBe(0);
      expect((await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).code).toBe(0);
      await waitFor(async () => (await allowed()) === '1');
      const pdb = rows((await api.kubectl(['get', 'pdb'])).stdout);
      expect(pdb[0]).toEqual(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
      expect(pdb[1]?.slice(0, 4)).toEqual(['web', '2', 'N/A', '1']);
      const status = JSON.parse(
        (await api.kubectl(['get', 'pdb', 'web', '-o', 'jsonpath={.status}'])).stdout,
      );
      expect(status).toMatchObject({
        currentHealthy: 3,
        desiredHealthy: 2,
        expectedPods: 3,
        observedGeneration: 1,
      });
      expect(status.conditions).toEqual([
        expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }),
      ]);
    });

    it('cordon marks node-1 SchedulingDisabled', async () => {
      expect((await api.kubectl(['cordon', 'node-1'])).stdout).toBe('node/node-1 cordoned\n');
      const nodes = rows((await api.kubectl(['get', 'node', 'node-1'])).stdout);
      expect(nodes[1]?.slice(0, 2)).toEqual(['node-1', 'Ready,SchedulingDisabled']);
    });

    it('drain evicts node-1 pods within the budget; they come back on other nodes', async () => {
      const before = await nodeOf();
      const drain = await api.kubectl([
        'drain',
        'node-1',
        '--ignore-daemonsets',
        '--delete-emptydir-data',
        '--timeout=60s',
      ]);
      expect(drain.stderr).not.toMatch(/error: /);
      expect(drain.code).toBe(0);
      expect(drain.stdout).toMatch(/^node\/node-1 already cordoned\n/);
      expect(drain.stdout).toMatch(/node\/node-1 drained\n$/);
      for (let i = 0; i < before.filter((n) => n === 'node-1').length; i++)
        expect(drain.stdout).toMatch(/evicting pod default\/web-/);
      expect((await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).code).toBe(0);
      const after = await nodeOf();
      expect(after).toHaveLength(3);
      expect(after).not.toContain('node-1');
      await waitFor(async () => (await allowed()) === '1');
      expect(rows((await api.kubectl(['get', 'pdb', 'web'])).stdout)[1]?.slice(0, 4)).toEqual([
        'web',
        '2',
        'N/A',
        '1',
      ]);
    });

    it('a drain refused by the budget retries every 5s, and finishes once the budget allows it', async () => {
      // Every pod must stay: evictions are refused with 429 until the budget is relaxed.
      expect(
        (await api.kubectl(['patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":3}}']))
          .code,
      ).toBe(0);
      await waitFor(async () => (await allowed()) === '0');
      const target = (await nodeOf())[0] ?? 'node-2';
      const pending = api.kubectl([
        'drain',
        target,
        '--ignore-daemonsets',
        '--delete-emptydir-data',
        '--timeout=60s',
      ]);
      await new Promise((r) => setTimeout(r, 7000));
      expect(
        (await api.kubectl(['patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":2}}']))
          .code,
      ).toBe(0);
      const drain = await pending;
      expect(drain.stderr).toMatch(
        /error when evicting pods\/"web-[a-z0-9-]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./,
      );
      expect(drain.code).toBe(0);
      expect(drain.stdout).toMatch(new RegExp(`node/${target} drained\\n$`));
      expect((await api.kubectl(['uncordon', target])).stdout).toBe(`node/${target} uncordoned\n`);
    });

    it('uncordon makes node-1 schedulable again', async () => {
      expect((await api.kubectl(['uncordon', 'node-1'])).stdout).toBe('node/node-1 uncordoned\n');
      const nodes = rows((await api.kubectl(['get', 'node', 'node-1'])).stdout);
      expect(nodes[1]?.slice(0, 2)).toEqual(['node-1', 'Ready']);
    });
  },
);
