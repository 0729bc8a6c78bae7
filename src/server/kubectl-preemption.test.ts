import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

/** A 2-cpu pod per worker that ignores SIGTERM, so it stays Terminating for its grace period. */
const lowPod = (i: number) => `apiVersion: v1
kind: Pod
metadata:
  name: low-${i}
  labels:
    tier: low
spec:
  priorityClassName: low
  terminationGracePeriodSeconds: 120
  containers:
  - name: sleeper
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources:
      requests:
        cpu: "1500m"
`;

const HIGH = `apiVersion: v1
kind: Pod
metadata:
  name: high
spec:
  priorityClassName: high
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: "1500m"
`;

describe.skipIf(kubectl === null)(
  'real kubectl: PriorityClasses and preemption',
  { timeout: 180_000 },
  () => {
    let api: RunningApiserver;
    const waitFor = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 120 && !(await check()); i++) await new Promise((r) => setTimeout(r, 250));
    };
    const jsonpath = async (args: string[], path: string) =>
      (await api.kubectl(['get', ...args, '-o', `jsonpath=${path}`])).stdout;

    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
    }, 60_000);
    afterAll(() => api?.stop());

    it('get priorityclass lists the system classes with upstream columns', async () => {
      const out = await api.kubectl(['get', 'priorityclass']);
      expect(out.code).toBe(0);
      const table = rows(out.stdout);
      expect(table[0]).toEqual(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
      expect(table.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
        ['system-cluster-critical', '2000000000', 'false', 'PreemptLowerPriority'],
        ['system-node-critical', '2000001000', 'false', 'PreemptLowerPriority'],
      ]);
      const described = await api.kubectl(['describe', 'priorityclass', 'system-node-critical']);
      expect(described.stdout).toMatch(
        /Description:\s+Used for system critical pods that must not be moved from their current node\./,
      );
    });

    it('create priorityclass, and the admission errors kubectl shows', async () => {
      expect((await api.kubectl(['create', 'priorityclass', 'low', '--value=100'])).stdout).toBe(
        'priorityclass.scheduling.k8s.io/low created\n',
      );
      const high = await api.kubectl([
        'create',
        'priorityclass',
        'high',
        '--value=1000000',
        '--description=front-end traffic',
      ]);
      expect(high.stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
      const table = rows((await api.kubectl(['get', 'pc', 'high', 'low'])).stdout);
      expect(table.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
        ['high', '1000000', 'false', 'PreemptLowerPriority'],
        ['low', '100', 'false', 'PreemptLowerPriority'],
      ]);
      const missing = await api.kubectl([
        'run',
        'orphan',
        '--image=nginx',
        '--overrides={"spec":{"priorityClassName":"nope"}}',
      ]);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toBe(
        'Error from server (Forbidden): pods "orphan" is forbidden: no PriorityClass with name nope was found\n',
      );
      const second = await api.kubectl([
        'create',
        'priorityclass',
        'default-a',
        '--value=1',
        '--global-default',
      ]);
      expect(second.code).toBe(0);
      const third = await api.kubectl([
        'create',
        'priorityclass',
        'default-b',
        '--value=2',
        '--global-default',
      ]);
      expect(third.stderr).toBe(
        'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "default-b" is forbidden: PriorityClass default-a is already marked as default. Only one default can exist\n',
      );
      expect((await api.kubectl(['delete', 'priorityclass', 'default-a'])).code).toBe(0);
    });

    it('a high-priority pod preempts a low-priority one; describe shows the victim’s story', async () => {
      for (let i = 1; i <= 3; i++)
        expect((await api.kubectl(['apply', '-f', api.file(`low-${i}.yaml`, lowPod(i))])).code).toBe(0);
      expect(
        (await api.kubectl(['wait', '--for=condition=Ready', 'pod', '-l', 'tier=low', '--timeout=60s'])).code,
      ).toBe(0);
      expect((await api.kubectl(['apply', '-f', api.file('high.yaml', HIGH)])).code).toBe(0);
      await waitFor(async () => (await jsonpath(['pod', 'high'], '{.status.nominatedNodeName}')) !== '');
      const node = await jsonpath(['pod', 'high'], '{.status.nominatedNodeName}');
      expect(node).toMatch(/^node-[123]$/);
      const victim = (
        await jsonpath(
          ['pods', '-l', 'tier=low', '--field-selector', `spec.nodeName=${node}`],
          '{.items[0].metadata.name}',
        )
      ).trim();
      expect(victim).toMatch(/^low-[123]$/);
      const uid = await jsonpath(['pod', 'high'], '{.metadata.uid}');

      const described = (await api.kubectl(['describe', 'pod', victim])).stdout;
      expect(described).toMatch(/^Priority:\s+100$/m);
      expect(described).toMatch(/^Priority Class Name:\s+low$/m);
      expect(described).toMatch(/^Status:\s+Terminating \(lasts .+\)$/m);
      expect(described).toMatch(/^\s+DisruptionTarget\s+True\s*$/m);
      expect(described).toMatch(
        new RegExp(
          `^\\s+Normal\\s+Preempted\\s+\\S+\\s+default-scheduler\\s+Preempted by pod ${uid} on node ${node}$`,
          'm',
        ),
      );

      const wide = rows((await api.kubectl(['get', 'pod', 'high', '-o', 'wide'])).stdout);
      expect(wide[0]).toContain('NOMINATED NODE');
      expect(wide[1]?.[wide[0]?.indexOf('NOMINATED NODE') ?? -1]).toBe(node);
      const highDescribed = (await api.kubectl(['describe', 'pod', 'high'])).stdout;
      expect(highDescribed).toMatch(/^Priority:\s+1000000$/m);
      expect(highDescribed).toMatch(
        /^\s+Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 Insufficient cpu\.$/m,
      );

      // When the victim's grace period ends, the pod lands on its nominated node.
      expect((await api.kubectl(['wait', '--for=condition=Ready', 'pod/high', '--timeout=90s'])).code).toBe(
        0,
      );
      expect(await jsonpath(['pod', 'high'], '{.spec.nodeName}')).toBe(node);
      expect((await api.kubectl(['get', 'pod', victim])).stderr).toBe(
        `Error from server (NotFound): pods "${victim}" not found\n`,
      );
    });
  },
);
