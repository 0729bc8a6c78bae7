import { describe, expect, it } from 'vitest';
import { ApiError } from '../status';
import { updateManagedFields } from './index';
import type { ApplySchema } from './index';
import { DEPLOYMENT } from './testdata';
import { T1, T2, T3, apply, conflictOf, container, deployment, entry, obj, stored } from './testing';

describe('serverSideApply: conflicts', () => {
  const created = updateManagedFields(
    null,
    stored(deployment({ replicas: 1 })),
    'kubectl-client-side-apply',
    null,
    DEPLOYMENT,
    T1,
  );

  it('refuses to change a field an updater owns, with upstream’s 409', () => {
    const err = conflictOf(() => apply(created, deployment({ replicas: 3 }), 'kubectl', T2));
    expect(err.conflicts).toEqual([{ manager: 'kubectl-client-side-apply', field: '.spec.replicas' }]);
    expect(err.status('web', 'deployments.apps')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
      code: 409,
    });
  });

  it('lists several conflicts per manager', () => {
    const err = conflictOf(() =>
      apply(created, deployment({ replicas: 3, containers: [container('nginx:1.28')] }), 'kubectl'),
    );
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('names a subresource updater (kubectl scale)', () => {
    const scaled = updateManagedFields(
      created,
      obj({ ...created, spec: { ...(created.spec as object), replicas: 5 } }),
      'kubectl',
      'scale',
      DEPLOYMENT,
      T2,
    );
    const err = conflictOf(() => apply(scaled, deployment({ replicas: 2 }), 'other', T3));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
  });

  it('takes ownership with force and drops updaters left with nothing', () => {
    const scaled = updateManagedFields(
      created,
      obj({ ...created, spec: { ...(created.spec as object), replicas: 5 } }),
      'kubectl-scale',
      null,
      DEPLOYMENT,
      T2,
    );
    const out = apply(scaled, deployment({ replicas: 3 }), 'kubectl', T3, true);
    expect((out.spec as { replicas: number }).replicas).toBe(3);
    expect(entry(out, 'kubectl-scale')).toBeUndefined();
    expect(JSON.stringify(entry(out, 'kubectl-client-side-apply')?.fieldsV1)).not.toContain('f:replicas');
    expect(entry(out, 'kubectl')?.fieldsV1).toMatchObject({ 'f:spec': { 'f:replicas': {} } });
  });

  it('gives an object that never had managedFields a before-first-apply owner', () => {
    const legacy = stored(deployment({ replicas: 1 }));
    const err = conflictOf(() => apply(legacy, deployment({ replicas: 4 }), 'kubectl', T2));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
  });
});

describe('serverSideApply: errors and other behaviour', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ApiError) return [error.code, error.message];
    }
    return undefined;
  };

  it.each([
    [
      'managedFields in the patch',
      obj({ ...deployment(), metadata: { name: 'web', managedFields: [] } }),
      400,
      'metadata.managedFields must be nil',
    ],
    [
      'duplicate map-list keys',
      deployment({ containers: [container(), container()] }),
      500,
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    ],
    [
      'a field the schema does not declare',
      obj({ ...deployment(), spec: { foo: 1 } }),
      500,
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema',
    ],
  ])('rejects %s', (_, applied, status, message) => {
    expect(code(() => apply(null, applied, 'kubectl'))).toEqual([status, message]);
  });

  it('rejects a map-list item without a key that has no default', () => {
    const schema: ApplySchema = {
      root: 'Widget',
      schemas: {
        Widget: {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            items: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } } },
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['id'],
            },
          },
        },
      },
    };
    const w = obj({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      items: [{ size: 1 }],
    });
    expect(code(() => apply(null, w, 'kubectl', T1, false, schema))).toEqual([
      500,
      'failed to create typed patch object (/w; example.com/v1, Kind=Widget): .items: element 0: associative list with keys has an element that omits key field "id" (and doesn\'t have default value)',
    ]);
  });

  it("uses a key field's schema default for an item that omits it", () => {
    const out = apply(null, deployment({ containers: [{ image: 'nginx' }] }), 'kubectl');
    expect(JSON.stringify(entry(out, 'kubectl')?.fieldsV1)).toContain('"k:{\\"name\\":\\"\\"}"');
  });

  it('rejects a patch of another kind', () => {
    const live = apply(null, deployment(), 'kubectl');
    expect(code(() => apply(live, obj({ ...deployment(), kind: 'StatefulSet' }), 'kubectl'))).toEqual([
      400,
      'invalid object type: apps/v1, Kind=StatefulSet',
    ]);
  });

  it('falls back to deduced types without a schema: maps are granular, lists atomic', () => {
    const cr = (tags: string[]) =>
      obj({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 3, tags, nested: { x: 1 } },
      });
    const a = apply(null, cr(['a', 'b']), 'kubectl', T1, false, null);
    expect(entry(a, 'kubectl')?.fieldsV1).toEqual({
      'f:spec': { '.': {}, 'f:nested': { '.': {}, 'f:x': {} }, 'f:size': {}, 'f:tags': {} },
    });
    const b = apply(a, cr(['c']), 'kubectl', T2, false, null);
    expect((b.spec as { tags: string[] }).tags).toEqual(['c']);
  });

  it('keeps the last-applied annotation in step when kubectl applies', () => {
    const note = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const old = stored(obj({ ...deployment(), metadata: { name: 'web', annotations: note } }));
    const live = updateManagedFields(null, old, 'kubectl-client-side-apply', null, DEPLOYMENT, T1);
    const config = obj({ ...deployment(), metadata: { name: 'web' } });
    const out = apply(live, config, 'kubectl', T2);
    const text = out.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
    expect(text).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n',
    );
    const other = apply(live, config, 'helm', T2);
    expect(other.metadata.annotations).toEqual(note);
  });
});
