import { describe, expect, it } from 'vitest';
import { parseOutputFormat } from './format';

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

const files: Record<string, string> = {
  '/t.jsonpath': '{.metadata.name}',
  '/cols.txt': 'NAME   NS\nmetadata.name   metadata.namespace\n',
};
const readFile = (path: string) => files[path];

describe('parseOutputFormat', () => {
  it.each([
    ['', { kind: 'table', wide: false }],
    ['wide', { kind: 'table', wide: true }],
    ['json', { kind: 'json' }],
    ['JSON', { kind: 'json' }],
    ['Yaml', { kind: 'yaml' }],
    ['name', { kind: 'name' }],
    ['NAME', { kind: 'name' }],
    ['jsonpath={.a}', { kind: 'jsonpath', template: '{.a}', asJson: false }],
    ['jsonpath-as-json={.a}', { kind: 'jsonpath', template: '{.a}', asJson: true }],
    ['jsonpath-file=/t.jsonpath', { kind: 'jsonpath', template: '{.metadata.name}', asJson: false }],
    [
      'custom-columns=A:.a',
      { kind: 'custom-columns', columns: [{ header: 'A', fieldSpec: '{.a}' }], fromFile: false },
    ],
    [
      'custom-columns-file=/cols.txt',
      {
        kind: 'custom-columns',
        columns: [
          { header: 'NAME', fieldSpec: '{.metadata.name}' },
          { header: 'NS', fieldSpec: '{.metadata.namespace}' },
        ],
        fromFile: true,
      },
    ],
  ])('-o %j', (flag, format) => {
    expect(parseOutputFormat(flag, { readFile })).toEqual(format);
  });

  it.each([
    [
      'foo',
      `unable to match a printer suitable for the output format "foo", allowed formats are: ${ALLOWED}`,
    ],
    [
      'WIDE',
      `unable to match a printer suitable for the output format "WIDE", allowed formats are: ${ALLOWED}`,
    ],
    [
      'JSONPATH={.a}',
      `unable to match a printer suitable for the output format "JSONPATH={.a}", allowed formats are: ${ALLOWED}`,
    ],
    ['jsonpath', 'template format specified but no template given'],
    ['jsonpath=', 'template format specified but no template given'],
    ['jsonpath-as-json', 'template format specified but no template given'],
    ['go-template', 'template format specified but no template given'],
    ['template', 'template format specified but no template given'],
    ['jsonpath={.foo', 'error parsing jsonpath {.foo, unclosed action'],
    [
      'jsonpath-file=/nonexist',
      'error reading --template /nonexist, open /nonexist: no such file or directory',
    ],
    ['custom-columns', 'custom-columns format specified but no custom columns given'],
    ['custom-columns=', 'custom-columns format specified but no custom columns given'],
    ['custom-columns=A', 'unexpected custom-columns spec: A, expected <header>:<json-path-expr>'],
    [
      'custom-columns=A:{.x',
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    ],
    [
      'custom-columns-file=/nonexist',
      'error reading template /nonexist, open /nonexist: no such file or directory\n',
    ],
    [
      'go-template={{.x}}',
      "go-template output is not supported by Kubelab's kubectl; use -o jsonpath instead",
    ],
  ])('-o %j fails with kubectl message', (flag, error) => {
    expect(parseOutputFormat(flag, { readFile })).toEqual({ error });
  });

  it('takes the template from --template', () => {
    expect(parseOutputFormat('jsonpath', { template: '{.b}' })).toEqual({
      kind: 'jsonpath',
      template: '{.b}',
      asJson: false,
    });
    expect(parseOutputFormat('custom-columns', { template: 'B:.b' })).toMatchObject({
      columns: [{ header: 'B', fieldSpec: '{.b}' }],
    });
    expect(parseOutputFormat('', { template: '{{.b}}' })).toEqual({
      error: "go-template output is not supported by Kubelab's kubectl; use -o jsonpath instead",
    });
    expect(parseOutputFormat('json', { template: '{.b}' })).toEqual({ kind: 'json' });
  });
});
