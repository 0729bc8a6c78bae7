/**
 * The reading commands through the real kubectl and the in-page one (over HTTP), against one
 * served cluster: describe, events, explain, top, auth and wait must print the same stdout
 * and stderr and exit with the same code, apart from ages (and, for top, the usage figures,
 * which change from one second to the next).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAges, startDifferential, type Differential } from '../../server/differential';
import { eventually, kubectlOrSkip, startApiserver } from '../../server/harness';
import { HttpTransport } from '../client/http';
import { Kubeconfig, type KubeconfigData } from '../kubeconfig';
import { Kubectl } from '../kubectl';

const kubectlPath = kubectlOrSkip();

const OBJECTS = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  labels: {app: multi}
spec:
  containers:
  - {name: one, image: busybox, command: ["sleep", "3600"]}
  - {name: two, image: busybox, command: ["sleep", "3600"]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-settings, labels: {app: web}}
data: {mode: fast}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-extra, labels: {app: web}}
data: {mode: slow}
`;

const DESCRIBE = [
  'kubectl describe',
  'kubectl describe pods multi',
  'kubectl describe pod/multi --show-events=false',
  'kubectl describe cm web',
  'kubectl describe cm -l app=web',
  'kubectl describe configmaps web-settings web-extra',
  'kubectl describe deploy web',
  'kubectl describe svc/web svc/kubernetes',
  'kubectl describe ns default kube-system --show-events=false',
  'kubectl describe nodes -l nosuch',
  'kubectl describe deploy -A --show-events=false',
  // (ConfigMaps with several keys are left out: kubectl prints their data in Go map order.)
  'kubectl describe svc -n kube-system --chunk-size=1',
  'kubectl describe pods nosuch',
  'kubectl describe pods/nosuch',
  'kubectl describe pods,svc nosuch',
  'kubectl describe svc/web svc/nosuch',
  'kubectl describe pods x -l a=b',
  'kubectl describe pods x -A',
  'kubectl describe pods -n nowhere',
  'kubectl describe nosuchtype',
];

const EVENTS = [
  'kubectl events --for pod/multi',
  'kubectl events --for pod/multi --no-headers',
  'kubectl events --for pod/multi -o yaml',
  'kubectl events --for pod/multi -o json',
  'kubectl events --for pod/multi -o name',
  "kubectl events --for pod/multi -o jsonpath='{.items[0].reason}'",
  'kubectl events --for pod/multi -o wide',
  'kubectl events --for deploy/web --types=Normal,normal',
  'kubectl events --for pod/multi --types=warning',
  'kubectl events --types=x',
  'kubectl events --for=multi',
  'kubectl events --for nosuch/x',
  'kubectl events --for a/b/c',
  'kubectl events -n nowhere',
];

const EXPLAIN = [
  'kubectl explain pods',
  'kubectl explain pods.spec.containers --recursive',
  'kubectl explain deployment.spec.strategy',
  'kubectl explain deployments.apps.spec.template.spec.containers.resources',
  'kubectl explain deploy.apps.spec.replicas',
  'kubectl explain svc.spec.type',
  'kubectl explain pods.metadata.labels',
  'kubectl explain events.events.k8s.io',
  'kubectl explain crd.spec.versions.schema --recursive',
  'kubectl explain pods --api-version=v1',
  'kubectl explain pods.nosuch',
  'kubectl explain foo',
  'kubectl explain',
  'kubectl explain a b',
  'kubectl explain pods --api-version=v2',
  'kubectl explain pods --api-version=a/b/c',
  'kubectl explain pods -o foo',
  'kubectl explain pods -o plaintext-openapiv2',
  "kubectl explain 'pods[0]'",
];

const AUTH = [
  'kubectl auth can-i get pods',
  'kubectl auth can-i get pods --as=jane',
  'kubectl auth can-i get pods -q',
  'kubectl auth can-i --list',
  'kubectl auth can-i --list --no-headers -n kube-system',
  'kubectl auth can-i get deployments.apps/web --subresource=scale',
  "kubectl auth can-i '*' '*'",
  'kubectl auth can-i list users',
  'kubectl auth can-i get nodes',
  'kubectl auth can-i get nodes -A',
  'kubectl auth can-i get foo',
  'kubectl auth can-i get nosuch.foo',
  'kubectl auth can-i frob pods',
  'kubectl auth can-i get /healthz',
  'kubectl auth can-i frob /x',
  'kubectl auth can-i get /healthz --subresource=x',
  'kubectl auth can-i get',
  'kubectl auth can-i --list x',
  'kubectl auth can-i --list -q',
  'kubectl auth can-i get pods --no-headers',
  'kubectl auth whoami',
  'kubectl auth whoami -o yaml',
  'kubectl auth whoami -o name',
  "kubectl auth whoami -o jsonpath='{.status.userInfo}'",
  'kubectl auth whoami -o wide',
  'kubectl auth foo',
];

const WAIT = [
  'kubectl wait',
  'kubectl wait --for=condition=Ready',
  'kubectl wait --for=condition=Ready pod/multi',
  'kubectl wait --for=condition=Ready pods --all',
  'kubectl wait --for=condition=Ready pods',
  'kubectl wait --for=condition=ready pods -l app=web -o name',
  'kubectl wait --for=condition=Ready node --all',
  'kubectl wait --for=condition=Available deploy/web -o yaml',
  "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/multi",
  "kubectl wait --for=jsonpath='{.status.phase}' pod/multi",
  "kubectl wait --for=jsonpath='{.status.phase}'=Pending pod/multi --timeout=1s",
  "kubectl wait --for=jsonpath='{.status.conditions}'=x pod/multi --timeout=0",
  "kubectl wait --for=jsonpath='{.spec.containers[*].name}'=one pod/multi --timeout=0",
  "kubectl wait --for=jsonpath='{.status.phase}'= pod/multi",
  'kubectl wait --for=condition=Ready=false pod/multi --timeout=0',
  'kubectl wait --for=condition=Ready pod/multi pod/nosuch',
  'kubectl wait --for=condition=Ready pod/multi -l app=x',
  'kubectl wait --for=condition=Ready pods -l app=nosuch',
  'kubectl wait --for=create pod/multi',
  'kubectl wait --for=create pod/nosuch --timeout=1s',
  'kubectl wait --for=delete pod/nosuch',
  'kubectl wait --for=foo pod/multi',
  'kubectl wait pod/multi',
];

/** `top`'s figures (`57m`, `620Mi`, `3%`) replaced: they change between two runs. */
const figures = (text: string) =>
  text.replace(/\b\d+(m|Mi|%)(?= )/g, '<n>$1').replace(/<n>(m|Mi|%) +/g, '<n>$1 ');

const TOP = [
  'kubectl top foo',
  'kubectl top node',
  'kubectl top nodes --no-headers',
  'kubectl top node node-1',
  'kubectl top node --show-capacity',
  'kubectl top node -l nosuch',
  'kubectl top node x -l a',
  'kubectl top node --sort-by=x',
  'kubectl top node nosuch',
  'kubectl top pod multi --containers',
  'kubectl top pod -l app=web --no-headers',
  'kubectl top pod nosuch',
  'kubectl top pod -n nowhere',
];

const same = (r: { stdout: string; stderr: string; code: number }, clean = normalizeAges) => ({
  stdout: clean(r.stdout),
  stderr: clean(r.stderr),
  code: r.code,
});

describe.skipIf(kubectlPath === null)('reading commands against real kubectl', { timeout: 300_000 }, () => {
  let diff: Differential;
  beforeAll(async () => {
    diff = await startDifferential(kubectlPath ?? '');
    await diff.api.kubectl(['apply', '-f', diff.api.file('objects.yaml', OBJECTS)]);
    await eventually(diff.api, ['get', 'pods', '--no-headers'], (out) => {
      const lines = out.trim().split('\n');
      return lines.length === 3 && lines.every((l) => /\s(\d)\/\1\s+Running\s/.test(l));
    });
    await eventually(diff.api, ['top', 'pod', 'multi', '--containers'], (out) => out.includes('two'));
  }, 180_000);
  afterAll(() => diff?.stop());

  it.each([...DESCRIBE, ...EVENTS, ...EXPLAIN, ...AUTH, ...WAIT])('%s', async (line) => {
    const { real, ours } = await diff.both(line);
    expect(same(ours)).toEqual(same(real));
  });

  it.each(TOP)('%s', async (line) => {
    const { real, ours } = await diff.both(line);
    expect(same(ours, (t) => figures(normalizeAges(t)))).toEqual(
      same(real, (t) => figures(normalizeAges(t))),
    );
  });

  it('wait --for=create and --for=delete see the object come and go', async () => {
    const create = ['create', 'configmap', 'late'];
    const remove = ['delete', 'configmap', 'late'];
    const realWait = diff.api.kubectl(['wait', '--for=create', 'cm/late', '--timeout=30s']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await diff.api.kubectl(create);
    const real = await realWait;
    const realGone = diff.api.kubectl(['wait', '--for=delete', 'cm/late', '--timeout=30s']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await diff.api.kubectl(remove);
    const realDeleted = await realGone;
    const ourWait = diff.inPage.collect('kubectl wait --for=create cm/late --timeout=30s');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await diff.api.kubectl(create);
    const ours = await ourWait;
    const ourGone = diff.inPage.collect('kubectl wait --for=delete cm/late --timeout=30s');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await diff.api.kubectl(remove);
    expect(ours).toEqual(real);
    expect(await ourGone).toEqual(realDeleted);
    expect(real.stdout).toBe('configmap/late condition met\n');
    expect(realDeleted.stdout).toBe('configmap/late condition met\n');
  });
});

describe.skipIf(kubectlPath === null)(
  'top without metrics-server, against real kubectl',
  { timeout: 120_000 },
  () => {
    it('fails with "Metrics API not available"', async () => {
      const api = await startApiserver(kubectlPath ?? '', ['--metrics-server', 'false']);
      try {
        const data = load(readFileSync(path.join(api.dir, 'kubeconfig'), 'utf8')) as KubeconfigData;
        const token = data.users[0]?.user.token as string;
        const ours = new Kubectl({
          transport: new HttpTransport(api.url, token),
          kubeconfig: new Kubeconfig(data),
          now: Date.now,
        });
        for (const line of ['kubectl top node', 'kubectl top pod -A']) {
          const real = await api.kubectl(line.split(' ').slice(1));
          expect(await ours.collect(line)).toEqual(real);
          expect(real.stderr).toBe('error: Metrics API not available\n');
        }
      } finally {
        await api.stop();
      }
    });
  },
);
