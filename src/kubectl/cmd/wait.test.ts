import { beforeAll, describe, expect, it } from 'vitest';
import { OutputBuffer } from '../io/output';
import { testKubectl, type TestKubectl } from '../testing';

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'wait' } },
  spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] },
});

describe('kubectl wait', () => {
  let t: TestKubectl;
  /** Starts a line; `then` runs the simulation for `ms` in 1 s steps, then the result comes. */
  const during = async (line: string, ms: number, meanwhile: () => void = () => {}) => {
    const out = new OutputBuffer();
    let code: number | undefined;
    const exit = t.kubectl.run(line, out).exit.then((c) => (code = c));
    await t.advance(0);
    meanwhile();
    for (let waited = 0; code === undefined && waited < ms; waited += 1_000) await t.advance(1_000);
    return out.result(await exit);
  };
  beforeAll(async () => {
    t = await testKubectl();
  });

  it('waits for a condition on the virtual clock', async () => {
    const r = await t.run('kubectl wait --for=condition=Ready pod/first --timeout=60s');
    expect(r.stderr).toBe('Error from server (NotFound): pods "first" not found\n');
    t.post('/api/v1/namespaces/default/pods', pod('first'));
    const ready = await during('kubectl wait --for=condition=Ready pod/first --timeout=60s', 60_000);
    expect(ready).toEqual({ stdout: 'pod/first condition met\n', stderr: '', code: 0 });
    expect(
      (await t.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pods -l app=wait")).stdout,
    ).toBe('pod/first condition met\n');
  });

  it('times out after --timeout of simulated time', async () => {
    const r = await during('kubectl wait --for=condition=Ready=false pod/first --timeout=5s', 30_000);
    expect(r).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/first\n',
      code: 1,
    });
    expect((await t.run('kubectl wait --for=condition=Ready=false pod/first --timeout=0')).stderr).toBe(
      'error: condition not met for pods/first\n',
    );
  });

  it('waits for an object to be created, or deleted', async () => {
    const created = await during('kubectl wait --for=create pod/second --timeout=30s', 30_000, () =>
      t.post('/api/v1/namespaces/default/pods', pod('second')),
    );
    expect(created.stdout).toBe('pod/second condition met\n');
    await t.advance(10_000);
    const deleted = await during('kubectl wait --for=delete pod/second --timeout=60s', 60_000, () =>
      t.cluster.apiserver.handle({
        method: 'DELETE',
        path: '/api/v1/namespaces/default/pods/second',
        query: {},
        headers: {},
        client: 'test',
      }),
    );
    expect(deleted).toEqual({ stdout: 'pod/second condition met\n', stderr: '', code: 0 });
    expect(await t.run('kubectl wait --for=delete pod/second')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('fails as kubectl does', async () => {
    expect((await t.run('kubectl wait pod/first')).stderr).toBe('error: unrecognized condition: ""\n');
    expect((await t.run('kubectl wait --for=condition=Ready pods')).stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect((await t.run('kubectl wait --for=condition=Ready pods -l app=none')).stderr).toBe(
      'error: no matching resources found\n',
    );
    expect((await t.run("kubectl wait --for=jsonpath='{.status.phase}'= pod/first")).stderr).toBe(
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
    );
  });
});
