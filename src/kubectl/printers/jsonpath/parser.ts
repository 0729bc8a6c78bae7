/**
 * The parser of client-go's util/jsonpath, the template language of `-o jsonpath`,
 * custom columns and `--sort-by`: text with `{...}` actions holding fields (`.a.b`,
 * `['a.b']`), indexes and slices (`[0]`, `[1:-1:2]`, `[*]`), unions (`[0,2]`), filters
 * (`[?(@.x=="y")]`), recursive descent (`..`), wildcards (`.*`), string, number and bool
 * literals and `range`/`end`. Errors carry upstream's messages (`unclosed action`...).
 */
import { goRuneU } from '../gofmt';
import { atoi, unquote } from './literals';

/** One bound of a slice: its value, whether it was given, and whether it was implied by an index. */
export interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

export interface ListNode {
  readonly type: 'list';
  readonly nodes: Node[];
}

/** A parsed template node. */
export type Node =
  | ListNode
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'field'; readonly name: string }
  | { readonly type: 'identifier'; readonly name: string }
  | { readonly type: 'array'; readonly params: readonly [Param, Param, Param] }
  | { readonly type: 'filter'; readonly left: ListNode; readonly right: ListNode; readonly operator: string }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'wildcard' }
  | { readonly type: 'recursive' }
  | { readonly type: 'union'; readonly nodes: ListNode[] };

const list = (): ListNode => ({ type: 'list', nodes: [] });

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const isTerminator = (c: string | undefined): boolean => c === undefined || TERMINATORS.has(c);
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && /^[_\p{L}\p{Nd}]$/u.test(c);
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

class Parser {
  private readonly chars: string[];
  private pos = 0;
  private start = 0;
  /** How far the last next() moved: 0 at the end of the input, so backup() stays there. */
  private width = 0;
  readonly root = list();

  constructor(text: string) {
    this.chars = [...text];
  }

  private next(): string | undefined {
    const c = this.chars[this.pos];
    this.width = c === undefined ? 0 : 1;
    this.pos += this.width;
    return c;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private consume(): string {
    const text = this.chars.slice(this.start, this.pos).join('');
    this.start = this.pos;
    return text;
  }

  private startsWith(prefix: string): boolean {
    return this.chars.slice(this.pos, this.pos + prefix.length).join('') === prefix;
  }

  parseText(): void {
    for (;;) {
      if (this.startsWith('{')) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
        this.pos++;
        this.consume();
        const action = list();
        this.root.nodes.push(action);
        return this.parseInsideAction(action);
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.startsWith('}')) {
        this.pos++;
        this.consume();
        return this.parseText();
      }
      if (this.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (this.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new Error('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || /^\p{Nd}$/u.test(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new Error(`unrecognized character in action: ${goRuneU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.type === 'recursive')
      throw new Error('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    if (this.peek() === '+' || this.peek() === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !/^\p{Nd}$/u.test(r ?? '')) break;
    }
    this.backup();
    const value = this.consume();
    const int = atoi(value);
    if (int !== undefined) return void cur.nodes.push({ type: 'int', value: int });
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value))
      return void cur.nodes.push({ type: 'float', value: Number(value) });
    throw new Error(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const nodes = parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, '')}]`));
      return void cur.nodes.push({ type: 'union', nodes });
    }
    const key = DICT_KEY.exec(text);
    if (key) return void cur.nodes.push(...parseAction(`.${key[1] ?? ''}`).nodes);
    const match = SLICE.exec(text);
    if (!match) throw new Error(`invalid array index ${text}`);
    const params: [Param, Param, Param] = [0, 1, 2].map(() => ({
      value: 0,
      known: false,
      derived: false,
    })) as [Param, Param, Param];
    for (let i = 0; i < 3; i++) {
      const raw = match[i + 1] ?? '';
      const param = params[i] as Param;
      if (raw === '') {
        if (i === 1) Object.assign(param, { known: true, value: params[0].value + 1, derived: true });
        continue;
      }
      const digits = i > 0 ? raw.slice(1) : raw;
      if (i > 0 && digits === '') continue;
      const value = atoi(digits);
      if (value === undefined) throw new Error(`array index ${digits} is not a number`);
      Object.assign(param, { known: true, value });
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
        } else if (this.chars[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new Error('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: list(), operator: 'exists' });
    else
      cur.nodes.push({
        type: 'filter',
        left: parseAction(m[1] ?? ''),
        right: parseAction(m[3] ?? ''),
        operator: m[2] ?? '',
      });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated quoted string');
      if (r === end && this.chars[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    const text = unquote(value);
    if (text === undefined) throw new Error(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    cur.nodes.push(
      value === '*' ? { type: 'wildcard' } : { type: 'field', name: value.replaceAll('\\', '') },
    );
  }
}

/** parseAction: the expression `text` as if it were written `{text}`, as one list of nodes. */
function parseAction(text: string): ListNode {
  const first = parseJsonPath(`{${text}}`).nodes[0];
  return first?.type === 'list' ? first : list();
}

/** Parses a template; throws an Error with upstream's message when it is malformed. */
export function parseJsonPath(text: string): ListNode {
  const parser = new Parser(text);
  parser.parseText();
  return parser.root;
}
