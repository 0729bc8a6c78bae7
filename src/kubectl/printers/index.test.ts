import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import {
  parseOutputFormat,
  printJsonPath,
  printObjects,
  type GenericOutputFormat,
  type PrintOptions,
} from './index';

const deployment: KubeObject = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: {
    name: 'web',
    namespace: 'default',
    managedFields: [{ manager: 'kubectl-create', operation: 'Update' }],
  },
  spec: { replicas: 2 },
};
const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default' },
  data: { enabled: 'true', port: '123', empty: '' },
};

function print(flag: string, objects: readonly KubeObject[], options: Partial<PrintOptions> = {}) {
  const format = parseOutputFormat(flag);
  if ('error' in format || format.kind === 'table') throw new Error(`not a generic format: ${flag}`);
  return printObjects(format as GenericOutputFormat, objects, { singleItem: false, ...options });
}

describe('printObjects', () => {
  it('prints one named object on its own, without managedFields', () => {
    expect(print('yaml', [deployment], { singleItem: true })).toEqual({
      stdout:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: 2\n',
    });
    expect(print('json', [configMap], { singleItem: true }).stdout).toBe(
      '{\n    "apiVersion": "v1",\n    "data": {\n        "empty": "",\n        "enabled": "true",\n        "port": "123"\n' +
        '    },\n    "kind": "ConfigMap",\n    "metadata": {\n        "name": "settings",\n        "namespace": "default"\n    }\n}\n',
    );
  });

  it('keeps managedFields when asked', () => {
    expect(print('yaml', [deployment], { singleItem: true, showManagedFields: true }).stdout).toContain(
      '  managedFields:\n  - manager: kubectl-create\n    operation: Update\n',
    );
  });

  it('wraps several objects, or a list of one, in a v1 List', () => {
    const list = print('yaml', [configMap, deployment]).stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    empty: ""\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(list).not.toContain('managedFields');
    expect(print('yaml', [])).toEqual({
      stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    });
    expect(print('json', [configMap]).stdout).toMatch(
      /^\{\n {4}"apiVersion": "v1",\n {4}"items": \[\n {8}\{/,
    );
  });

  it('does not modify the objects it prints', () => {
    print('json', [deployment, configMap]);
    expect(deployment.metadata.managedFields).toHaveLength(1);
  });

  it('prints names as kind.group/name', () => {
    expect(print('name', [deployment, configMap])).toEqual({
      stdout: 'deployment.apps/web\nconfigmap/settings\n',
    });
    expect(print('name', [{ apiVersion: '', kind: '', metadata: { name: 'x' } }])).toEqual({
      stdout: '',
      error: 'missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type',
    });
  });

  it('runs jsonpath on the object, or on the List', () => {
    expect(print('jsonpath={.metadata.name}', [deployment], { singleItem: true })).toEqual({ stdout: 'web' });
    expect(print('jsonpath={.items[*].metadata.name}', [deployment, configMap])).toEqual({
      stdout: 'web settings',
    });
    expect(print('jsonpath={.kind}', [deployment])).toEqual({ stdout: 'List' });
    expect(
      print('jsonpath={.metadata.managedFields[0].manager}', [deployment], { singleItem: true }),
    ).toEqual({
      stdout: 'kubectl-create',
    });
    expect(
      print('jsonpath={.x}', [configMap], { singleItem: true, allowMissingTemplateKeys: false }).error,
    ).toMatch(/^error executing jsonpath "\{\.x\}": Error executing template: x is not found\./);
  });

  it('reports a jsonpath error as kubectl does, with the object in Go syntax', () => {
    const result = print('jsonpath={.metadata.name[0]}', [configMap], { singleItem: true });
    expect(result).toEqual({
      stdout: '',
      error:
        'error executing jsonpath "{.metadata.name[0]}": Error executing template: string is not array or slice. ' +
        'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.metadata.name[0]}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", ' +
        '"data":map[string]interface {}{"empty":"", "enabled":"true", "port":"123"}, "kind":"ConfigMap", ' +
        '"metadata":map[string]interface {}{"name":"settings", "namespace":"default"}}\n\n\n',
    });
  });

  it('prints custom columns, honouring --no-headers only for inline specs', () => {
    expect(print('custom-columns=NAME:.metadata.name,KIND:.kind', [deployment, configMap])).toEqual({
      stdout: 'NAME       KIND\nweb        Deployment\nsettings   ConfigMap\n',
    });
    expect(print('custom-columns=NAME:.metadata.name', [deployment], { noHeaders: true }).stdout).toBe(
      'web\n',
    );
    const fromFile: GenericOutputFormat = {
      kind: 'custom-columns',
      columns: [{ header: 'NAME', fieldSpec: '{.metadata.name}' }],
      fromFile: true,
    };
    expect(printObjects(fromFile, [deployment], { singleItem: true, noHeaders: true }).stdout).toBe(
      'NAME\nweb\n',
    );
  });

  it('sorts the items of a List, not a single object', () => {
    const b = { ...configMap, metadata: { name: 'b' } };
    const a = { ...configMap, metadata: { name: 'a' } };
    expect(print('name', [b, a], { sortBy: '.metadata.name' }).stdout).toBe('configmap/a\nconfigmap/b\n');
    expect(print('name', [b], { singleItem: true, sortBy: '.nothing' })).toEqual({ stdout: 'configmap/b\n' });
    expect(print('name', [b], { sortBy: '.nothing' })).toEqual({
      stdout: '',
      error: `couldn't find any field with path "{.nothing}" in the list of objects`,
    });
  });

  it('fails -o yaml on text yaml.v2 would refuse', () => {
    const bad = { ...configMap, data: { del: '\x7f' } };
    expect(print('yaml', [bad], { singleItem: true })).toEqual({
      stdout: '',
      error: 'yaml: control characters are not allowed',
    });
  });
});

describe('printJsonPath', () => {
  it('works on any JSON value and reports parse errors as kubectl does', () => {
    expect(printJsonPath('{.users[*].name}', { users: [{ name: 'a' }, { name: 'b' }] })).toEqual({
      stdout: 'a b',
    });
    expect(printJsonPath('{.a', {})).toEqual({
      stdout: '',
      error: 'error parsing jsonpath {.a, unclosed action',
    });
  });
});
