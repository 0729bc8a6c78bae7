import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)(
  'real kubectl: logs, exec and attach through the kubelet',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    let web = '';
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
      await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27']);
      await api.kubectl([
        'run',
        'ticker',
        '--image=busybox',
        '--',
        'sh',
        '-c',
        'while true; do echo tick; sleep 1; done',
      ]);
      await api.kubectl([
        'run',
        'crash',
        '--image=busybox',
        '--',
        'sh',
        '-c',
        'echo starting; sleep 2; echo boom >&2; exit 1',
      ]);
      await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      await api.kubectl(['wait', '--for=condition=Ready', 'pod/ticker', '--timeout=60s']);
      web = (await api.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']))
        .stdout;
    }, 90_000);
    afterAll(() => api?.stop());

    it("kubectl logs shows nginx's startup lines; --tail and --timestamps", async () => {
      const logs = await api.kubectl(['logs', 'deploy/web']);
      expect(logs.code).toBe(0);
      const lines = logs.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      );
      expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
      expect(lines.at(-1)).toMatch(
        /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 30$/,
      );
      expect((await api.kubectl(['logs', web])).stdout).toBe(logs.stdout);
      const tail = (await api.kubectl(['logs', web, '--tail=1', '--timestamps'])).stdout;
      expect(tail).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S+ \S+ \[notice\] 1#1: start worker process 30\n$/,
      );
    });

    it('kubectl logs -f streams new lines as the container prints them', async () => {
      const proc = spawn(kubectl ?? '', ['logs', '-f', 'ticker', '--tail=1'], {
        env: { ...process.env, KUBECONFIG: `${api.dir}/kubeconfig`, HOME: api.dir },
      });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const ticks = () => out.split('\n').filter((l) => l === 'tick').length;
      // One tick a virtual second at 10x speed: a handful within a few real seconds.
      for (let i = 0; i < 60 && ticks() < 5; i++) await new Promise((r) => setTimeout(r, 250));
      proc.kill();
      expect(ticks()).toBeGreaterThanOrEqual(5);
    });

    it('kubectl logs --previous shows the crashed instance', async () => {
      for (let i = 0; i < 40; i++) {
        const restarts = (
          await api.kubectl([
            'get',
            'pod',
            'crash',
            '-o',
            'jsonpath={.status.containerStatuses[0].restartCount}',
          ])
        ).stdout;
        if (Number(restarts) >= 1) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const previous = await api.kubectl(['logs', 'crash', '--previous']);
      expect(previous).toMatchObject({ code: 0, stdout: 'starting\nboom\n' });
      const none = await api.kubectl(['logs', web, '--previous']);
      expect(none.stderr).toBe(
        `Error from server (BadRequest): previous terminated container "nginx" in pod "${web}" not found\n`,
      );
    });

    it('kubectl exec runs commands in the container, with their output and exit code', async () => {
      expect(await api.kubectl(['exec', web, '--', 'hostname'])).toMatchObject({
        code: 0,
        stdout: `${web}\n`,
      });
      expect(await api.kubectl(['exec', web, '--', 'sh', '-c', 'echo hello; exit 3'])).toEqual({
        code: 3,
        stdout: 'hello\n',
        stderr: 'command terminated with exit code 3\n',
      });
      expect(await api.kubectl(['exec', '-i', web, '--', 'cat'], { stdin: 'one\ntwo\n' })).toMatchObject({
        code: 0,
        stdout: 'one\ntwo\n',
      });
      const unknown = await api.kubectl(['exec', web, '--', 'foo']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(
        /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown\n$/,
      );
    });

    it('kubectl exec into a pod that is not running fails as upstream does', async () => {
      await api.kubectl([
        'run',
        'huge',
        '--image=nginx',
        '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}',
      ]);
      const pending = await api.kubectl(['exec', 'huge', '--', 'hostname']);
      expect(pending).toMatchObject({
        code: 1,
        stderr: 'Error from server (BadRequest): pod huge does not have a host assigned\n',
      });
      await api.kubectl(['run', 'bad', '--image=nginx:nonexistent']);
      await eventually(
        api,
        ['get', 'pod', 'bad', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.reason}'],
        (r) => /ErrImagePull|ImagePullBackOff/.test(r),
      );
      const notRunning = await api.kubectl(['exec', 'bad', '--', 'ls']);
      expect(notRunning.stderr).toBe(
        'error: Internal error occurred: unable to upgrade connection: container not found ("bad")\n',
      );
      const logs = await api.kubectl(['logs', 'bad']);
      expect(logs.stderr).toMatch(
        /^Error from server \(BadRequest\): container "bad" in pod "bad" is waiting to start: (image can't be pulled|trying and failing to pull image|ContainerCreating)\n$/,
      );
    });
  },
);
