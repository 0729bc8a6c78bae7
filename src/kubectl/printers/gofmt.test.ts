import { describe, expect, it } from 'vitest';
import {
  GoFloat,
  compareGoStrings,
  formatFloatG,
  formatGoNumber,
  goJson,
  goQuote,
  goRuneU,
  goSprint,
  goSyntax,
  jsonString,
} from './gofmt';

describe('formatFloatG (strconv g, -1)', () => {
  it.each([
    [0.5, '0.5'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e6, '1e+06'],
    [100000, '100000'],
    [1e21, '1e+21'],
    [1.5e-7, '1.5e-07'],
    [-2.25, '-2.25'],
    [0, '0'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%s prints as %s', (n, text) => {
    expect(formatFloatG(n)).toBe(text);
  });

  it('prints integers (int64 in Go) in full and other numbers as floats', () => {
    expect(formatGoNumber(1000000)).toBe('1000000');
    expect(formatGoNumber(-3)).toBe('-3');
    expect(formatGoNumber(2.5e6 + 0.5)).toBe('2.5000005e+06');
  });
});

describe('encoding/json', () => {
  it.each([
    ['plain', '"plain"'],
    ['<a>&', '"\\u003ca\\u003e\\u0026"'],
    ['tab\tnl\ncr\r', '"tab\\tnl\\ncr\\r"'],
    ['\b\f', '"\\b\\f"'],
    ['\x01\x1b', '"\\u0001\\u001b"'],
    ['"\\', '"\\"\\\\"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\x7f é ✓ 🙂', '"\x7f é ✓ 🙂"'],
  ])('escapes %j as Go 1.22+ does', (s, json) => {
    expect(jsonString(s)).toBe(json);
  });

  it('sorts keys bytewise and writes compact or indented JSON', () => {
    const value = { b: [1, 'x', { z: null, a: true }], a: { k: 1.5 }, B: {}, c: [] };
    expect(goJson(value)).toBe('{"B":{},"a":{"k":1.5},"b":[1,"x",{"a":true,"z":null}],"c":[]}');
    expect(goJson(value, '    ')).toBe(
      [
        '{',
        '    "B": {},',
        '    "a": {',
        '        "k": 1.5',
        '    },',
        '    "b": [',
        '        1,',
        '        "x",',
        '        {',
        '            "a": true,',
        '            "z": null',
        '        }',
        '    ],',
        '    "c": []',
        '}',
      ].join('\n'),
    );
  });

  it('orders keys by code point, as UTF-8 bytes sort', () => {
    expect(['\uffff', '\u{1f642}', 'a', 'B'].sort(compareGoStrings)).toEqual([
      'B',
      'a',
      '\uffff',
      '\u{1f642}',
    ]);
  });
});

describe('fmt', () => {
  const value = { b: [1, 'x', { z: 1e6, a: null }], a: { k: true, j: 1.5, i: 1 }, d: [], e: {} };

  it('%v prints maps with sorted keys, lists with spaces and <nil>', () => {
    expect(goSprint(value)).toBe('map[a:map[i:1 j:1.5 k:true] b:[1 x map[a:<nil> z:1000000]] d:[] e:map[]]');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint(new GoFloat(2))).toBe('2');
  });

  it('%#v prints Go syntax', () => {
    expect(goSyntax(value)).toBe(
      'map[string]interface {}{"a":map[string]interface {}{"i":1, "j":1.5, "k":true}, ' +
        '"b":[]interface {}{1, "x", map[string]interface {}{"a":interface {}(nil), "z":1000000}}, ' +
        '"d":[]interface {}{}, "e":map[string]interface {}{}}',
    );
  });

  it.each([
    ['{.a\n"b"é\x01', '"{.a\\n\\"b\\"é\\x01"'],
    ['\x7f\u00a0\u2028', '"\\x7f\\u00a0\\u2028"'],
    ['\x07\b\f\r\t\v\\', '"\\a\\b\\f\\r\\t\\v\\\\"'],
  ])('strconv.Quote(%j) is %s', (s, quoted) => {
    expect(goQuote(s)).toBe(quoted);
  });

  it('%#U shows the character only when it is printable', () => {
    expect(goRuneU('*')).toBe("U+002A '*'");
    expect(goRuneU('\x07')).toBe('U+0007');
    expect(goRuneU('é')).toBe("U+00E9 'é'");
  });
});
