import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)(
  'real kubectl: a Deployment becomes running pods on the nodes',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      // Ten times real time, so image pulls and heartbeats take a moment of the test's time.
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
    }, 60_000);
    afterAll(() => api?.stop());

    it('the control-plane and worker nodes register and are Ready', async () => {
      expect(
        (await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s'])).code,
      ).toBe(0);
      const nodes = rows((await api.kubectl(['get', 'nodes'])).stdout);
      expect(nodes[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
      expect(nodes.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
        ['control-plane', 'Ready', 'control-plane', 'v1.32.4'],
        ['node-1', 'Ready', '<none>', 'v1.32.4'],
        ['node-2', 'Ready', '<none>', 'v1.32.4'],
        ['node-3', 'Ready', '<none>', 'v1.32.4'],
      ]);
    });

    it('the nodes came up as on kind: pod CIDRs from node-ipam, Ready posted by the kubelet, no endpoint conflicts', async () => {
      const cidrs = await api.kubectl([
        'get',
        'nodes',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.spec.podCIDR} {end}',
      ]);
      expect(cidrs.stdout.trim()).toBe(
        'control-plane=10.244.0.0/24 node-1=10.244.1.0/24 node-2=10.244.2.0/24 node-3=10.244.3.0/24',
      );
      const describe = (await api.kubectl(['describe', 'node', 'node-1'])).stdout;
      expect(describe).toMatch(/^PodCIDR:\s+10\.244\.1\.0\/24$/m);
      expect(describe).toMatch(/^Taints:\s+<none>$/m);
      expect(describe).toMatch(/^\s+Ready\s+True\s.*\sKubeletReady\s+kubelet is posting ready status$/m);
      expect(describe).toMatch(
        /^\s+Normal\s+NodeReady\s+\S+\s+kubelet\s+Node node-1 status is now: NodeReady$/m,
      );
      const warnings = await api.kubectl([
        'get',
        'events',
        '-A',
        '--field-selector',
        'type=Warning',
        '-o',
        'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}',
      ]);
      expect(warnings.code).toBe(0);
      // Only the scheduler, while the nodes were not ready yet (as on kind).
      for (const line of warnings.stdout.split('\n').filter((l) => l !== ''))
        expect(line).toMatch(/^FailedScheduling: .*untolerated taint \{node\.kubernetes\.io\/not-ready: \}/);
    });

    it('create deployment -> replicaset -> scheduled, running pods; rollout status reports success', async () => {
      expect(
        (await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'])).code,
      ).toBe(0);
      const rollout = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(rollout.code).toBe(0);
      expect(rollout.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');

      const deploy = rows((await api.kubectl(['get', 'deployment', 'web'])).stdout);
      expect(deploy[1]?.slice(0, 4)).toEqual(['web', '3/3', '3', '3']);

      const rs = rows((await api.kubectl(['get', 'replicasets', '-l', 'app=web'])).stdout);
      expect(rs[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
      expect(rs[1]?.[0]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
      expect(rs[1]?.slice(1, 4)).toEqual(['3', '3', '3']);

      const pods = rows((await api.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'wide'])).stdout);
      expect(pods[0]).toEqual([
        'NAME',
        'READY',
        'STATUS',
        'RESTARTS',
        'AGE',
        'IP',
        'NODE',
        'NOMINATED NODE',
        'READINESS GATES',
      ]);
      expect(pods).toHaveLength(4);
      for (const pod of pods.slice(1)) {
        expect(pod[0]).toMatch(/^web-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
        expect(pod.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
        expect(pod[5]).toMatch(/^10\.244\.\d\.\d+$/);
        expect(pod[6]).toMatch(/^node-[123]$/);
      }
    });

    it('describe pod shows the events of scheduling and starting it', async () => {
      const name = (
        await api.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])
      ).stdout;
      const described = (await api.kubectl(['describe', 'pod', name])).stdout;
      expect(described).toMatch(/Status:\s+Running/);
      for (const reason of ['Scheduled', 'Pulling|Pulled', 'Created', 'Started'])
        expect(described).toMatch(new RegExp(`Normal\\s+(${reason})`));
    });

    it("a pod that asks for more cpu than any node has stays Pending with the scheduler's reason", async () => {
      await api.kubectl([
        'run',
        'huge',
        '--image=nginx',
        '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}',
      ]);
      await api.kubectl(['wait', '--for=condition=PodScheduled=false', 'pod/huge', '--timeout=30s']);
      const pod = rows((await api.kubectl(['get', 'pod', 'huge'])).stdout);
      expect(pod[1]?.slice(0, 3)).toEqual(['huge', '0/1', 'Pending']);
      const events = (
        await api.kubectl([
          'get',
          'events',
          '--field-selector',
          'involvedObject.name=huge,reason=FailedScheduling',
          '-o',
          'jsonpath={.items[0].message}',
        ])
      ).stdout;
      // The control-plane node's taint counts too, as on a kind cluster: upstream's own example.
      expect(events.trim()).toBe(
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
      );
    });

    it('scaling down and deleting the deployment removes its pods', async () => {
      expect((await api.kubectl(['scale', 'deployment', 'web', '--replicas=1'])).code).toBe(0);
      await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect((await api.kubectl(['delete', 'deployment', 'web'])).stdout).toBe(
        'deployment.apps "web" deleted\n',
      );
      expect(
        (await api.kubectl(['wait', '--for=delete', 'pod', '-l', 'app=web', '--timeout=60s'])).code,
      ).toBe(0);
    });
  },
);
