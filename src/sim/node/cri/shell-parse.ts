/** The shell grammar shell.ts understands: words with quoting, `;` `&&` `||`, while and for loops. */

/** A piece of a word; unquoted and double-quoted pieces get `$VAR` expansion. */
export type Part = { readonly text: string; readonly expand: boolean };
export type Word = readonly Part[];
type Token = { readonly word: Word } | { readonly op: string };
export type Node =
  | { readonly t: 'cmd'; readonly words: readonly Word[] }
  | { readonly t: 'while'; readonly cond: List; readonly body: List }
  | { readonly t: 'for'; readonly name: string; readonly items: readonly Word[]; readonly body: List };
export type AndOr = readonly { readonly op: '&&' | '||' | ';'; readonly node: Node }[];
export type List = readonly AndOr[];

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < script.length) {
    const ch = script[i] ?? '';
    if (ch === ' ' || ch === '\t') i++;
    else if (ch === '#') while (i < script.length && script[i] !== '\n') i++;
    else if (ch === '\n' || ch === ';') {
      tokens.push({ op: ';' });
      i++;
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      tokens.push({ op: script.slice(i, i + 2) });
      i += 2;
    } else {
      const parts: Part[] = [];
      while (i < script.length && !/[\s;]/.test(script[i] ?? '') && !/^(&&|\|\|)/.test(script.slice(i))) {
        const c = script[i] ?? '';
        if (c === "'" || c === '"') {
          const end = script.indexOf(c, i + 1);
          const stop = end === -1 ? script.length : end;
          parts.push({ text: script.slice(i + 1, stop), expand: c === '"' });
          i = stop + 1;
        } else {
          let j = i;
          while (j < script.length && !/[\s;'"]/.test(script[j] ?? '') && !/^(&&|\|\|)/.test(script.slice(j)))
            j++;
          parts.push({ text: script.slice(i, j), expand: true });
          i = j;
        }
      }
      tokens.push({ word: parts });
    }
  }
  return tokens;
}

const literal = (w: Word | undefined) => (w === undefined ? '' : w.map((p) => p.text).join(''));

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  #peek(): string | null {
    const t = this.tokens[this.#i];
    return t === undefined ? null : 'op' in t ? t.op : literal(t.word);
  }

  #skipSeparators(): void {
    while (this.#peek() === ';') this.#i++;
  }

  #expect(keyword: string): void {
    this.#skipSeparators();
    if (this.#peek() !== keyword) throw new Error(`syntax error: expected "${keyword}"`);
    this.#i++;
  }

  list(terminators: readonly string[]): List {
    const out: AndOr[] = [];
    for (;;) {
      this.#skipSeparators();
      const next = this.#peek();
      if (next === null || terminators.includes(next)) return out;
      const chain: { op: '&&' | '||' | ';'; node: Node }[] = [{ op: ';', node: this.#command() }];
      while (this.#peek() === '&&' || this.#peek() === '||') {
        const op = this.#peek() as '&&' | '||';
        this.#i++;
        chain.push({ op, node: this.#command() });
      }
      out.push(chain);
    }
  }

  #command(): Node {
    const keyword = this.#peek();
    if (keyword === 'while') {
      this.#i++;
      const cond = this.list(['do']);
      this.#expect('do');
      const body = this.list(['done']);
      this.#expect('done');
      return { t: 'while', cond, body };
    }
    if (keyword === 'for') {
      this.#i++;
      const name = this.#peek() ?? '';
      this.#i++;
      const items: Word[] = [];
      if (this.#peek() === 'in') {
        this.#i++;
        for (let t = this.tokens[this.#i]; t !== undefined && 'word' in t; t = this.tokens[++this.#i])
          items.push(t.word);
      }
      this.#expect('do');
      const body = this.list(['done']);
      this.#expect('done');
      return { t: 'for', name, items, body };
    }
    const words: Word[] = [];
    for (let t = this.tokens[this.#i]; t !== undefined && 'word' in t; t = this.tokens[++this.#i])
      words.push(t.word);
    if (words.length === 0) throw new Error(`syntax error: "${this.#peek() ?? 'end of file'}" unexpected`);
    return { t: 'cmd', words };
  }
}

/** Parses a script; throws on a syntax error. */
export function parse(script: string): List {
  return new Parser(tokenize(script)).list([]);
}

/** Takes `> file`, `>file`, `>> file` and `>>file` out of a command's words. */
export function fileRedirection(words: readonly string[]): {
  words: string[];
  file: string | null;
  append: boolean;
} {
  const rest: string[] = [];
  let file: string | null = null;
  let append = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const op = /^(>>?)(.*)$/.exec(w);
    if (op === null || (op[2] ?? '').startsWith('&')) {
      rest.push(w);
      continue;
    }
    append = op[1] === '>>';
    file = op[2] !== '' ? (op[2] ?? '') : (words[++i] ?? '');
  }
  return { words: rest, file, append };
}
