/**
 * Differential test of reading objects and applying them: `apply` (client- and
 * server-side), `create -f` and `delete -f`, with files, stdin, multi-document YAML, JSON,
 * Lists and bad input, through the real kubectl and the in-page one against one served
 * cluster. Lines that change the cluster run through both from the same state (the real
 * kubectl's change is undone before the in-page kubectl runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeObjects, startDifferential, type Differential } from '../../server/differential';
import { kubectlOrSkip } from '../../server/harness';

const kubectlPath = kubectlOrSkip();

const deployment = (name: string, image: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const MULTI = `apiVersion: v1
kind: ConfigMap
metadata:
  name: m1
data:
  a: "1"
---
apiVersion: v1
kind: Foo
metadata:
  name: m2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: m3
  namespace: kube-public
`;

const LIST = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j1' }, data: { k: 'v' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'j2' }, stringData: { p: 'q' } },
  ],
});

/** One line: through both kubectls, or paired with the lines that undo it. */
interface Case {
  readonly line: string;
  readonly stdin?: string;
  readonly reset?: readonly string[];
  /** Lines run (through the real kubectl) before the case, to set the scene. */
  readonly setup?: readonly string[];
}

const CASES: readonly Case[] = [
  { line: 'kubectl apply' },
  { line: 'kubectl apply -f nofile.yaml' },
  { line: 'kubectl apply -f nofile.yaml -f other.yaml' },
  { line: 'kubectl apply -f - --dry-run=foo', stdin: deployment('web', 'nginx:1.25') },
  { line: 'kubectl apply -f - --force-conflicts', stdin: deployment('web', 'nginx:1.25') },
  { line: 'kubectl apply -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  b: c: d\n' },
  { line: 'kubectl apply -f -', stdin: 'a: [b\n' },
  { line: 'kubectl apply -f -', stdin: 'a:\n\t- b\n' },
  { line: 'kubectl apply -f -', stdin: '{"a": }' },
  { line: 'kubectl apply -f -', stdin: 'apiVersion: v1\nmetadata:\n  name: a\n' },
  { line: 'kubectl apply -f -', stdin: '[1, 2]' },
  { line: 'kubectl apply -f -', stdin: '' },
  {
    line: 'kubectl apply -f -',
    stdin: deployment('web', 'nginx:1.25'),
    reset: ['kubectl delete deploy web'],
  },
  {
    line: 'kubectl apply -f - -o yaml',
    stdin: deployment('web', 'nginx:1.25'),
    reset: ['kubectl delete deploy web'],
  },
  { line: 'kubectl apply -f - --dry-run=client', stdin: deployment('web', 'nginx:1.25') },
  { line: 'kubectl apply -f - --dry-run=server -o name', stdin: deployment('web', 'nginx:1.25') },
  { setup: ['kubectl apply -f FILE:web.yaml'], line: 'kubectl apply -f FILE:web.yaml' },
  {
    line: 'kubectl apply -f -',
    stdin: deployment('web', 'nginx:1.26', 2),
    reset: ['kubectl apply -f FILE:web.yaml'],
  },
  { line: 'kubectl apply -f - --dry-run=client -o json', stdin: deployment('web', 'nginx:1.26', 2) },
  { line: 'kubectl apply -f - --server-side', stdin: deployment('web', 'nginx:1.26', 3) },
  {
    line: 'kubectl apply -f - --server-side --force-conflicts -o name',
    stdin: deployment('web', 'nginx:1.26', 3),
    reset: ['kubectl delete deploy web', 'kubectl apply -f FILE:web.yaml'],
  },
  {
    setup: ['kubectl create deployment plain --image=nginx'],
    line: 'kubectl apply -f -',
    stdin: deployment('plain', 'nginx:2'),
    reset: ['kubectl delete deploy plain', 'kubectl create deployment plain --image=nginx'],
  },
  {
    line: 'kubectl apply -f FILE:multi.yaml',
    reset: ['kubectl delete cm m1', 'kubectl delete cm m3 -n kube-public'],
  },
  { line: 'kubectl apply -f FILE:multi.yaml -n default', reset: ['kubectl delete cm m1'] },
  { line: 'kubectl apply -f FILE:list.json', reset: ['kubectl delete cm j1', 'kubectl delete secret j2'] },
  {
    line: 'kubectl apply -f FILE:list.json -o yaml',
    reset: ['kubectl delete cm j1', 'kubectl delete secret j2'],
  },
  { line: 'kubectl create -f FILE:multi.yaml --dry-run=client' },
  { line: 'kubectl create -f FILE:web.yaml' },
  { line: 'kubectl create -f FILE:web.yaml extra' },
  { line: 'kubectl create -f FILE:list.json', reset: ['kubectl delete cm j1', 'kubectl delete secret j2'] },
  {
    setup: ['kubectl apply -f FILE:multi.yaml'],
    line: 'kubectl delete -f FILE:multi.yaml',
    reset: ['kubectl apply -f FILE:multi.yaml'],
  },
  { line: 'kubectl delete -f FILE:list.json' },
];

describe.skipIf(kubectlPath === null)(
  'reading and applying objects, against real kubectl',
  { timeout: 300_000 },
  () => {
    let diff: Differential;
    const paths = new Map<string, string>();
    /** The line with each `FILE:name` replaced by the path both kubectls read. */
    const withFiles = (line: string) =>
      line.replace(/FILE:([\w.-]+)/g, (_, name: string) => paths.get(name) ?? name);

    beforeAll(async () => {
      diff = await startDifferential(kubectlPath ?? '');
      paths.set('web.yaml', diff.file('web.yaml', deployment('web', 'nginx:1.25')));
      paths.set('multi.yaml', diff.file('multi.yaml', MULTI));
      paths.set('list.json', diff.file('list.json', LIST));
    }, 120_000);
    afterAll(() => diff?.stop());

    it.each(CASES.map((c) => [c.line, c] as const))('%s', async (_, c) => {
      for (const line of c.setup ?? []) await diff.one('real', withFiles(line));
      const options = c.stdin === undefined ? {} : { stdin: c.stdin };
      const line = withFiles(c.line);
      const { real, ours } =
        c.reset === undefined
          ? await diff.both(line, options)
          : await diff.paired(line, c.reset.map(withFiles), options);
      expect({
        stdout: normalizeObjects(ours.stdout),
        stderr: normalizeObjects(ours.stderr),
        code: ours.code,
      }).toEqual({
        stdout: normalizeObjects(real.stdout),
        stderr: normalizeObjects(real.stderr),
        code: real.code,
      });
    });
  },
);
