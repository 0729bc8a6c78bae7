import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml';

/** What kubectl v1.32 printed for ConfigMap data holding these values (`key: value` lines). */
const KUBECTL_SCALARS: [string, string, string][] = [
  ['plain', 'a,b', 'plain: a,b'],
  ['bool-like', 'true', 'bool-like: "true"'],
  ['yaml 1.1 bool', 'y', 'yaml 1.1 bool: "y"'],
  ['on-value', 'on', 'on-value: "on"'],
  ['int-like', '123', 'int-like: "123"'],
  ['empty', '', 'empty: ""'],
  ['null-like', '~', 'null-like: "~"'],
  ['float-like', '.5', 'float-like: ".5"'],
  ['exponent', '1e3', 'exponent: "1e3"'],
  ['hex', '0x1F', 'hex: "0x1F"'],
  ['octal', '0o17', 'octal: "0o17"'],
  ['not octal', '08', 'not octal: "08"'],
  ['underscore', '1_000', 'underscore: "1_000"'],
  ['trailing dot', '1.', 'trailing dot: "1."'],
  ['out of range', '1e999', 'out of range: 1e999'],
  ['too big for uint64', '0xFFFFFFFFFFFFFFFFFF', 'too big for uint64: 0xFFFFFFFFFFFFFFFFFF'],
  ['decimal beyond int64', '99999999999999999999', 'decimal beyond int64: "99999999999999999999"'],
  ['base 60', '1:20', 'base 60: "1:20"'],
  ['date', '2024-01-01', 'date: "2024-01-01"'],
  ['timestamp', '2001-12-14 21:59:43.10', 'timestamp: "2001-12-14 21:59:43.10"'],
  ['sign', '+', 'sign: +'],
  ['negative', '-1', 'negative: "-1"'],
  ['indicator', '@x', "indicator: '@x'"],
  ['dash space', '- x', "dash space: '- x'"],
  ['dash', '-', "dash: '-'"],
  ['colon space', 'a: b', "colon space: 'a: b'"],
  ['colon end', 'x:', "colon end: 'x:'"],
  ['leading colon', ':x', 'leading colon: :x'],
  ['url', 'http://example.com:8080/path', 'url: http://example.com:8080/path'],
  ['hash', 'a #b', "hash: 'a #b'"],
  ['hash inside', 'a#b', 'hash inside: a#b'],
  ['question', '?x', 'question: ?x'],
  ['question space', '? x', "question space: '? x'"],
  ['quote', "'x'", "quote: '''x'''"],
  ['double quote', '"x"', 'double quote: \'"x"\''],
  ['leading space', ' lead', "leading space: ' lead'"],
  ['trailing space', 'trail ', "trailing space: 'trail '"],
  ['document start', '--- x', "document start: '--- x'"],
  ['dots', '...', "dots: '...'"],
  ['html', '<a>&', 'html: <a>&'],
  ['unicode', 'héllo ✓', 'unicode: héllo ✓'],
  ['nbsp', 'a\u00a0b', 'nbsp: a\u00a0b'],
  ['tab', 'a\tb', 'tab: "a\\tb"'],
  ['control', 'a\x01b', 'control: "a\\x01b"'],
  ['bell', 'x\by', 'bell: "x\\by"'],
  ['escape', '\x1b[31mred', 'escape: "\\e[31mred"'],
  ['crlf', 'a\r\nb', 'crlf: "a\\r\\nb"'],
  ['emoji', 'smile 🙂 ok', 'emoji: "smile \\U0001F642 ok"'],
  ['bom', '\ufeffx', 'bom: "\\uFEFF\\x78"'],
  ['line separator', 'a\u2028b', "line separator: 'a\u2028  b'"],
  ['nel', 'a\u0085b', 'nel: a b'],
  ['space before newline', 'a \nb', 'space before newline: "a \\nb"'],
  ['newline', 'line1\nline2\n', 'newline: |\n  line1\n  line2'],
  ['no final newline', 'line1\nline2', 'no final newline: |-\n  line1\n  line2'],
  ['kept newlines', 'line1\n\n', 'kept newlines: |+\n  line1\n'],
  ['indented first line', '  indented\nx\n', 'indented first line: |2\n    indented\n  x'],
  ['leading newline', '\nx', 'leading newline: |2-\n\n  x'],
  ['only newline', '\n', 'only newline: |2+\n'],
  ['tab after newline', 'a\n\tb\n', 'tab after newline: "a\\n\\tb\\n"'],
];

describe('toYaml: scalars as kubectl prints them', () => {
  it.each(KUBECTL_SCALARS)('%s', (key, value, line) => {
    expect(toYaml({ [key]: value })).toBe(`${line}\n`);
  });

  it('folds long scalars at spaces past column 80, as kubectl did for this ConfigMap', () => {
    const data = {
      plainlong: `${'word '.repeat(30)}end`,
      plainlong2: `${'x'.repeat(78)} yy zz`,
      sq: "'quoted' text that is long enough to need folding beyond the eighty column limit of yaml for sure ok",
      dqlong2:
        'tab\there and a very long string with  double  spaces that must be folded by the double quoted writer  for sure',
    };
    expect(toYaml({ data })).toBe(
      [
        'data:',
        '  dqlong2: "tab\\there and a very long string with  double  spaces that must be folded',
        '    by the double quoted writer  for sure"',
        `  plainlong: ${'word '.repeat(14).trim()}`,
        `    ${'word '.repeat(16).trim()}`,
        '    end',
        `  plainlong2: ${'x'.repeat(78)}`,
        '    yy zz',
        "  sq: '''quoted'' text that is long enough to need folding beyond the eighty column",
        "    limit of yaml for sure ok'",
        '',
      ].join('\n'),
    );
  });

  it('quotes keys that would read back as something else', () => {
    expect(toYaml({ false: 'x', '1': 'one', null: 'n' })).toBe('"1": one\n"false": x\n"null": "n"\n');
  });

  it('writes keys longer than 128 bytes as explicit keys', () => {
    const key = 'k'.repeat(130);
    expect(toYaml({ [key]: 'long key' })).toBe(`? ${key}\n: long key\n`);
  });

  it('prints numbers, booleans and null as Go values', () => {
    expect(toYaml({ a: 3, b: -0.25, c: 1e-7, d: 1234567.5, e: 1e21, f: true, g: null })).toBe(
      'a: 3\nb: -0.25\nc: 1e-07\nd: 1.2345675e+06\ne: 1e+21\nf: true\ng: null\n',
    );
  });

  it('refuses what yaml.v2 refuses to read back, as kubectl does', () => {
    expect(() => toYaml({ del: 'a\x7fb' })).toThrow('yaml: control characters are not allowed');
  });

  it('reads a raw NEL back as a folded line break', () => {
    expect(toYaml({ a: 'x  \u0085  y', b: 'x\u0085\u0085y' })).toBe('a: x y\nb: |-\n  x\n  y\n');
  });
});

describe('toYaml: structure', () => {
  it('sorts keys in yaml.v2 natural order', () => {
    const keys = [
      'a10',
      'a9',
      'a1',
      'a01',
      'A',
      '_x',
      'a-b',
      'a.b',
      'a_b',
      '10',
      '9',
      '1',
      '01',
      'Zeta',
      'app',
    ];
    const out = toYaml(Object.fromEntries(keys.map((k) => [k, 'v'])));
    expect(out.split('\n').map((l) => l.split(':')[0])).toEqual([
      '_x',
      '"1"',
      '"01"',
      '"9"',
      '"10"',
      'A',
      'Zeta',
      'a-b',
      'a.b',
      'a_b',
      'a1',
      'a01',
      'a9',
      'a10',
      'app',
      '',
    ]);
  });

  it('writes sequences flush with their key and nested collections after dashes', () => {
    const value = {
      spec: {
        containers: [{ name: 'web', args: ['a', 'b'], env: [] }],
        nested: [[1, 2], [], [[3]], [{ a: 1, b: [{}] }]],
        empty: {},
      },
    };
    expect(toYaml(value)).toBe(
      [
        'spec:',
        '  containers:',
        '  - args:',
        '    - a',
        '    - b',
        '    env: []',
        '    name: web',
        '  empty: {}',
        '  nested:',
        '  - - 1',
        '    - 2',
        '  - []',
        '  - - - 3',
        '  - - a: 1',
        '      b:',
        '      - {}',
        '',
      ].join('\n'),
    );
  });

  it('folds deep values at the indentation of their mapping', () => {
    const long = 'a very long string value that sits deep inside nested maps so it folds at eighty cols';
    expect(toYaml({ a: { b: { c: long } }, l: [long] })).toBe(
      [
        'a:',
        '  b:',
        '    c: a very long string value that sits deep inside nested maps so it folds at eighty',
        '      cols',
        'l:',
        '- a very long string value that sits deep inside nested maps so it folds at eighty',
        '  cols',
        '',
      ].join('\n'),
    );
  });

  it('prints an empty object and an empty list in flow style', () => {
    expect(toYaml({})).toBe('{}\n');
    expect(toYaml({ items: [] })).toBe('items: []\n');
  });

  it('ends a document whose last value keeps its newlines without a document end marker', () => {
    expect(toYaml({ a: 'x\n\n' })).toBe('a: |+\n  x\n\n');
    expect(toYaml(null)).toBe('null\n');
  });

  it('produces YAML that reads back to the same value', () => {
    // Not the YAML 1.1 and Go-specific cases, which js-yaml (YAML 1.2) reads differently.
    const skip = ['nel', 'line separator', 'out of range', 'too big for uint64'];
    const value = Object.fromEntries(
      KUBECTL_SCALARS.filter(([k]) => !skip.includes(k)).map(([k, v]) => [k, v]),
    );
    expect(load(toYaml(value))).toEqual(value);
  });
});
