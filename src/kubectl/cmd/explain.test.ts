import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl explain', () => {
  it('explains what the apiserver serves in OpenAPI v3 (here: kinds without generated schemas)', async () => {
    const t = await testKubectl();
    // Without the Go API types the simulated apiserver describes each kind by a placeholder.
    expect(await t.run('kubectl explain pods')).toEqual({
      stdout: 'KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod (v1).\n    \n\n',
      stderr: '',
      code: 0,
    });
    expect((await t.run('kubectl explain deployments.spec')).stderr).toBe(
      'error: field "spec" does not exist\n',
    );
  });

  it('fails as kubectl does', async () => {
    const t = await testKubectl();
    expect((await t.run('kubectl explain')).stderr).toBe(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
    expect((await t.run('kubectl explain widgets')).stderr).toBe(
      'the server doesn\'t have a resource type "widgets"\n',
    );
    expect((await t.run('kubectl explain pods --api-version=v2')).stderr).toBe(
      'error: couldn\'t find resource for "/v2, Resource=pods"\n',
    );
    expect((await t.run('kubectl explain pods -o plaintext-openapiv2')).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
  });
});
