import { describe, expect, it } from 'vitest';
import { parseApplyOutput } from './apply-output';
import { parseFieldPath } from './field-path';
import { locateField, parseManifests } from './manifests';
import { placeProblems, shiftProblems, syntaxProblems, type EditorProblem } from './markers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
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
        - name: sidecar
          image: busybox
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
    - port: 80
`;
const STREAM = `${DEPLOYMENT}---\n${SERVICE}`;

/** The text a span covers, and its 1-based line. */
function at(text: string, path: string, lenient = false, doc = 0) {
  const parsed = parseManifests(text);
  const manifest = parsed.manifests[doc];
  if (!manifest) throw new Error('no such document');
  const { span, exact } = locateField(manifest, parseFieldPath(path) ?? [], lenient);
  return { text: text.slice(span.start, span.end), line: parsed.lines.linePos(span.start).line, exact };
}

describe('locateField', () => {
  it('finds a scalar’s value', () => {
    expect(at(DEPLOYMENT, 'spec.replicas')).toEqual({ text: '-1', line: 6, exact: true });
    expect(at(DEPLOYMENT, 'spec.template.spec.containers[1].image')).toEqual({
      text: 'busybox',
      line: 21,
      exact: true,
    });
    expect(at(DEPLOYMENT, 'spec.template.metadata.labels[app]')).toEqual({
      text: 'web',
      line: 13,
      exact: true,
    });
  });

  it('underlines the key of a map or list', () => {
    expect(at(DEPLOYMENT, 'spec.selector')).toEqual({ text: 'selector', line: 7, exact: true });
    expect(at(DEPLOYMENT, 'spec.template.spec.containers[0]')).toEqual({
      text: 'name',
      line: 16,
      exact: true,
    });
  });

  it('falls back to the deepest key that is written', () => {
    expect(at(DEPLOYMENT, 'spec.strategy.rollingUpdate.maxSurge')).toEqual({
      text: 'spec',
      line: 5,
      exact: false,
    });
    expect(at(DEPLOYMENT, 'spec.template.spec.containers[5].image')).toMatchObject({ text: 'containers' });
  });

  it('steps into lists without indexes for Go’s decode errors', () => {
    expect(at(DEPLOYMENT, 'spec.template.spec.containers.ports.containerPort', true)).toEqual({
      text: '80',
      line: 19,
      exact: true,
    });
  });

  it('finds fields in later documents of a stream', () => {
    expect(at(STREAM, 'metadata.namespace', false, 1)).toEqual({ text: 'shop', line: 27, exact: true });
  });
});

describe('placeProblems', () => {
  const place = (text: string, stderr: string) =>
    placeProblems(parseManifests(text), parseApplyOutput([{ stream: 'stderr', text: stderr }]).problems);

  it('underlines the apiserver’s field error where the field is', () => {
    const [problem] = place(
      STREAM,
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect(problem).toEqual<EditorProblem>({
      startLineNumber: 6,
      startColumn: 13,
      endLineNumber: 6,
      endColumn: 15,
      message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      severity: 'error',
      source: 'apiserver',
    });
  });

  it('finds the document by kind and name, or by the namespace it names', () => {
    const [port, namespace] = place(
      STREAM,
      'The Service "web" is invalid: spec.ports[0].port: Invalid value: 80: nope\n' +
        'Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n',
    );
    expect(port?.startLineNumber).toBe(30);
    expect(namespace?.startLineNumber).toBe(27);
  });

  it('puts an error without a field on the kind', () => {
    const [problem] = place(
      STREAM,
      'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Service" in version "v1"\n',
    );
    expect(problem?.startLineNumber).toBe(24);
  });
});

describe('syntaxProblems', () => {
  it('reports YAML syntax errors with their line', () => {
    const [problem] = syntaxProblems(parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n'));
    expect(problem?.severity).toBe('error');
    expect(problem?.startLineNumber).toBeGreaterThanOrEqual(4);
    expect(syntaxProblems(parseManifests(DEPLOYMENT))).toEqual([]);
  });

  it('reports duplicate keys, which the apiserver’s decoder also refuses', () => {
    const problems = syntaxProblems(parseManifests('kind: Pod\nkind: Service\n'));
    expect(problems[0]?.startLineNumber).toBe(2);
  });
});

describe('shiftProblems', () => {
  const problem = (line: number): EditorProblem => ({
    startLineNumber: line,
    startColumn: 1,
    endLineNumber: line,
    endColumn: 3,
    message: `line ${line}`,
    severity: 'error',
    source: 'apiserver',
  });

  it('drops problems on edited lines and moves the ones below', () => {
    const shifted = shiftProblems(
      [problem(2), problem(5), problem(9)],
      [{ range: { startLineNumber: 5, endLineNumber: 5 }, text: 'replicas: 1\n# added' }],
    );
    expect(shifted.map((p) => p.startLineNumber)).toEqual([2, 10]);
  });

  it('moves problems up when lines are deleted', () => {
    const shifted = shiftProblems(
      [problem(10)],
      [{ range: { startLineNumber: 3, endLineNumber: 6 }, text: '' }],
    );
    expect(shifted[0]?.startLineNumber).toBe(7);
  });
});

describe('kubectl’s own YAML errors', () => {
  it('go to the line kubectl names', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [\n';
    const [problem] = placeProblems(
      parseManifests(text),
      parseApplyOutput([
        {
          stream: 'stderr',
          text: "error: error parsing STDIN: error converting YAML to JSON: yaml: line 6: did not find expected ',' or ']'\n",
        },
      ]).problems,
    );
    expect(problem).toMatchObject({ startLineNumber: 6, endLineNumber: 6 });
  });
});
