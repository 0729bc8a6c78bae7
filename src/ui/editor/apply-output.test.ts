import { describe, expect, it } from 'vitest';
import { parseApplyOutput, type OutputChunk } from './apply-output';
import { formatFieldPath } from './field-path';

const err = (text: string): OutputChunk => ({ stream: 'stderr', text });
const out = (text: string): OutputChunk => ({ stream: 'stdout', text });
const paths = (output: OutputChunk[]) =>
  parseApplyOutput(output).problems.map((p) => (p.path ? formatFieldPath(p.path) : null));

describe('parseApplyOutput', () => {
  it('reads kubectl’s one-cause invalid error', () => {
    const { problems, results } = parseApplyOutput([
      err(
        'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      ),
    ]);
    expect(results).toEqual([]);
    expect(problems).toEqual([
      {
        severity: 'error',
        message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        kind: 'Deployment',
        name: 'web',
        path: [
          { type: 'field', name: 'spec' },
          { type: 'field', name: 'replicas' },
        ],
      },
    ]);
  });

  it('reads the multi-line form, one problem per cause', () => {
    const output = [
      err('The Deployment "web" is invalid: \n'),
      err('* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'),
      err(
        '* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n',
      ),
    ];
    expect(paths(output)).toEqual(['spec.replicas', 'spec.template.spec.restartPolicy']);
    expect(parseApplyOutput(output).problems[1]?.message).toBe(
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });

  it('splits the apiserver’s bracketed list of causes only between causes', () => {
    const line =
      'Error from server (Invalid): error when creating "STDIN": Deployment.apps "web" is invalid: ' +
      '[spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"y"}: `selector` does not match template `labels`, ' +
      'spec.template.spec.containers[0].image: Required value]\n';
    const { problems } = parseApplyOutput([err(line)]);
    expect(problems.map((p) => [p.kind, p.name, p.path && formatFieldPath(p.path)])).toEqual([
      ['Deployment', 'web', 'spec.template.metadata.labels'],
      ['Deployment', 'web', 'spec.template.spec.containers[0].image'],
    ]);
    expect(problems[0]?.message).toContain('{"app":"x", "tier":"y"}');
  });

  it('reads strict decoding errors and type errors', () => {
    const strict = parseApplyOutput([
      err(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n',
      ),
    ]);
    expect(strict.problems.map((p) => [p.kind, p.message, p.path && formatFieldPath(p.path)])).toEqual([
      ['Deployment', 'unknown field "spec.replica"', 'spec.replica'],
      [
        'Deployment',
        'unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
        'spec.template.spec.containers[0].imagePullPolicyy',
      ],
    ]);
    const typed = parseApplyOutput([
      err(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
      ),
    ]);
    expect(typed.problems[0]).toMatchObject({ kind: 'Deployment', lenient: true });
    expect(typed.problems[0]?.path && formatFieldPath(typed.problems[0].path)).toBe('spec.replicas');
  });

  it('reads results, dry runs and the warnings before them', () => {
    const { problems, results } = parseApplyOutput([
      err('Warning: unknown field "spec.bogus"\n'),
      out('deployment.apps/web created (server dry run)\n'),
      out('service/web unchanged\n'),
    ]);
    expect(results).toEqual([
      { resource: 'deployment.apps', name: 'web', verb: 'created', dryRun: true },
      { resource: 'service', name: 'web', verb: 'unchanged', dryRun: false },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'deployment',
        name: 'web',
        message: 'unknown field "spec.bogus"',
      }),
    ]);
  });

  it('points errors without a field at the kind, name or namespace they mention', () => {
    const { problems } = parseApplyOutput([
      err(
        'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Deploymnt" in version "apps/v1"\n',
      ),
      err('ensure CRDs are installed first\n'),
      err('Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n'),
    ]);
    expect(problems[0]).toMatchObject({ kind: 'Deploymnt', name: 'web', anchor: 'kind' });
    expect(problems[0]?.message).toMatch(/installed first$/);
    expect(problems[1]).toMatchObject({ namespace: 'shop', anchor: 'namespace' });
  });
});
