import { describe, expect, it } from 'vitest';
import { parseApplyOutput } from './apply-output';
import { runSummary } from './summary';

describe('runSummary', () => {
  it('names what the apiserver accepted', () => {
    const outcome = parseApplyOutput([
      { stream: 'stdout', text: 'deployment.apps/web created (server dry run)\n' },
    ]);
    expect(runSummary('validate', 0, outcome)).toBe('Dry run passed: deployment.apps/web created.');
    const applied = parseApplyOutput([
      { stream: 'stdout', text: 'deployment.apps/web created\nservice/web created\n' },
    ]);
    expect(runSummary('apply', 0, applied)).toBe(
      'Applied: deployment.apps/web created, service/web created.',
    );
  });

  it('counts the problems of a refusal', () => {
    const outcome = parseApplyOutput([
      {
        stream: 'stderr',
        text: 'The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.containers[0].image: Required value\n',
      },
    ]);
    expect(runSummary('validate', 1, outcome)).toBe('The dry run failed: 2 errors, underlined in the text.');
    expect(runSummary('apply', 1, { problems: [], results: [] })).toBe('kubectl exited with code 1.');
    const partly = parseApplyOutput([
      { stream: 'stdout', text: 'deployment.apps/web created (server dry run)\n' },
      {
        stream: 'stderr',
        text: 'The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n',
      },
    ]);
    expect(runSummary('validate', 1, partly)).toBe(
      'The dry run failed: 1 error, underlined in the text. Went through: deployment.apps/web created.',
    );
  });
});
