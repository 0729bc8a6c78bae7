import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const configMap = (name: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  a: "1"\n`;

describe.skipIf(kubectl === null)(
  'real kubectl: bad input gets the real error and changes nothing',
  { timeout: 60_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '');
    }, 60_000);
    afterAll(() => api?.stop());

    const names = async () => (await api.kubectl(['get', 'configmaps', '-o', 'name'])).stdout;

    it('a missing object is NotFound', async () => {
      expect(await api.kubectl(['get', 'configmap', 'nope'])).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
      });
      expect(await api.kubectl(['get', 'deployment', 'nope', '-n', 'kube-system'])).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      });
    });

    it('creating an existing object is AlreadyExists', async () => {
      const file = api.file('dup.yaml', configMap('dup'));
      expect((await api.kubectl(['create', '-f', file])).code).toBe(0);
      expect(await api.kubectl(['create', '-f', file])).toMatchObject({
        code: 1,
        stderr: `Error from server (AlreadyExists): error when creating "${file}": configmaps "dup" already exists\n`,
      });
    });

    it('a name that is not a DNS subdomain is Invalid, with the field at fault', async () => {
      const before = await names();
      const file = api.file('bad-name.yaml', configMap('Bad_Name'));
      const r = await api.kubectl(['create', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
      );
      expect(await names()).toBe(before);
    });

    it('an invalid value is Invalid, with the field at fault', async () => {
      const file = api.file(
        'negative.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: negative\nspec:\n  replicas: -1\n  selector:\n    matchLabels:\n      app: x\n  template:\n    metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n        - name: c\n          image: nginx\n',
      );
      const r = await api.kubectl(['apply', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'The Deployment "negative" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      );
      expect((await api.kubectl(['get', 'deployment', 'negative'])).code).toBe(1);
    });

    it('replacing with a stale resourceVersion is a Conflict', async () => {
      await api.kubectl(['create', 'configmap', 'contested', '--from-literal=a=1']);
      const stale = (await api.kubectl(['get', 'configmap', 'contested', '-o', 'yaml'])).stdout;
      await api.kubectl(['patch', 'configmap', 'contested', '-p', '{"data":{"a":"2"}}']);
      const file = api.file('stale.yaml', stale.replace('a: "1"', 'a: "3"'));
      expect(await api.kubectl(['replace', '-f', file])).toMatchObject({
        code: 1,
        stderr: `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "contested": the object has been modified; please apply your changes to the latest version and try again\n`,
      });
      expect((await api.kubectl(['get', 'configmap', 'contested', '-o', 'jsonpath={.data.a}'])).stdout).toBe(
        '2',
      );
    });

    it('creating in a namespace that does not exist is NotFound', async () => {
      expect(await api.kubectl(['create', 'configmap', 'lost', '-n', 'nowhere'])).toMatchObject({
        code: 1,
        stderr: 'error: failed to create configmap: namespaces "nowhere" not found\n',
      });
    });

    it('an oversized body is rejected with 413', async () => {
      const file = api.file(
        'big.yaml',
        configMap('big').replace('a: "1"', `a: "${'x'.repeat(3 * 1024 * 1024 + 10)}"`),
      );
      const r = await api.kubectl(['create', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Request entity too large: limit is 3145728');
      expect(await names()).not.toContain('configmap/big');
    });

    it('unknown fields are refused under strict validation and warned about with --validate=warn', async () => {
      const manifest =
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  bogus: 1\n  selector:\n    matchLabels:\n      app: t\n  template:\n    metadata:\n      labels:\n        app: t\n    spec:\n      containers:\n        - name: c\n          image: nginx\n          imagePullPolicyy: Always\n';
      const file = api.file('typo.yaml', manifest);
      expect(await api.kubectl(['apply', '-f', file])).toMatchObject({
        code: 1,
        stderr: `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus", unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n`,
      });
      expect((await api.kubectl(['get', 'deployment', 'typo'])).code).toBe(1);
      const warned = await api.kubectl(['create', '-f', file, '--validate=warn']);
      expect(warned.code).toBe(0);
      expect(warned.stderr).toBe(
        'Warning: unknown field "spec.bogus"\nWarning: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n',
      );
    });

    it('a value of the wrong type cannot be decoded', async () => {
      const file = api.file(
        'wrong-type.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wrong\nspec:\n  replicas: "three"\n',
      );
      const r = await api.kubectl(['create', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      );
    });

    it('an unknown API path is NotFound', async () => {
      const r = await api.kubectl(['get', '--raw', '/apis/widgets.example.com/v1/widgets']);
      expect(r).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): the server could not find the requested resource\n',
      });
    });

    it('a manifest of an unknown kind is refused before anything is sent', async () => {
      const file = api.file(
        'widget.yaml',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      );
      const r = await api.kubectl(['apply', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `resource mapping not found for name: "w" namespace: "" from "${file}": no matches for kind "Widget" in version "example.com/v1"`,
      );
    });

    it('a raw request with malformed JSON is BadRequest', async () => {
      const file = api.file(
        'broken.json',
        '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"',
      );
      const r = await api.kubectl(['create', '--raw', '/api/v1/namespaces/default/configmaps', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error from server \(BadRequest\): /);
      expect(await names()).not.toContain('configmap/x');
    });
  },
);
