import { beforeAll, describe, expect, it } from 'vitest';
import type { RestRequest, Transport } from '../client/transport';
import { testKubectl, type TestKubectl } from '../testing';

/** A Deployment `web` with `replicas` pods of nginx, labelled app=web. */
const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
});

/** Output with ages (`60s`, `2m`) made `<age>`, so expectations do not depend on timing. */
const ages = (text: string) => text.replace(/\b\d+[smh]\b/g, '<age>');

describe('kubectl get', () => {
  let t: TestKubectl;
  const requests: RestRequest[] = [];
  const recording = (inner: Transport): Transport => ({
    send: (req, signal) => (requests.push(req), inner.send(req, signal)),
    stream: (req, onChunk, signal) => (requests.push(req), inner.stream(req, onChunk, signal)),
    connect: (req) => (requests.push(req), inner.connect(req)),
  });

  beforeAll(async () => {
    t = await testKubectl({}, recording);
    t.post('/apis/apps/v1/namespaces/default/deployments', deployment('web', 2));
    await t.advance(60_000);
  });

  const last = () => requests[requests.length - 1] as RestRequest;

  it('lists with a server-side Table, in chunks of 500', async () => {
    const { stdout, code } = await t.run('kubectl get pods');
    expect(code).toBe(0);
    expect(ages(stdout)).toBe(
      'NAME                  READY   STATUS    RESTARTS   AGE\n' +
        'web-c68c68797-hfmsc   1/1     Running   0          <age>\n' +
        'web-c68c68797-zlrrf   1/1     Running   0          <age>\n',
    );
    expect(last()).toMatchObject({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      query: { limit: ['500'] },
      headers: {
        accept:
          'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      },
    });
  });

  it('says when nothing is found, naming the namespace', async () => {
    expect(await t.run('kubectl get pods -n kube-public')).toEqual({
      stdout: '',
      stderr: 'No resources found in kube-public namespace.\n',
      code: 0,
    });
    expect(await t.run('kubectl get pvc -A')).toEqual({
      stdout: '',
      stderr: 'No resources found\n',
      code: 0,
    });
  });

  it('prints several types as kind/name tables separated by blank lines', async () => {
    expect(ages((await t.run('kubectl get deploy,rs')).stdout)).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n' +
        'deployment.apps/web   2/2     2            2           <age>\n' +
        '\n' +
        'NAME                            DESIRED   CURRENT   READY   AGE\n' +
        'replicaset.apps/web-c68c68797   2         2         2       <age>\n',
    );
    expect(ages((await t.run('kubectl get deploy,rs --no-headers')).stdout)).toBe(
      'deployment.apps/web   2/2   2     2     <age>\nreplicaset.apps/web-c68c68797   2     2     2     <age>\n',
    );
  });

  it('adds NAMESPACE with -A, and keeps it for the types after a namespaced one (as kubectl does)', async () => {
    expect(ages((await t.run('kubectl get svc,nodes -A')).stdout)).toBe(
      'NAMESPACE   NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'default     service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   <age>\n' +
        '\n' +
        'NAMESPACE   NAME          STATUS   ROLES    AGE   VERSION\n' +
        '            node/node-1   Ready    <none>   <age>    v1.32.4\n' +
        '            node/node-2   Ready    <none>   <age>    v1.32.4\n' +
        '            node/node-3   Ready    <none>   <age>    v1.32.4\n',
    );
    expect((await t.run('kubectl get nodes -A')).stdout).toMatch(/^NAME {5}STATUS/);
  });

  it('prints labels with --show-labels and -L', async () => {
    expect(ages((await t.run('kubectl get deploy --show-labels -L app,missing')).stdout)).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   APP   MISSING   LABELS\n' +
        'web    2/2     2            2           <age>   web             app=web\n',
    );
  });

  it('selects by label and field, asking the server to filter', async () => {
    const { stdout } = await t.run(
      'kubectl get pods -l app=web --field-selector status.phase=Running --no-headers',
    );
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(last().query).toMatchObject({
      labelSelector: ['app=web'],
      fieldSelector: ['status.phase=Running'],
    });
  });

  it('pages through a list with continue tokens, printing one header', async () => {
    const before = requests.length;
    const { stdout } = await t.run('kubectl get ns --chunk-size=1');
    const pages = requests.slice(before).filter((r) => r.path === '/api/v1/namespaces');
    expect(pages).toHaveLength(4);
    expect(pages[1]?.query).toMatchObject({ limit: ['1'], continue: [expect.any(String)] });
    expect(stdout.split('\n').filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(stdout).toMatch(/^NAME {14}STATUS {3}AGE\ndefault {11}Active/);
  });

  it('sorts rows, requesting whole objects in one list', async () => {
    const { stdout } = await t.run('kubectl get ns --sort-by=.metadata.name --no-headers');
    expect(stdout.split('\n').map((l) => l.split(' ')[0])).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      '',
    ]);
    expect(last().query).toEqual({ includeObject: ['Object'] });
  });

  it('gets objects by name, reporting the missing ones after the others', async () => {
    expect(await t.run('kubectl get deploy web nosuch --no-headers')).toMatchObject({
      stdout: expect.stringMatching(/^web {3}2\/2 /),
      stderr: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
      code: 1,
    });
    expect(last().path).toBe('/apis/apps/v1/namespaces/default/deployments/nosuch');
    expect(await t.run('kubectl get deploy nosuch --ignore-not-found')).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
  });

  it('prints other formats through the printers', async () => {
    expect(await t.run('kubectl get deploy/web ns/default -o name')).toEqual({
      stdout: 'deployment.apps/web\nnamespace/default\n',
      stderr: '',
      code: 0,
    });
    const yaml = await t.run('kubectl get ns default -o yaml');
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(yaml.stdout).not.toContain('managedFields');
    expect(last().headers.accept).toBe('application/json, */*');
    expect((await t.run("kubectl get deploy -o jsonpath='{.items[0].spec.replicas}'")).stdout).toBe('2');
  });

  it('logs each request at -v=6', async () => {
    const { stderr } = await t.run('kubectl get ns default -v=6');
    expect(stderr).toMatch(
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 round_trippers\.go:560\] GET https:\/\/127\.0\.0\.1:6443\/api\/v1\/namespaces\/default 200 OK in 0 milliseconds\n$/,
    );
  });

  it('watches from the list’s resourceVersion, or one object by name from 0', async () => {
    const list = t.start('kubectl get pods -l app=web -w');
    await t.advance(100);
    const listed = requests.findLast((r) => r.query.watch === undefined && r.path.endsWith('/pods'));
    expect(last()).toMatchObject({
      path: '/api/v1/namespaces/default/pods',
      query: {
        watch: ['true'],
        labelSelector: ['app=web'],
        resourceVersion: [expect.stringMatching(/^\d+$/)],
      },
    });
    expect(listed?.query.labelSelector).toEqual(['app=web']);
    list.interrupt();
    await list.exit;
    const one = t.start('kubectl get deploy web -w');
    await t.advance(100);
    expect(last()).toMatchObject({
      path: '/apis/apps/v1/namespaces/default/deployments',
      query: { watch: ['true'], resourceVersion: ['0'], fieldSelector: ['metadata.name=web'] },
    });
    one.interrupt();
    expect(await one.exit).toBe(1);
  });

  it('--raw prints the body as the server sent it', async () => {
    const { stdout } = await t.run('kubectl get --raw /api/v1/namespaces/default');
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
  });
});

describe('kubectl get --watch', () => {
  it('prints what is there, then a row per event, until Ctrl-C ends it with exit code 1', async () => {
    const t = await testKubectl();
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } });
    const run = t.start('kubectl get ns -w');
    await t.advance(1000);
    const listed = run.output.out;
    expect(listed.split('\n')[0]).toBe('NAME              STATUS   AGE');
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } });
    await t.advance(1000);
    expect(run.output.out.slice(listed.length)).toBe('db                Active   0s\n');
    run.interrupt();
    expect(await run.exit).toBe(1);
  });

  it('skips the synthetic ADDED event of a watch on one object, and can print event types', async () => {
    const t = await testKubectl();
    const run = t.start('kubectl get ns default -w --output-watch-events');
    await t.advance(1000);
    expect(ages(run.output.out)).toBe(
      'EVENT      NAME      STATUS   AGE\nADDED      default   Active   <age>\n',
    );
    run.interrupt();
    expect(await run.exit).toBe(1);
  });

  it('--watch-only prints only the changes', async () => {
    const t = await testKubectl();
    const run = t.start('kubectl get ns --watch-only');
    await t.advance(1000);
    expect(run.output.out).toBe('');
    t.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db' } });
    await t.advance(1000);
    expect(run.output.out).toBe('NAME   STATUS   AGE\ndb     Active   0s\n');
    run.interrupt();
    await run.exit;
  });

  it('refuses to watch several types', async () => {
    const t = await testKubectl();
    expect(await t.run('kubectl get pods,svc -w')).toEqual({
      stdout: '',
      stderr: 'error: you may only specify a single resource type\n',
      code: 1,
    });
  });
});
