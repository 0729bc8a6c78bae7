import { describe, expect, it } from 'vitest';
import { JsonPath, printResults } from './eval';
import { parseJsonPath } from './parser';

function run(template: string, data: unknown, allowMissingKeys = false, asJson = false): string {
  return printResults(new JsonPath(parseJsonPath(template), allowMissingKeys).findResults(data), asJson);
}

const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    { name: 'one', value: 1 },
    { name: 'two', value: 2.02 },
    { name: 'three', value: 3.03 },
    { name: 'four', value: 4.04 },
  ],
};

const store = {
  name: 'jsonpath',
  book: [
    { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Centurey', price: 8.95 },
    { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
    { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', price: 8.99 },
  ],
  bicycle: [
    { color: 'red', price: 19.95, isNew: true },
    { color: 'green', price: 20.01, isNew: false },
  ],
  labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
};

const points = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i4', x: -6, y: -1 },
  { id: 'i5', x: 0, y: 2, z: 1 },
  { id: 'i6', x: 1, y: 4 },
  { id: 'i7', x: null, y: 4 },
];

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: {
        capacity: { cpu: '4' },
        ready: true,
        addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }],
      },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const pods = {
  items: [
    {
      metadata: { name: 'pod1' },
      spec: {
        containers: [
          { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
          { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
        ],
      },
    },
    { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }] }] } },
  ],
};

describe('jsonpath: values, indexes and slices', () => {
  it.each([
    ['{ .bools }', '[true,false,true,false]'],
    ['{ .bools[-1] }', 'false'],
    ['{ .bools[:4:2] }', 'true true'],
    ['{ .integers[-2] }', '3'],
    ['{ .integers[0:2] }', '1 2'],
    ['{ .floats }', '[1,2.2,3.3,4]'],
    ['{ .floats[0] }', '1'],
    ['{ .floats[:4:2] }', '1 3.3'],
    ['{ .strings }', '["one","two","three","four"]'],
    ['{ .strings[-2] }', 'three'],
    ['{ .interfaces }', '[true,"one",1,1.1]'],
    ['{ .interfaces[:4:2] }', 'true 1'],
    ['{ .maps[-2] }', '{"name":"three","value":3.03}'],
    ['{ .maps[1::2] }', '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    ['{ .integers[1:1] }', ''],
    ['{ .integers[] }', '1'],
  ])('%s', (template, out) => {
    expect(run(template, types)).toBe(out);
  });
});

describe('jsonpath: fields, filters, ranges', () => {
  it.each([
    ['hello jsonpath', null, 'hello jsonpath'],
    ['{..}', [1, 2, 3], '[1,2,3]'],
    ['{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['{"{"}', null, '{'],
    ['{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['hello {.name}', store, 'hello jsonpath'],
    ['{$.labels.web/html}', store, '15'],
    ['{.labels.k8s-app}', store, '20'],
    ['{.bicycle[*].color}', store, 'red green'],
    ['{.book[*].author}', store, 'Nigel Rees Evelyn Waugh Herman Melville'],
    ['{range .bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, '{red true 19.95} {green false 20.01} '],
    ['{..price}', store, '19.95 20.01 8.95 12.99 8.99'],
    [
      '{.book[-1:]}',
      store,
      '{"author":"Herman Melville","category":"fiction","price":8.99,"title":"Moby Dick"}',
    ],
    ['{..book[2].title}', store, 'Moby Dick'],
    ['{.bicycle[?(@.isNew==true)].color}', store, 'red'],
    ['{[?(@.z)].id}', points, 'i2 i5'],
    ["{[0]['id']}", points, 'i1'],
    ["{[-1]['x']}", points, 'null'],
    ['{range .items[*]}{.metadata.name}, {end}{.kind}', nodes, '127.0.0.1, 127.0.0.2, List'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', nodes, '127.0.0.1\t127.0.0.2\t'],
    ['{.items[*].status.addresses[*].address}', nodes, '127.0.0.1 127.0.0.2 127.0.0.3'],
    [
      '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}',
      nodes,
      '127.0.0.1, 127.0.0.2, 127.0.0.3, ',
    ],
    ["{.items[*]['metadata.name', 'status.capacity']}", nodes, '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    [
      '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}',
      nodes,
      '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
    ],
    ['{.users[?(@.name=="e2e")].user.password}', nodes, 'secret'],
    ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', nodes, '127.0.0.1'],
    ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', nodes, 'None'],
    ['{.items[?(@..ready==true)].metadata.name}', nodes, '127.0.0.1'],
    ['{..name}', nodes, '127.0.0.1 127.0.0.2 myself e2e'],
    [
      '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
      pods,
      'pod1:foo,bar,+pod2:baz,+',
    ],
    [
      '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
      pods,
      'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,+#',
    ],
    ['{.name.*}', { name: 'ab' }, '97 98'],
    ['{5} {1.50} {true}', {}, '5 1.5 true'],
  ])('%s', (template, data, out) => {
    expect(run(template, data)).toBe(out);
  });

  it('prints nothing for missing keys when they are allowed', () => {
    expect(run('{.hello}', store, true)).toBe('');
    expect(run('before-{.hello}after', store, true)).toBe('before-after');
    expect(run('{range .items[*]}{.metadata.name}{end}', { items: [] }, true)).toBe('');
    expect(run('{range .items[*]}{.a}{":"}{range @.b[*]}{.c}{","}{end}{"+"}{end}', { items: [] }, true)).toBe(
      '',
    );
  });

  it('writes each result list as indented JSON for jsonpath-as-json', () => {
    expect(run('{.strings[0:2]}{.none}', types, true, true)).toBe('[\n    "one",\n    "two"\n]\n[]\n');
  });
});

describe('jsonpath: errors', () => {
  it.each([
    ['{hello}', store, 'unrecognized identifier hello'],
    ['{.hello}', store, 'hello is not found'],
    ['{.labels[0]}', store, 'map[string]interface {} is not array or slice'],
    ['{.name[0]}', store, 'string is not array or slice'],
    ['{.book[?(@.price<>10)]}', store, 'unrecognized filter operator <>'],
    ['{range .labels.*}{@}{end}{end}', store, 'not in range, nothing to end'],
    ['{.book[5]}', store, 'array index out of bounds: index 5, length 3'],
    ['{.book[1:9]}', store, 'array index out of bounds: index 8, length 3'],
    ['{.book[2:1]}', store, 'starting index 2 is greater than ending index 1'],
    ['{.book[::0]}', store, 'step must be > 0'],
    ['{.book[?(@.price>1)]}', store, 'incompatible types for comparison'],
    ['{.book[?(@.price>1.0)].title}', store, ''],
    ['{[?(@.x<1)]}', points, 'invalid type for comparison'],
    ['{.bicycle[?(@.isNew<true)]}', store, 'invalid type for comparison'],
    [
      '{.labels[?(@.x)]}',
      store,
      'map[engieer:10 k8s-app:20 web/html:15] is not array or slice and cannot be filtered',
    ],
    ['{.book[?(@..price==8.95)]}', store, ''],
    ['{[?(@..x==1)]}', [{ a: { x: 1 }, b: { x: 2 } }], 'can only compare one element at a time'],
  ])('%s', (template, data, message) => {
    const attempt = () => run(template, data);
    if (message === '') expect(attempt).not.toThrow();
    else expect(attempt).toThrow(message);
  });
});
