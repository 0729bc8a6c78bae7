import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

describe.skipIf(kubectl === null)(
  'real kubectl: creating, reading and changing objects',
  { timeout: 60_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '');
    }, 60_000);
    afterAll(() => api?.stop());

    it('create -f and get show a Deployment with its real columns and defaults', async () => {
      const created = await api.kubectl(['create', '-f', api.file('web.yaml', DEPLOYMENT)]);
      expect(created).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });

      // Once the deployment controller has created the ReplicaSet, before any pod is available.
      const waited = await api.kubectl([
        'wait',
        '--for=jsonpath={.status.updatedReplicas}=2',
        'deployment/web',
        '--timeout=20s',
      ]);
      expect(waited.code).toBe(0);
      const table = await api.kubectl(['get', 'deployments']);
      expect(rows(table.stdout)[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
      expect(rows(table.stdout)[1]?.slice(0, 4)).toEqual([
        'web',
        expect.stringMatching(/^[0-2]\/2$/),
        '2',
        expect.stringMatching(/^[0-2]$/),
      ]);

      const wide = await api.kubectl(['get', 'deploy', 'web', '-o', 'wide']);
      expect(rows(wide.stdout)[0]).toEqual([
        'NAME',
        'READY',
        'UP-TO-DATE',
        'AVAILABLE',
        'AGE',
        'CONTAINERS',
        'IMAGES',
        'SELECTOR',
      ]);
      expect(rows(wide.stdout)[1]?.slice(5)).toEqual(['nginx', 'nginx:1.27', 'app=web']);

      const json = await api.kubectl(['get', 'deploy', 'web', '-o', 'json']);
      const obj = JSON.parse(json.stdout) as {
        metadata: Record<string, unknown>;
        spec: Record<string, unknown>;
      };
      expect(obj.metadata).toMatchObject({ name: 'web', namespace: 'default', generation: 1 });
      expect(obj.metadata.uid).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(obj.spec).toMatchObject({
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      });
    });

    it('typed create commands (sent as protobuf) create namespaces, configmaps, secrets and deployments', async () => {
      expect(await api.kubectl(['create', 'namespace', 'dev'])).toMatchObject({
        code: 0,
        stdout: 'namespace/dev created\n',
      });
      expect(
        await api.kubectl(['create', 'configmap', 'settings', '-n', 'dev', '--from-literal=color=blue']),
      ).toMatchObject({
        code: 0,
        stdout: 'configmap/settings created\n',
      });
      expect(
        await api.kubectl(['create', 'secret', 'generic', 'token', '-n', 'dev', '--from-literal=key=s3cr3t']),
      ).toMatchObject({
        code: 0,
        stdout: 'secret/token created\n',
      });
      expect(await api.kubectl(['create', 'deployment', 'api', '-n', 'dev', '--image=nginx'])).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/api created\n',
      });
      const color = await api.kubectl([
        'get',
        'configmap',
        'settings',
        '-n',
        'dev',
        '-o',
        'jsonpath={.data.color}',
      ]);
      expect(color.stdout).toBe('blue');
      const secret = await api.kubectl(['get', 'secret', 'token', '-n', 'dev', '-o', 'jsonpath={.data.key}']);
      expect(Buffer.from(secret.stdout, 'base64').toString()).toBe('s3cr3t');
      const names = await api.kubectl(['get', 'configmaps,secrets,deployments', '-n', 'dev', '-o', 'name']);
      expect(names.stdout.trim().split('\n')).toEqual([
        'configmap/kube-root-ca.crt',
        'configmap/settings',
        'secret/token',
        'deployment.apps/api',
      ]);
    });

    it('label, annotate, --show-labels and -l selectors', async () => {
      await api.kubectl(['create', 'configmap', 'labelled']);
      expect((await api.kubectl(['label', 'configmap', 'labelled', 'tier=front'])).stdout).toBe(
        'configmap/labelled labeled\n',
      );
      expect((await api.kubectl(['annotate', 'configmap', 'labelled', 'owner=team-a'])).stdout).toBe(
        'configmap/labelled annotated\n',
      );
      const shown = await api.kubectl(['get', 'configmap', 'labelled', '--show-labels']);
      expect(rows(shown.stdout)[0]).toEqual(['NAME', 'DATA', 'AGE', 'LABELS']);
      expect(rows(shown.stdout)[1]?.[3]).toBe('tier=front');
      const selected = await api.kubectl(['get', 'configmaps', '-l', 'tier=front', '-o', 'name']);
      expect(selected.stdout).toBe('configmap/labelled\n');
      const none = await api.kubectl(['get', 'configmaps', '-l', 'tier=back']);
      expect(none).toMatchObject({ code: 0, stdout: '' });
      expect(none.stderr).toBe('No resources found in default namespace.\n');
      const annotation = await api.kubectl([
        'get',
        'configmap',
        'labelled',
        '-o',
        'jsonpath={.metadata.annotations.owner}',
      ]);
      expect(annotation.stdout).toBe('team-a');
    });

    it.each([
      ['merge', '{"data":{"size":"L"}}', 'L'],
      ['json', '[{"op":"replace","path":"/data/size","value":"M"}]', 'M'],
      ['strategic', '{"data":{"size":"S"}}', 'S'],
    ])('patch --type=%s', async (type, patch, size) => {
      await api.kubectl(['create', 'configmap', 'sized', '--from-literal=size=XL']);
      const r = await api.kubectl(['patch', 'configmap', 'sized', `--type=${type}`, '-p', patch]);
      expect(r).toMatchObject({ code: 0, stdout: 'configmap/sized patched\n' });
      expect((await api.kubectl(['get', 'configmap', 'sized', '-o', 'jsonpath={.data.size}'])).stdout).toBe(
        size,
      );
      await api.kubectl(['delete', 'configmap', 'sized']);
    });

    it('scale changes the replicas through the scale subresource', async () => {
      await api.kubectl(['create', 'deployment', 'scaled', '--image=nginx']);
      expect((await api.kubectl(['scale', 'deployment', 'scaled', '--replicas=4'])).stdout).toBe(
        'deployment.apps/scaled scaled\n',
      );
      expect(
        (await api.kubectl(['get', 'deployment', 'scaled', '-o', 'jsonpath={.spec.replicas}'])).stdout,
      ).toBe('4');
    });

    it('apply creates, then configures, then leaves unchanged', async () => {
      const file = api.file('applied.yaml', DEPLOYMENT.replace('name: web\n', 'name: applied\n'));
      expect((await api.kubectl(['apply', '-f', file])).stdout).toBe('deployment.apps/applied created\n');
      expect((await api.kubectl(['apply', '-f', file])).stdout).toBe('deployment.apps/applied unchanged\n');
      api.file(
        'applied.yaml',
        DEPLOYMENT.replace('name: web\n', 'name: applied\n').replace('replicas: 2', 'replicas: 5'),
      );
      expect((await api.kubectl(['apply', '-f', file])).stdout).toBe('deployment.apps/applied configured\n');
      expect(
        (await api.kubectl(['get', 'deploy', 'applied', '-o', 'jsonpath={.spec.replicas}'])).stdout,
      ).toBe('5');
    });

    it('apply --server-side creates and updates', async () => {
      const file = api.file(
        'ssa.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n',
      );
      expect((await api.kubectl(['apply', '--server-side', '-f', file])).stdout).toBe(
        'configmap/ssa serverside-applied\n',
      );
      api.file('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "2"\n');
      expect((await api.kubectl(['apply', '--server-side', '-f', file])).stdout).toBe(
        'configmap/ssa serverside-applied\n',
      );
      expect((await api.kubectl(['get', 'configmap', 'ssa', '-o', 'jsonpath={.data.a}'])).stdout).toBe('2');
    });

    it('server-side apply refuses to take a field another manager owns, unless forced', async () => {
      await api.kubectl(['create', 'deployment', 'owned', '--image=nginx']);
      const file = api.file(
        'owned.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: owned\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: owned\n  template:\n    metadata:\n      labels:\n        app: owned\n    spec:\n      containers:\n        - name: nginx\n          image: nginx\n',
      );
      const refused = await api.kubectl(['apply', '--server-side', '-f', file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^error: Apply failed with 1 conflict: conflict with "kubectl-create" using apps\/v1: \.spec\.replicas\n/,
      );
      expect((await api.kubectl(['apply', '--server-side', '--force-conflicts', '-f', file])).stdout).toBe(
        'deployment.apps/owned serverside-applied\n',
      );
      const managers = await api.kubectl([
        'get',
        'deployment',
        'owned',
        '--show-managed-fields',
        '-o',
        'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}',
      ]);
      expect(managers.stdout.trim().split(' ').sort()).toEqual([
        'kube-controller-manager/Update',
        'kubectl-create/Update',
        'kubectl/Apply',
      ]);
    });

    it('a strategic merge patch merges containers by name', async () => {
      await api.kubectl(['create', 'deployment', 'merged', '--image=nginx']);
      const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}';
      expect((await api.kubectl(['patch', 'deployment', 'merged', '-p', patch])).stdout).toBe(
        'deployment.apps/merged patched\n',
      );
      const names = await api.kubectl([
        'get',
        'deployment',
        'merged',
        '-o',
        'jsonpath={.spec.template.spec.containers[*].name}',
      ]);
      expect(names.stdout).toBe('sidecar nginx');
    });

    it('delete removes an object', async () => {
      await api.kubectl(['create', 'configmap', 'doomed']);
      expect((await api.kubectl(['delete', 'configmap', 'doomed'])).stdout).toBe(
        'configmap "doomed" deleted\n',
      );
      const gone = await api.kubectl(['get', 'configmap', 'doomed']);
      expect(gone).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): configmaps "doomed" not found\n',
      });
    });

    it('get -A lists across namespaces with a NAMESPACE column', async () => {
      const r = await api.kubectl(['get', 'deployments', '-A']);
      expect(rows(r.stdout)[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
      expect(
        rows(r.stdout)
          .slice(1)
          .map((row) => `${row[0]}/${row[1]}`),
      ).toEqual(expect.arrayContaining(['default/web', 'dev/api']));
    });
  },
);
