import { describe, expect, it } from 'vitest';
import {
  escapeTerminal,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  relaxedJsonPath,
} from './custom-columns';

describe('relaxedJsonPath', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['..name', '{..name}'],
    ['', ''],
  ])('%j -> %j', (input, output) => {
    expect(relaxedJsonPath(input)).toBe(output);
  });

  it.each(['{.x', '.x{', '{a}{b}'])('rejects %j', (input) => {
    expect(() => relaxedJsonPath(input)).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
});

describe('parseCustomColumnsSpec', () => {
  it('splits HEADER:path pairs at commas and the first colon', () => {
    expect(parseCustomColumnsSpec('NAME:.metadata.name,TIME:{.metadata.creationTimestamp},E:')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'TIME', fieldSpec: '{.metadata.creationTimestamp}' },
      { header: 'E', fieldSpec: '' },
    ]);
  });

  it.each([
    ['', 'custom-columns format specified but no custom columns given'],
    ['A', 'unexpected custom-columns spec: A, expected <header>:<json-path-expr>'],
    ['A:.a,B', 'unexpected custom-columns spec: B, expected <header>:<json-path-expr>'],
  ])('%j fails with %s', (spec, message) => {
    expect(() => parseCustomColumnsSpec(spec)).toThrow(message);
  });
});

describe('parseCustomColumnsTemplate', () => {
  it('reads a line of headers and a line of paths', () => {
    expect(
      parseCustomColumnsTemplate('NAME   IMAGE\r\nmetadata.name\t{.spec.containers[0].image}\n'),
    ).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IMAGE', fieldSpec: '{.spec.containers[0].image}' },
    ]);
  });

  const hint =
    'Expected format is one line of space separated headers, one line of space separated column specs.';
  it.each([
    ['', `invalid template, missing header line. ${hint}`],
    ['NAME\n', `invalid template, missing spec line. ${hint}`],
    ['A B\n.a\n', "number of headers (2) and field specifications (1) don't match"],
  ])('%j fails with %s', (text, message) => {
    expect(() => parseCustomColumnsTemplate(text)).toThrow(message);
  });
});

describe('printCustomColumns', () => {
  const pods = [
    { metadata: { name: 'web-1' }, spec: { containers: [{ image: 'nginx' }, { image: 'envoy' }] } },
    { metadata: { name: 'db' }, spec: { containers: [{ image: 'postgres' }] }, status: { ready: null } },
  ];

  it('prints a header and a row per object, <none> for nothing found and commas between values', () => {
    const columns = parseCustomColumnsSpec(
      'NAME:.metadata.name,IMAGES:.spec.containers[*].image,X:.status.ready',
    );
    expect(printCustomColumns(columns, pods, false)).toEqual({
      stdout: 'NAME    IMAGES        X\nweb-1   nginx,envoy   <none>\ndb      postgres      <nil>\n',
    });
    expect(printCustomColumns(columns, pods, true).stdout).toBe(
      'web-1   nginx,envoy   <none>\ndb      postgres      <nil>\n',
    );
  });

  it('prints maps and lists as fmt does, escaping terminal control characters', () => {
    const objects = [{ data: { b: 'x\x1by', a: '1\r' }, list: ['p', 'q'] }];
    const columns = parseCustomColumnsSpec('D:.data,L:.list');
    expect(printCustomColumns(columns, objects, false).stdout).toBe(
      'D                   L\nmap[a:1\\r b:x^[y]   [p q]\n',
    );
    expect(escapeTerminal('\x1b[1m\r')).toBe('^[[1m\\r');
  });

  it('prints only the header when there are no objects', () => {
    expect(printCustomColumns(parseCustomColumnsSpec('A:.x'), [], false)).toEqual({ stdout: 'A\n' });
  });

  it('stops at an error after what was already written', () => {
    expect(printCustomColumns(parseCustomColumnsSpec('A:.metadata.name,B:.x['), pods, false)).toEqual({
      stdout: 'A     B\n',
      error: 'unterminated array',
    });
    expect(
      printCustomColumns(parseCustomColumnsSpec('A:.metadata.name,B:.spec.containers[1].image'), pods, false),
    ).toEqual({
      stdout: 'A       B\nweb-1   envoy\n',
      error: 'array index out of bounds: index 1, length 1',
    });
  });
});
