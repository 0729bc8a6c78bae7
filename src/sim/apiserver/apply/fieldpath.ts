/**
 * Field paths and field sets, as structured-merge-diff's fieldpath package models them: a path
 * element names a struct or map field (`f:`), a map-list item by its keys (`k:`), a set item by
 * its value (`v:`) or a list item by index (`i:`). A FieldSet is a tree whose nodes may be
 * members themselves (`.` in the FieldsV1 encoding) and may have member descendants.
 */

import { compareStrings, compareValues, goJson, isMap, valueToString } from './values';
import type { TypeNode } from './schema';
import { fieldTypeOf } from './schema';

/** One step in a field path. */
export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly (readonly [string, unknown])[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

/** A field path from the object root. */
export type Path = readonly PathElement[];

const ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** The order upstream sorts path elements in: fields, then keys, values and indexes. */
export function comparePE(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return ORDER[a.kind] < ORDER[b.kind] ? -1 : 1;
  if (a.kind === 'field' && b.kind === 'field') return compareStrings(a.name, b.name);
  if (a.kind === 'value' && b.kind === 'value') return compareValues(a.value, b.value);
  if (a.kind === 'index' && b.kind === 'index') return a.index === b.index ? 0 : a.index < b.index ? -1 : 1;
  if (a.kind === 'key' && b.kind === 'key') {
    for (let i = 0; i < a.fields.length && i < b.fields.length; i++) {
      const [an, av] = a.fields[i] ?? ['', null];
      const [bn, bv] = b.fields[i] ?? ['', null];
      const c = compareStrings(an, bn) || compareValues(av, bv);
      if (c !== 0) return c;
    }
    return a.fields.length === b.fields.length ? 0 : a.fields.length < b.fields.length ? -1 : 1;
  }
  return 0;
}

/** The FieldsV1 key of a path element: `f:name`, `k:{"name":"web"}`, `v:"x"`, `i:0`. */
export function serializePE(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `f:${pe.name}`;
    case 'key':
      return `k:{${pe.fields.map(([n, v]) => `${goJson(n)}:${goJson(v)}`).join(',')}}`;
    case 'value':
      return `v:${goJson(pe.value)}`;
    case 'index':
      return `i:${pe.index}`;
  }
}

/** Thrown for a FieldsV1 key that is not a path element. */
export class FieldsDecodeError extends Error {}

/** Parses a FieldsV1 key; undefined for an element type this version does not know (skipped). */
export function deserializePE(text: string): PathElement | undefined {
  if (text.length < 2) throw new FieldsDecodeError('key must be 2 characters long:');
  if (text[1] !== ':') throw new FieldsDecodeError(`missing colon: ${text}`);
  const body = text.slice(2);
  const json = (): unknown => {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new FieldsDecodeError(`invalid JSON in ${text}`);
    }
  };
  switch (text[0]) {
    case 'f':
      return { kind: 'field', name: body };
    case 'v':
      return { kind: 'value', value: json() };
    case 'k': {
      const obj = json();
      if (!isMap(obj)) throw new FieldsDecodeError(`expected an object in ${text}`);
      return keyPE(Object.entries(obj));
    }
    case 'i':
      if (!/^[+-]?\d+$/.test(body))
        throw new FieldsDecodeError(`strconv.Atoi: parsing "${body}": invalid syntax`);
      return { kind: 'index', index: Number(body) };
    default:
      return undefined;
  }
}

/** A key path element with its fields sorted by name, as upstream stores keys. */
export function keyPE(fields: readonly (readonly [string, unknown])[]): PathElement {
  return { kind: 'key', fields: [...fields].sort((a, b) => compareStrings(a[0], b[0])) };
}

/** A path element as upstream prints it in conflict messages: `.spec`, `[name="web"]`, `[=x]`. */
export function peString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map(([n, v]) => `${n}=${valueToString(v)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** A whole path as upstream prints it: `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: Path): string {
  return path.map(peString).join('');
}

interface SetNode {
  readonly pe: PathElement;
  readonly member: boolean;
  readonly children: FieldSet;
}

/** An immutable-by-convention set of field paths (only `insert` mutates, while building). */
export class FieldSet {
  private readonly nodes = new Map<string, SetNode>();

  /** A set of the given paths. */
  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  private put(node: SetNode): void {
    if (node.member || !node.children.empty()) this.nodes.set(serializePE(node.pe), node);
  }

  /** Adds a path (the empty path, the whole object, is never tracked). */
  insert(path: Path): void {
    const [head, ...rest] = path;
    if (head === undefined) return;
    const key = serializePE(head);
    const node = this.nodes.get(key);
    if (rest.length === 0) {
      this.nodes.set(key, { pe: head, member: true, children: node?.children ?? new FieldSet() });
      return;
    }
    const children = node?.children ?? new FieldSet();
    children.insert(rest);
    this.nodes.set(key, { pe: head, member: node?.member ?? false, children });
  }

  empty(): boolean {
    return this.nodes.size === 0;
  }

  has(path: Path): boolean {
    const [head, ...rest] = path;
    if (head === undefined) return false;
    const node = this.nodes.get(serializePE(head));
    if (node === undefined) return false;
    return rest.length === 0 ? node.member : node.children.has(rest);
  }

  /** The subtree under `pe` (without `pe` itself). */
  withPrefix(pe: PathElement): FieldSet {
    return this.nodes.get(serializePE(pe))?.children ?? new FieldSet();
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, a] of this.nodes) {
      const b = other.nodes.get(key);
      out.put(
        b === undefined
          ? a
          : { pe: a.pe, member: a.member || b.member, children: a.children.union(b.children) },
      );
    }
    for (const [key, b] of other.nodes) if (!this.nodes.has(key)) out.put(b);
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, a] of this.nodes) {
      const b = other.nodes.get(key);
      if (b !== undefined) {
        out.put({ pe: a.pe, member: a.member && b.member, children: a.children.intersection(b.children) });
      }
    }
    return out;
  }

  /** Members of this set not in `other`; a parent minus its child keeps the parent. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, a] of this.nodes) {
      const b = other.nodes.get(key);
      out.put(
        b === undefined
          ? a
          : { pe: a.pe, member: a.member && !b.member, children: a.children.difference(b.children) },
      );
    }
    return out;
  }

  /** Like difference, but a member of `other` also removes everything under it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, a] of this.nodes) {
      const b = other.nodes.get(key);
      if (b === undefined) out.put(a);
      else if (!b.member)
        out.put({ pe: a.pe, member: a.member, children: a.children.recursiveDifference(b.children) });
    }
    return out;
  }

  /** Adds struct fields that have member descendants as members themselves (for removal). */
  ensureNamedFieldsAreMembers(type: TypeNode): FieldSet {
    const out = new FieldSet();
    for (const node of this.nodes.values()) {
      const named =
        node.pe.kind === 'field' && type.map !== null && type.map.field(node.pe.name) !== undefined;
      const childType = childTypeOf(type, node.pe);
      out.put({
        pe: node.pe,
        member: node.member || (named && !node.children.empty()),
        children: node.children.ensureNamedFieldsAreMembers(childType),
      });
    }
    return out;
  }

  /** The nodes in upstream's order. */
  private sorted(): SetNode[] {
    return [...this.nodes.values()].sort((a, b) => comparePE(a.pe, b.pe));
  }

  /** Calls `fn` with every member path: at each level members first, then the subtrees. */
  iterate(fn: (path: Path) => void, prefix: Path = []): void {
    const nodes = this.sorted();
    for (const n of nodes) if (n.member) fn([...prefix, n.pe]);
    for (const n of nodes) if (!n.children.empty()) n.children.iterate(fn, [...prefix, n.pe]);
  }

  /** Every member path, in iteration order. */
  paths(): Path[] {
    const out: Path[] = [];
    this.iterate((p) => out.push(p));
    return out;
  }

  /** The FieldsV1 encoding: `{"f:spec":{"f:replicas":{}}}`, keys in upstream's order. */
  toFieldsV1(): Record<string, object> {
    const out: Record<string, object> = {};
    for (const node of this.sorted()) {
      const inner: Record<string, object> = {};
      if (node.member && !node.children.empty()) inner['.'] = {};
      Object.assign(inner, node.children.toFieldsV1());
      Object.defineProperty(out, serializePE(node.pe), {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** Decodes FieldsV1; throws FieldsDecodeError on a malformed key. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const out = new FieldSet();
    if (!isMap(fields)) return out;
    for (const [key, value] of Object.entries(fields)) {
      if (key === '.') continue;
      const pe = deserializePE(key);
      if (pe === undefined) continue;
      const inner = isMap(value) ? value : {};
      const children = FieldSet.fromFieldsV1(inner);
      const keys = Object.keys(inner);
      out.put({ pe, member: keys.length === 0 || keys.includes('.') || children.empty(), children });
    }
    return out;
  }
}

/** The type below a path element. */
export function childTypeOf(type: TypeNode, pe: PathElement): TypeNode {
  if (pe.kind === 'field') return type.map === null ? type : fieldTypeOf(type.map, pe.name);
  return type.list === null ? type : type.list.elem();
}
