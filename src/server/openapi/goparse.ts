/**
 * Parses the declarations of one Go source file that openapi-gen cares about: imports, type
 * declarations (structs with their fields, tags and doc comments; named types; aliases),
 * constants with literal values, and methods that return a literal. Function bodies and
 * variables are skipped.
 */
import { DocComments } from './doc';
import type { GoConst, GoField, GoFile, GoMethod, GoType, GoTypeDecl } from './goast';
import { lex, type Token } from './lexer';

const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const EOF: Token = { kind: ';', text: '', line: Number.MAX_SAFE_INTEGER };

class Parser {
  #pos = 0;
  readonly imports = new Map<string, string>();
  readonly types: GoTypeDecl[] = [];
  readonly consts: GoConst[] = [];
  readonly methods: GoMethod[] = [];
  packageName = '';

  constructor(
    private readonly tokens: readonly Token[],
    private readonly docs: DocComments,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[this.#pos + ahead] ?? EOF;
  }
  next(): Token {
    const token = this.peek();
    this.#pos++;
    return token;
  }
  is(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind !== 'string' && token.kind !== 'char' && token.text === text;
  }
  expect(text: string): Token {
    const token = this.next();
    if (token.text !== text || token.kind === 'string')
      throw new Error(`line ${token.line}: expected '${text}', found '${token.text}'`);
    return token;
  }
  atEnd(): boolean {
    return this.#pos >= this.tokens.length;
  }

  /** Skips one balanced bracket group starting at the current `(`, `[` or `{`. */
  skipGroup(): Token[] {
    const open = this.next();
    const close = OPEN[open.text];
    if (close === undefined) throw new Error(`line ${open.line}: expected a bracket, found '${open.text}'`);
    const inside: Token[] = [];
    let depth = 1;
    while (!this.atEnd()) {
      const token = this.next();
      if (token.kind === 'op' && OPEN[token.text] !== undefined) depth++;
      else if (token.kind === 'op' && (token.text === ')' || token.text === ']' || token.text === '}'))
        depth--;
      if (depth === 0) return inside;
      inside.push(token);
    }
    throw new Error(`line ${open.line}: unbalanced '${open.text}'`);
  }

  /** Skips to the end of the current statement (a `;` outside brackets, or a closing `)`). */
  skipStatement(): Token[] {
    const skipped: Token[] = [];
    while (!this.atEnd() && !this.is(';') && !this.is(')')) {
      if (this.peek().kind === 'op' && OPEN[this.peek().text] !== undefined) this.skipGroup();
      else skipped.push(this.next());
    }
    if (this.is(';')) this.next();
    return skipped;
  }

  /** Parses `decl` once, or once per spec of a parenthesized group. */
  group(spec: (doc: string[]) => void, declDoc: string[]): void {
    if (!this.is('(')) {
      spec(declDoc);
      return;
    }
    this.next();
    const start = this.types.length;
    while (!this.atEnd() && !this.is(')')) {
      if (this.is(';')) this.next();
      else spec(this.docs.docFor(this.peek().line));
    }
    this.expect(')');
    if (this.is(';')) this.next();
    // Like gengo: a lone spec in a group without its own doc takes the declaration's.
    const only = this.types.length === start + 1 ? this.types[start] : undefined;
    if (only !== undefined && only.doc.length === 0) this.types[start] = { ...only, doc: declDoc };
  }

  file(): void {
    while (!this.atEnd()) {
      const token = this.peek();
      const doc = this.docs.docFor(token.line);
      if (token.kind !== 'ident') {
        this.next();
        continue;
      }
      switch (token.text) {
        case 'package':
          this.next();
          this.packageName = this.next().text;
          break;
        case 'import':
          this.next();
          this.group(() => this.importSpec(), doc);
          break;
        case 'type':
          this.next();
          this.group((d) => this.typeSpec(d), doc);
          break;
        case 'const':
          this.next();
          this.group((d) => this.constSpec(d), doc);
          break;
        case 'func':
          this.func();
          break;
        default:
          this.next();
          this.skipStatement();
      }
    }
  }

  importSpec(): void {
    const name = this.peek().kind === 'string' ? null : this.next().text;
    const path = this.next().text;
    this.imports.set(name ?? path.split('/').at(-1) ?? path, path);
    this.skipStatement();
  }

  typeSpec(doc: string[]): void {
    const name = this.next().text;
    // Type parameters (`type X[T any] ...`), not an array or slice type (`[]T`, `[N]T`).
    if (this.is('[') && this.peek(1).kind === 'ident' && !this.is(']', 2)) this.skipGroup();
    const alias = this.is('=');
    if (alias) this.next();
    this.types.push({ name, type: this.type(), alias, doc });
    this.skipStatement();
  }

  constSpec(doc: string[]): void {
    const names = [this.next().text];
    while (this.is(',')) {
      this.next();
      names.push(this.next().text);
    }
    let type: string | null = null;
    if (!this.is('=') && !this.is(';') && !this.is(')')) {
      const t = this.type();
      if (t.kind === 'name' && t.pkg === null) type = t.name;
    }
    if (this.is('=')) this.next();
    const expr = this.skipStatement();
    const only = expr.length === 1 ? expr[0] : undefined;
    let value: GoConst['value'] = null;
    if (only?.kind === 'string') value = only.text;
    else if (only?.kind === 'number' && /^[0-9]+$/.test(only.text)) value = Number(only.text);
    else if (only?.kind === 'ident' && (only.text === 'true' || only.text === 'false'))
      value = only.text === 'true';
    for (const name of names) this.consts.push({ name, type, value: names.length === 1 ? value : null, doc });
  }

  func(): void {
    this.next();
    let receiver: string | null = null;
    if (this.is('(')) receiver = this.skipGroup().findLast((t) => t.kind === 'ident')?.text ?? null;
    const name = this.next().text;
    if (this.is('[')) this.skipGroup();
    if (this.is('(')) this.skipGroup();
    // Results: skip to the body's `{`, stepping over struct{}/interface{} result types.
    while (!this.atEnd() && !this.is('{') && !this.is(';')) {
      const token = this.next();
      if ((token.text === 'struct' || token.text === 'interface') && this.is('{')) this.skipGroup();
      else if (token.kind === 'op' && token.text !== '{' && OPEN[token.text] !== undefined) {
        this.#pos--;
        this.skipGroup();
      }
    }
    if (!this.is('{')) return;
    const body = this.skipGroup().filter((t) => t.kind !== ';');
    if (receiver !== null) this.methods.push({ receiver, name, result: returnedLiteral(body) });
  }

  type(): GoType {
    const token = this.next();
    if (token.kind === 'op') {
      switch (token.text) {
        case '*':
          return { kind: 'pointer', elem: this.type() };
        case '(': {
          const inner = this.type();
          this.expect(')');
          return inner;
        }
        case '[':
          if (this.is(']')) {
            this.next();
            return { kind: 'slice', elem: this.type() };
          }
          this.#pos--;
          this.skipGroup();
          return { kind: 'array', elem: this.type() };
      }
    }
    if (token.kind !== 'ident') throw new Error(`line ${token.line}: expected a type, found '${token.text}'`);
    switch (token.text) {
      case 'map': {
        this.expect('[');
        const key = this.type();
        this.expect(']');
        return { kind: 'map', key, value: this.type() };
      }
      case 'struct':
        return { kind: 'struct', fields: this.structFields() };
      case 'interface':
        this.skipGroup();
        return { kind: 'other', text: 'interface' };
      case 'chan':
        this.type();
        return { kind: 'other', text: 'chan' };
      case 'func':
        this.skipGroup();
        if (this.is('(')) this.skipGroup();
        else if (!this.is(';') && !this.is(')') && !this.is('}') && this.peek().kind !== 'string')
          this.type();
        return { kind: 'other', text: 'func' };
    }
    if (this.is('.')) {
      this.next();
      return { kind: 'name', pkg: token.text, name: this.next().text };
    }
    return { kind: 'name', pkg: null, name: token.text };
  }

  structFields(): GoField[] {
    this.expect('{');
    const fields: GoField[] = [];
    while (!this.atEnd() && !this.is('}')) {
      if (this.is(';')) {
        this.next();
        continue;
      }
      const doc = this.docs.docFor(this.peek().line);
      const embedded =
        this.is('*') ||
        this.is('.', 1) ||
        this.is(';', 1) ||
        this.is('}', 1) ||
        this.peek(1).kind === 'string';
      const names: string[] = [];
      if (!embedded) {
        names.push(this.next().text);
        while (this.is(',')) {
          this.next();
          names.push(this.next().text);
        }
      }
      const type = this.type();
      const tag = this.peek().kind === 'string' ? this.next().text : '';
      if (embedded) fields.push({ name: typeName(type), embedded: true, type, tag, doc });
      for (const name of names) fields.push({ name, embedded: false, type, tag, doc });
      if (this.is(';')) this.next();
    }
    this.expect('}');
    return fields;
  }
}

function typeName(type: GoType): string {
  if (type.kind === 'pointer') return typeName(type.elem);
  return type.kind === 'name' ? type.name : '';
}

/** `return "x"` -> "x"; `return []string{"a", "b"}` -> ["a", "b"]; anything else -> null. */
function returnedLiteral(body: readonly Token[]): GoMethod['result'] {
  if (body[0]?.text !== 'return') return null;
  const rest = body.slice(1);
  if (rest.length === 1 && rest[0]?.kind === 'string') return rest[0].text;
  const texts = rest.map((t) => (t.kind === 'string' ? '"' : t.text)).join('');
  if (!/^\[\]string\{("(,")*,?)?\}$/.test(texts)) return null;
  return rest.filter((t) => t.kind === 'string').map((t) => t.text);
}

/** Parses one Go source file. Throws with a line number on syntax it cannot follow. */
export function parseGoFile(source: string): GoFile {
  const { tokens, comments } = lex(source);
  const parser = new Parser(tokens, new DocComments(comments));
  parser.file();
  return {
    packageName: parser.packageName,
    imports: parser.imports,
    types: parser.types,
    consts: parser.consts,
    methods: parser.methods,
  };
}
