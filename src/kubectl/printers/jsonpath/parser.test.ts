import { describe, expect, it } from 'vitest';
import { parseJsonPath, type Node } from './parser';

/** A compact rendering of a node tree, to compare parses at a glance. */
function show(node: Node): string {
  switch (node.type) {
    case 'list':
      return `(${node.nodes.map(show).join(' ')})`;
    case 'text':
      return JSON.stringify(node.text);
    case 'field':
      return `.${node.name}`;
    case 'identifier':
      return `#${node.name}`;
    case 'array':
      return `[${node.params.map((p) => (p.known ? `${p.value}${p.derived ? '~' : ''}` : '_')).join(':')}]`;
    case 'filter':
      return `?${show(node.left)}${node.operator}${show(node.right)}`;
    case 'int':
    case 'float':
    case 'bool':
      return `${node.type}:${node.value}`;
    case 'wildcard':
      return '*';
    case 'recursive':
      return '..';
    case 'union':
      return `U${node.nodes.map(show).join('')}`;
  }
}

describe('parseJsonPath', () => {
  it.each([
    ['hello jsonpath', '("hello jsonpath")'],
    ['hello {.jsonpath}', '("hello " (.jsonpath))'],
    ["hello {['jsonpath']}", '("hello " (.jsonpath))'],
    ['{"{"}', '(("{"))'],
    ['{[1:3]}', '(([1:3:_]))'],
    ['{.book[*].author}', '((.book [_:_:_] .author))'],
    ['{.bicycle.*}', '((.bicycle *))'],
    ['{[?(@.price<3)]}', '((?(.price)<(int:3)))'],
    ['{..}', '((..))'],
    ['{..price}', '((.. .price))'],
    ['{...price}', '((.. .price))'],
    ["{['book.price']}", '((.book .price))'],
    ["{['bicycle.price', 3, 'book.price']}", '((U(.bicycle .price)([3:4~:_])(.book .price)))'],
    ['{range .items}{.name},{end}', '((#range .items) (.name) "," (#end))'],
    ['{[?(@.status.nodeInfo.osImage == "()")]}', '((?(.status .nodeInfo .osImage)==("()")))'],
    ['{[?(@.os == "(\\"\\")")]}', '((?(.os)==("(\\"\\")")))'],
    ["{[?(@.os == '\\\\\\'')]}", '((?(.os)==("\\\\\'")))'],
    ['{[?(@.test == "())(")]}', '((?(.test)==("())(")))'],
    ['{[?(@.x)].id}', '((?(.x)exists() .id))'],
    ['{[-5:]}', '(([-5:_:_]))'],
    ['{[-1]}', '(([-1:0~:_]))'],
    ['{[1:-1]}', '(([1:-1:_]))'],
    ['{.a\\.b/c}', '((.a.b/c))'],
    ['{true} {false} {-5} {+1.5}', '((bool:true) " " (bool:false) " " (int:-5) " " (float:1.5))'],
    ['{"a\\tb\\u00e9\\x41\\101"}', '(("a\\tbéAA"))'],
  ])('%s', (template, tree) => {
    expect(show(parseJsonPath(template))).toBe(tree);
  });

  it.each([
    ['{.hello', 'unclosed action'],
    ['{.hello\n}', 'unclosed action'],
    ['{*}', "unrecognized character in action: U+002A '*'"],
    ['{\t}', 'unrecognized character in action: U+0009'],
    ['{+12.3.0}', 'cannot parse number +12.3.0'],
    ['{[1}', 'unterminated array'],
    ['{[?(.price]}', 'unterminated filter'],
    ['{[?(@.price)x}', 'unclosed array expect ]'],
    ['{........}', 'invalid multiple recursive descent'],
    ['{[a]}', 'invalid array index a'],
    ['{[-]}', 'array index - is not a number'],
    ['{"abc}', 'unterminated quoted string'],
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ['{"\\\'"}', 'unquote string "\\\'" error invalid syntax'],
    ['{\\\\\\}', "unrecognized character in action: U+005C '\\'"],
  ])('%j fails with %s', (template, message) => {
    expect(() => parseJsonPath(template)).toThrow(message);
  });
});
