import { describe, expect, it } from 'vitest';
import { GoJsonError, goJsonSyntaxError, parseGoJson } from './gojson';

describe("Go's JSON syntax errors", () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{', 'unexpected end of JSON input'],
    ['{"a":"b', 'unexpected end of JSON input'],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    ['-', "invalid character ' ' in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
    ['1e', "invalid character ' ' in exponent of numeric literal"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['nul}', "invalid character '}' in literal null (expecting 'l')"],
    ['fals', "invalid character ' ' in literal false (expecting 'e')"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['{"a":1}é', "invalid character 'Ã' after top-level value"],
    ['\u0001', "invalid character '\\x01' looking for beginning of value"],
  ])('%j', (text, message) => {
    expect(goJsonSyntaxError(text)).toBe(message);
    expect(() => parseGoJson(text)).toThrow(new GoJsonError(message));
  });

  it.each(['{}', '[]', ' {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]} ', '0', '"x"', '-0.0E-1'])(
    'accepts %j',
    (text) => {
      expect(goJsonSyntaxError(text)).toBeUndefined();
      expect(parseGoJson(text)).toEqual(JSON.parse(text));
    },
  );

  it('refuses nesting deeper than 10000 levels', () => {
    expect(goJsonSyntaxError('['.repeat(10001))).toBe("invalid character '[' exceeded max depth");
    expect(goJsonSyntaxError('['.repeat(10000))).toBe('unexpected end of JSON input');
  });
});
