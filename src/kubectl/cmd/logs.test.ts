import { beforeAll, describe, expect, it } from 'vitest';
import { testKubectl, type TestKubectl } from '../testing';

/** A pod of busybox containers running `scripts` (name -> shell script). */
const pod = (name: string, scripts: Record<string, string>, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'logs' }, ...extra },
  spec: {
    containers: Object.entries(scripts).map(([c, script]) => ({
      name: c,
      image: 'busybox',
      command: ['sh', '-c', script],
    })),
  },
});

describe('kubectl logs', () => {
  let t: TestKubectl;
  beforeAll(async () => {
    t = await testKubectl();
    t.post('/api/v1/namespaces/default/pods', pod('one', { main: 'echo hello; echo world' }));
    t.post(
      '/api/v1/namespaces/default/pods',
      pod('two', { a: 'echo from a; sleep 3600', b: 'echo from b; sleep 3600' }),
    );
    t.post(
      '/api/v1/namespaces/default/pods',
      pod(
        'annotated',
        { a: 'echo from a; sleep 3600', b: 'echo from b; sleep 3600' },
        { annotations: { 'kubectl.kubernetes.io/default-container': 'b' } },
      ),
    );
    t.post(
      '/api/v1/namespaces/default/pods',
      pod('ticker', { main: 'while true; do echo tick; sleep 1; done' }),
    );
    await t.advance(30_000);
  });

  it("prints a single container's log", async () => {
    expect(await t.run('kubectl logs one')).toEqual({ stdout: 'hello\nworld\n', stderr: '', code: 0 });
    expect((await t.run('kubectl logs one --tail=1')).stdout).toBe('world\n');
    expect((await t.run('kubectl logs pod/one --prefix')).stdout).toBe(
      '[pod/one/main] hello\n[pod/one/main] world\n',
    );
  });

  it('defaults to the first container, or the annotated one, and says so', async () => {
    expect(await t.run('kubectl logs two')).toEqual({
      stdout: 'from a\n',
      stderr: 'Defaulted container "a" out of: a, b\n',
      code: 0,
    });
    expect(await t.run('kubectl logs annotated')).toEqual({ stdout: 'from b\n', stderr: '', code: 0 });
    expect((await t.run('kubectl logs two -c b')).stdout).toBe('from b\n');
    expect((await t.run('kubectl logs two b')).stdout).toBe('from b\n');
    expect((await t.run('kubectl logs two --all-containers --prefix')).stdout).toBe(
      '[pod/two/a] from a\n[pod/two/b] from b\n',
    );
  });

  it('reads the pods of a selector, 10 lines each', async () => {
    const r = await t.run('kubectl logs -l app=logs --prefix');
    expect(r.stdout).toContain('[pod/one/main] hello\n');
    expect(r.stdout).toContain('[pod/annotated/b] from b\n');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('[pod/ticker/')).length).toBe(10);
  });

  it('fails as kubectl does', async () => {
    expect(await t.run('kubectl logs nosuch')).toEqual({
      stdout: '',
      stderr: 'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n',
      code: 1,
    });
    expect((await t.run('kubectl logs two -c nope')).stderr).toBe(
      'error: container nope is not valid for pod two\n',
    );
    expect((await t.run('kubectl logs two -c a --previous')).stderr).toBe(
      'Error from server (BadRequest): previous terminated container "a" in pod "two" not found\n',
    );
    expect((await t.run('kubectl logs two -c a b')).stderr).toBe(
      'error: only one of -c or an inline [CONTAINER] arg is allowed\n',
    );
    expect((await t.run('kubectl logs')).stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect((await t.run('kubectl logs one --since=x')).stderr).toBe(
      'Error: invalid argument "x" for "--since" flag: time: invalid duration "x"\nSee \'kubectl logs --help\' for usage.\n',
    );
    expect((await t.run('kubectl logs one --since-time=2020')).stderr).toBe(
      'error: parsing time "2020" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "-"\n',
    );
  });

  it('follows a log as the container writes it, until Ctrl-C', async () => {
    const run = t.start('kubectl logs -f ticker --tail=1');
    await t.advance(3_000);
    run.interrupt();
    expect(await run.exit).toBe(1);
    expect(run.output.out).toBe('tick\n'.repeat(4));
  });

  it('picks a pod of a workload, and waits for one to exist', async () => {
    t.post('/apis/batch/v1/namespaces/default/jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'hello' },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo job says hi'] }],
          },
        },
      },
    });
    const run = t.start('kubectl logs job/hello');
    await t.advance(20_000);
    expect(await run.exit).toBe(0);
    // The Job had no pod when the command started: it waited for one, which had not run yet.
    expect(run.output.err).toBe('');
    expect((await t.run('kubectl logs job/hello')).stdout).toBe('job says hi\n');
    expect((await t.run('kubectl logs cm/kube-root-ca.crt')).stderr).toBe(
      'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
  });
});
