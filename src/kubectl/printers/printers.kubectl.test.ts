/**
 * The printers against the real kubectl: for each target and output flag, what kubectl
 * prints must be byte for byte what printObjects prints for the same objects fetched over
 * HTTP. Objects are read before and after kubectl's read, and the comparison retried until
 * nothing changed in between.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from '../../server/harness';
import { parseOutputFormat, printObjects } from './index';

const kubectl = kubectlOrSkip();

const SETTINGS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: {app: web, tier: "1", key10: a, key9: b}
  annotations:
    note: "a long annotation with spaces, long enough that kubectl's YAML folds it past the eightieth column"
data:
  multi: "line one\\nline two\\n"
  keep: "kept\\n\\n"
  flag: "true"
  number: "123"
  empty: ""
  quoted: "'single' and \\"double\\""
  html: "<b>&</b>"
  tab: "a\\tb"
  unicode: "héllo ✓"
  lead: " leading space"
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: "nginx:1.27", ports: [{containerPort: 80}], args: ["--port", "80"]}
      - {name: sidecar, image: "busybox:1.36", command: ["sleep", "infinity"]}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 80}
  - {name: metrics, port: 9090, protocol: TCP}
`;

/** 14 ConfigMaps (more than the 12 Go's sort handles by insertion) with ties and missing values. */
const RANKED = ['3', '1', '', '2', '1Gi', '500Mi', 'k', '1', 'x', '', '10', '9', '2', '100m'].map(
  (rank, i) => `apiVersion: v1
kind: ConfigMap
metadata: {name: rank-${String.fromCharCode(110 - i)}, labels: {sort: test}}
${rank === '' ? 'data: {}' : `data: {rank: "${rank}"}`}
`,
);

interface Target {
  readonly args: readonly string[];
  /** API paths to read (a name path for one object, list paths otherwise), with the kind of their items. */
  readonly reads: readonly (readonly [string, string, string])[];
  readonly single: boolean;
}

const NS = '/api/v1/namespaces/default';
const CONFIGMAP: Target = {
  args: ['configmap', 'settings'],
  reads: [[`${NS}/configmaps/settings`, '', '']],
  single: true,
};
const CONFIGMAPS: Target = {
  args: ['configmaps'],
  reads: [[`${NS}/configmaps`, 'v1', 'ConfigMap']],
  single: false,
};
const RANKS: Target = {
  args: ['configmaps', '-l', 'sort=test'],
  reads: [[`${NS}/configmaps?labelSelector=sort%3Dtest`, 'v1', 'ConfigMap']],
  single: false,
};
const DEPLOY: Target = {
  args: ['deployment', 'web'],
  reads: [['/apis/apps/v1/namespaces/default/deployments/web', '', '']],
  single: true,
};
const SVC: Target = { args: ['service', 'web'], reads: [[`${NS}/services/web`, '', '']], single: true };
const MIXED: Target = {
  args: ['configmaps,services,deployments'],
  reads: [
    [`${NS}/configmaps`, 'v1', 'ConfigMap'],
    [`${NS}/services`, 'v1', 'Service'],
    ['/apis/apps/v1/namespaces/default/deployments', 'apps/v1', 'Deployment'],
  ],
  single: false,
};
const PODS: Target = {
  args: ['pods', '-l', 'app=web'],
  reads: [[`${NS}/pods?labelSelector=app%3Dweb`, 'v1', 'Pod']],
  single: false,
};

const CASES: readonly (readonly [Target, readonly string[]])[] = [
  [CONFIGMAP, ['-o', 'yaml']],
  [CONFIGMAP, ['-o', 'json']],
  [CONFIGMAP, ['-o', 'name']],
  [CONFIGMAP, ['-o', 'jsonpath={.data.multi}']],
  [CONFIGMAP, ['-o', 'jsonpath={.data}{"\\n"}{.metadata.labels}{"\\t"}{.metadata.labels.app}']],
  [CONFIGMAP, ['-o', 'jsonpath-as-json={.data.flag}{.missing}']],
  [
    CONFIGMAP,
    [
      '-o',
      'custom-columns=NAME:.metadata.name,FLAG:.data.flag,EMPTY:.data.empty,NONE:.data.nothing,TAB:.data.tab',
    ],
  ],
  [CONFIGMAP, ['-o', 'jsonpath={.metadata.name[0]}']],
  [CONFIGMAP, ['-o', 'jsonpath={.metadata.name']],
  [CONFIGMAP, ['-o', 'foo']],
  [CONFIGMAP, ['-o', 'custom-columns=NAME']],
  [CONFIGMAP, ['-o', 'name', '--sort-by=.nothing']],
  [CONFIGMAPS, ['-o', 'yaml']],
  [CONFIGMAPS, ['-o', 'json']],
  [CONFIGMAPS, ['-o', 'name']],
  [
    CONFIGMAPS,
    ['-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.metadata.resourceVersion}{"\\n"}{end}'],
  ],
  [
    CONFIGMAPS,
    [
      '-o',
      'custom-columns=NAME:.metadata.name,KEYS:.metadata.labels,ANN:.metadata.annotations.note',
      '--no-headers',
    ],
  ],
  [CONFIGMAPS, ['-o', 'custom-columns-file=@/columns.txt']],
  [CONFIGMAPS, ['-o', 'jsonpath-file=@/names.jsonpath']],
  [CONFIGMAPS, ['-o', 'name', '--sort-by=.nothing']],
  [RANKS, ['-o', 'name', '--sort-by=.data.rank']],
  [RANKS, ['-o', 'custom-columns=NAME:.metadata.name,RANK:.data.rank', '--sort-by={.data.rank}']],
  [RANKS, ['-o', 'name', '--sort-by=.metadata.name']],
  [RANKS, ['-o', 'jsonpath={.items[*].metadata.name}', '--sort-by=.metadata.uid']],
  [DEPLOY, ['-o', 'yaml']],
  [DEPLOY, ['-o', 'json']],
  [DEPLOY, ['-o', 'name']],
  [DEPLOY, ['-o', 'jsonpath={.spec.template.spec.containers[*].image} {.status.readyReplicas}']],
  [DEPLOY, ['-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}']],
  [SVC, ['-o', 'yaml']],
  [SVC, ['-o', 'jsonpath={.spec.ports[?(@.port>100)].name} {..targetPort}']],
  [MIXED, ['-o', 'yaml']],
  [MIXED, ['-o', 'json']],
  [MIXED, ['-o', 'name']],
  [MIXED, ['-o', 'custom-columns=KIND:.kind,NAME:.metadata.name,PORTS:.spec.ports[*].port']],
  [
    PODS,
    [
      '-o',
      'custom-columns=IMAGES:.spec.containers[*].image,READY:.status.containerStatuses[*].ready',
      '--sort-by=.metadata.name',
    ],
  ],
  [PODS, ['-o', 'yaml', '--sort-by=.metadata.name']],
];

/** How kubectl's CheckErr prints an error. */
const stderrOf = (error: string): string => {
  const text = error.startsWith('error: ') ? error : `error: ${error}`;
  return text.endsWith('\n') ? text : `${text}\n`;
};

describe.skipIf(kubectl === null)('printers against real kubectl get -o', { timeout: 180_000 }, () => {
  let api: RunningApiserver;
  let token = '';

  async function read(target: Target): Promise<KubeObject[]> {
    const objects: KubeObject[] = [];
    for (const [apiPath, apiVersion, kind] of target.reads) {
      const res = await fetch(`${api.url}${apiPath}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      const body = (await res.json()) as KubeObject & { items?: KubeObject[] };
      if (body.items === undefined) objects.push(body);
      else objects.push(...body.items.map((item) => ({ ...item, apiVersion, kind })));
    }
    return objects;
  }

  function printed(target: Target, flags: readonly string[], objects: readonly KubeObject[]) {
    const format = parseOutputFormat(flags[flags.indexOf('-o') + 1] ?? '', {
      readFile: (file) => readFileSync(file, 'utf8'),
    });
    if ('error' in format) return { stdout: '', stderr: stderrOf(format.error) };
    if (format.kind === 'table') throw new Error('tables are printed elsewhere');
    const sortBy = flags.find((f) => f.startsWith('--sort-by='))?.slice('--sort-by='.length);
    const noHeaders = flags.includes('--no-headers');
    const result = printObjects(format, objects, { singleItem: target.single, sortBy, noHeaders });
    return { stdout: result.stdout, stderr: result.error === undefined ? '' : stderrOf(result.error) };
  }

  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '');
    const config = load(readFileSync(path.join(api.dir, 'kubeconfig'), 'utf8')) as {
      users: { user: { token: string } }[];
    };
    token = config.users[0]?.user.token ?? '';
    api.file('columns.txt', 'NAME          DATA-KEYS\nmetadata.name {.data}\n');
    api.file('names.jsonpath', '{range .items[*]}{.metadata.name}{"\\n"}{end}');
    for (const manifest of [SETTINGS, DEPLOYMENT, SERVICE, ...RANKED]) {
      const created = await api.kubectl(['create', '-f', '-'], { stdin: manifest });
      expect(created.stderr).toBe('');
    }
    const rollout = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
    expect(rollout.code).toBe(0);
  }, 150_000);
  afterAll(() => api?.stop());

  const titled = CASES.map(([target, flags]) => ({
    title: [...target.args, ...flags].join(' '),
    target,
    flags,
  }));
  it.each(titled)('get $title', async ({ target, flags: template }) => {
    // `@/` stands for the harness's scratch directory, where the template files are.
    const flags = template.map((f) => f.replace('@/', `${api.dir}/`));
    for (let attempt = 0; attempt < 10; attempt++) {
      const before = await read(target);
      const real = await api.kubectl(['get', ...target.args, ...flags]);
      const after = await read(target);
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      expect(printed(target, flags, before)).toEqual({ stdout: real.stdout, stderr: real.stderr });
      return;
    }
    throw new Error('the objects kept changing while kubectl read them');
  });

  it('reports a value that cannot be sorted as kubectl does, without klog header', async () => {
    const flags = ['-o', 'name', '--sort-by=.data'];
    const real = await api.kubectl(['get', ...RANKS.args, ...flags]);
    const mine = printed(RANKS, flags, await read(RANKS));
    expect(real.stderr).toMatch(/^F\d{4} [\d:.]+ +\d+ sorter\.go:\d+\] /);
    expect(`error: ${real.stderr.replace(/^F[^\]]*\] /, '')}`).toBe(mine.stderr);
  });
});
