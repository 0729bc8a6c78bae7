/**
 * JSON decoding with the error messages of Go's `encoding/json` (and of its fork
 * `sigs.k8s.io/json`, which kube-apiserver uses to read patch bodies), such as
 * `invalid character '}' looking for beginning of object key string` or
 * `json: cannot unmarshal array into Go value of type map[string]interface {}`.
 */

/** A syntax or type error, with the text Go's decoder gives it. */
export class GoJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJsonError';
  }
}

const MAX_NESTING_DEPTH = 10000;

type Step =
  | 'beginValue'
  | 'beginValueOrEmpty'
  | 'beginStringOrEmpty'
  | 'beginString'
  | 'endValue'
  | 'endTop'
  | 'inString'
  | 'inStringEsc'
  | 'inStringEscU'
  | 'neg'
  | 'int'
  | 'zero'
  | 'dot'
  | 'dot0'
  | 'e'
  | 'eSign'
  | 'e0'
  | 'literal';

type Parse = 'objectKey' | 'objectValue' | 'arrayValue';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

const QUOTE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

/**
 * Go's `quoteChar`: the offending byte in single quotes. Go looks at bytes, so a non-ASCII
 * character shows as the Latin-1 reading of its first UTF-8 byte.
 */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x80) {
    const first =
      code < 0x800 ? 0xc0 | (code >> 6) : code < 0x10000 ? 0xe0 | (code >> 12) : 0xf0 | (code >> 18);
    return `'${String.fromCharCode(first)}'`;
  }
  const escape = QUOTE_ESCAPES[c];
  if (escape !== undefined) return `'${escape}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/** Returns Go's syntax error for `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  let step: Step = 'beginValue';
  const stack: Parse[] = [];
  let literal = '';
  let literalAt = 0;
  let escapeDigits = 0;
  const fail = (c: string, context: string): string => `invalid character ${quoteChar(c)} ${context}`;

  // Feeds one character; returns an error message or undefined. Mirrors Go's scanner states.
  const feed = (c: string): string | undefined => {
    for (;;) {
      switch (step) {
        case 'beginValueOrEmpty':
        case 'beginValue':
          if (isSpace(c)) return undefined;
          if (step === 'beginValueOrEmpty' && c === ']') return close();
          if (c === '{' || c === '[') {
            stack.push(c === '{' ? 'objectKey' : 'arrayValue');
            if (stack.length > MAX_NESTING_DEPTH) return fail(c, 'exceeded max depth');
            step = c === '{' ? 'beginStringOrEmpty' : 'beginValueOrEmpty';
            return undefined;
          }
          if (c === '"') step = 'inString';
          else if (c === '-') step = 'neg';
          else if (c === '0') step = 'zero';
          else if (c >= '1' && c <= '9') step = 'int';
          else if (c === 't' || c === 'f' || c === 'n') {
            literal = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
            literalAt = 1;
            step = 'literal';
          } else return fail(c, 'looking for beginning of value');
          return undefined;
        case 'beginStringOrEmpty':
        case 'beginString':
          if (isSpace(c)) return undefined;
          if (step === 'beginStringOrEmpty' && c === '}') {
            stack[stack.length - 1] = 'objectValue';
            return close();
          }
          if (c === '"') {
            step = 'inString';
            return undefined;
          }
          return fail(c, 'looking for beginning of object key string');
        case 'endValue': {
          const top = stack[stack.length - 1];
          if (top === undefined) {
            step = 'endTop';
            continue;
          }
          if (isSpace(c)) return undefined;
          if (top === 'objectKey') {
            if (c !== ':') return fail(c, 'after object key');
            stack[stack.length - 1] = 'objectValue';
            step = 'beginValue';
            return undefined;
          }
          if (top === 'objectValue') {
            if (c === ',') {
              stack[stack.length - 1] = 'objectKey';
              step = 'beginString';
              return undefined;
            }
            if (c === '}') return close();
            return fail(c, 'after object key:value pair');
          }
          if (c === ',') {
            step = 'beginValue';
            return undefined;
          }
          if (c === ']') return close();
          return fail(c, 'after array element');
        }
        case 'endTop':
          return isSpace(c) ? undefined : fail(c, 'after top-level value');
        case 'inString':
          if (c === '"') step = 'endValue';
          else if (c === '\\') step = 'inStringEsc';
          else if (c < ' ') return fail(c, 'in string literal');
          return undefined;
        case 'inStringEsc':
          if ('bfnrt\\/"'.includes(c)) step = 'inString';
          else if (c === 'u') {
            step = 'inStringEscU';
            escapeDigits = 0;
          } else return fail(c, 'in string escape code');
          return undefined;
        case 'inStringEscU':
          if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
          if (++escapeDigits === 4) step = 'inString';
          return undefined;
        case 'neg':
          if (c === '0') step = 'zero';
          else if (c >= '1' && c <= '9') step = 'int';
          else return fail(c, 'in numeric literal');
          return undefined;
        case 'int':
          if (isDigit(c)) return undefined;
          step = 'zero';
          continue;
        case 'zero':
          if (c === '.') step = 'dot';
          else if (c === 'e' || c === 'E') step = 'e';
          else {
            step = 'endValue';
            continue;
          }
          return undefined;
        case 'dot':
          if (!isDigit(c)) return fail(c, 'after decimal point in numeric literal');
          step = 'dot0';
          return undefined;
        case 'dot0':
          if (isDigit(c)) return undefined;
          if (c === 'e' || c === 'E') {
            step = 'e';
            return undefined;
          }
          step = 'endValue';
          continue;
        case 'e':
          if (c === '+' || c === '-') {
            step = 'eSign';
            return undefined;
          }
          step = 'eSign';
          continue;
        case 'eSign':
          if (!isDigit(c)) return fail(c, 'in exponent of numeric literal');
          step = 'e0';
          return undefined;
        case 'e0':
          if (isDigit(c)) return undefined;
          step = 'endValue';
          continue;
        case 'literal': {
          const expected = literal[literalAt] ?? '';
          if (c !== expected) return fail(c, `in literal ${literal} (expecting ${quoteChar(expected)})`);
          if (++literalAt === literal.length) step = 'endValue';
          return undefined;
        }
      }
    }
  };

  function close(): undefined {
    stack.pop();
    step = 'endValue';
    return undefined;
  }

  const atEnd = (): boolean => step === 'endTop';
  for (const c of text) {
    const error = feed(c);
    if (error !== undefined) return error;
  }
  if (atEnd()) return undefined;
  // Like Go's scanner, end of input is a space: it completes a number, fails a literal.
  const error = feed(' ');
  if (error !== undefined) return error;
  return atEnd() ? undefined : 'unexpected end of JSON input';
}

/** Parses `text` as Go would, throwing a GoJsonError with Go's message when it is not JSON. */
export function parseGoJson(text: string): unknown {
  const error = goJsonSyntaxError(text);
  if (error !== undefined) throw new GoJsonError(error);
  return JSON.parse(text) as unknown;
}

/** How Go's decoder names a JSON value in `json: cannot unmarshal X into ...`. */
export function goJsonValueName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    default:
      return 'string';
  }
}

/** `json: cannot unmarshal <value> into Go value of type <type>`. */
export function unmarshalTypeError(value: unknown, goType: string): GoJsonError {
  return new GoJsonError(`json: cannot unmarshal ${goJsonValueName(value)} into Go value of type ${goType}`);
}
