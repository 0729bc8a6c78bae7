import { describe, expect, it } from 'vitest';
import { Path } from './field';
import { selectorMatches, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { messages } from './testing';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('validateObjectMeta', () => {
  it.each<[string, object, boolean, string[]]>([
    ['valid', { name: 'web', namespace: 'default' }, true, []],
    [
      'name required',
      { namespace: 'default' },
      true,
      ['metadata.name: Required value: name or generateName is required'],
    ],
    ['generateName stands in for a name', { generateName: 'web-', namespace: 'default' }, true, []],
    [
      'bad generateName',
      { generateName: 'Web-', namespace: 'default' },
      true,
      [`metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}`],
    ],
    [
      'bad name',
      { name: 'Web_1', namespace: 'default' },
      true,
      [`metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`],
    ],
    ['namespace required', { name: 'web' }, true, ['metadata.namespace: Required value']],
    [
      'namespace forbidden on cluster-scoped kinds',
      { name: 'web', namespace: 'default' },
      false,
      ['metadata.namespace: Forbidden: not allowed on this type'],
    ],
    [
      'label key and value',
      { name: 'web', namespace: 'default', labels: { 'bad key': 'x', ok: 'bad value' } },
      true,
      [
        "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [
      'annotations over 256 KiB',
      { name: 'web', namespace: 'default', annotations: { big: 'x'.repeat(262142) } },
      true,
      ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    ],
    [
      'annotation keys are case-insensitive',
      { name: 'web', namespace: 'default', annotations: { 'Example.COM/Key': 'v' } },
      true,
      [],
    ],
    [
      'negative generation',
      { name: 'web', namespace: 'default', generation: -1 },
      true,
      ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'finalizers',
      { name: 'web', namespace: 'default', finalizers: ['example.com/cleanup', 'cleanup'] },
      true,
      [
        'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
      ],
    ],
    [
      'owner references',
      {
        name: 'web',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '' }],
      },
      true,
      ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
  ])('%s', (_, meta, namespaced, expected) => {
    expect(messages(validateObjectMeta(meta, namespaced, nameIsDNSSubdomain))).toEqual(expected);
  });

  it('checks namespace names as DNS labels', () => {
    expect(messages(validateObjectMeta({ name: 'a', namespace: 'a.b' }, true, nameIsDNSLabel))).toEqual([
      'metadata.namespace: Invalid value: "a.b": must not contain dots',
    ]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '5',
    creationTimestamp: '2024-01-01T00:00:00Z',
  };
  it.each<[string, object, string[]]>([
    ['unchanged', { ...old }, []],
    ['name', { ...old, name: 'other' }, ['metadata.name: Invalid value: "other": field is immutable']],
    [
      'namespace',
      { ...old, namespace: 'prod' },
      ['metadata.namespace: Invalid value: "prod": field is immutable'],
    ],
    ['uid', { ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['an empty uid keeps the stored one', { ...old, uid: '' }, []],
  ])('%s', (_, meta, expected) => {
    expect(messages(validateObjectMetaUpdate(meta, old))).toEqual(expected);
  });

  it('refuses new finalizers on an object being deleted', () => {
    const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z', finalizers: ['a.io/x'] };
    expect(
      messages(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting)),
    ).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    ]);
  });
});

describe('label selectors', () => {
  const at = Path.of('spec', 'selector');
  it('validates operators and values', () => {
    const sel = {
      matchExpressions: [
        { key: 'tier', operator: 'In', values: [] },
        { key: 'env', operator: 'Exists', values: ['x'] },
        { key: 'app', operator: 'Equals', values: ['x'] },
      ],
    };
    expect(messages(validateLabelSelector(sel, at))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Equals": not a valid selector operator',
    ]);
  });

  it.each<[object, object, boolean]>([
    [{ matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' }, true],
    [{ matchLabels: { app: 'web' } }, { app: 'db' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, { tier: 'be' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { app: 'x' }, true],
    [{}, { app: 'x' }, true],
  ])('%j matches %j: %s', (sel, labels, expected) => {
    expect(selectorMatches(sel, labels)).toBe(expected);
  });
});
