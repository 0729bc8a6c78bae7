/**
 * What the Go parser reads out of one source file: the declarations openapi-gen looks at
 * (types, their doc comments and struct tags, typed constants, and the `OpenAPISchemaType`-style
 * methods that override a type's schema). Everything else in the file is skipped.
 */

/** A Go type expression. `name` covers builtins (`string`), local and qualified (`metav1.Time`) names. */
export type GoType =
  | { readonly kind: 'name'; readonly pkg: string | null; readonly name: string }
  | { readonly kind: 'pointer'; readonly elem: GoType }
  | { readonly kind: 'slice'; readonly elem: GoType }
  | { readonly kind: 'array'; readonly elem: GoType }
  | { readonly kind: 'map'; readonly key: GoType; readonly value: GoType }
  | { readonly kind: 'struct'; readonly fields: readonly GoField[] }
  /** interface, func and chan types: openapi-gen has no schema for them. */
  | { readonly kind: 'other'; readonly text: string };

export interface GoField {
  /** The Go field name; for an embedded field, the name of its type. */
  readonly name: string;
  readonly embedded: boolean;
  readonly type: GoType;
  /** The raw struct tag, e.g. `json:"name,omitempty" patchStrategy:"merge"`. */
  readonly tag: string;
  /** The doc comment's lines, as go/ast's CommentGroup.Text() gives them. */
  readonly doc: readonly string[];
}

export interface GoTypeDecl {
  readonly name: string;
  readonly type: GoType;
  /** `type A = B`: another name for B, not a new type. */
  readonly alias: boolean;
  readonly doc: readonly string[];
}

/** A constant; `value` is set when it is a single string, number or boolean literal. */
export interface GoConst {
  readonly name: string;
  /** The declared type's name when it is a local type (`Protocol` in `ProtocolTCP Protocol = "TCP"`). */
  readonly type: string | null;
  readonly value: string | number | boolean | null;
  readonly doc: readonly string[];
}

/**
 * A method whose body is a single `return` of a literal: how k8s types such as IntOrString
 * and metav1.Time tell openapi-gen their schema (`OpenAPISchemaType() []string`).
 */
export interface GoMethod {
  readonly receiver: string;
  readonly name: string;
  readonly result: string | readonly string[] | null;
}

export interface GoFile {
  readonly packageName: string;
  /** Local import name -> import path. */
  readonly imports: ReadonlyMap<string, string>;
  readonly types: readonly GoTypeDecl[];
  readonly consts: readonly GoConst[];
  readonly methods: readonly GoMethod[];
}

/** The struct tag value for `key` (Go's reflect.StructTag.Get), or undefined. */
export function tagValue(tag: string, key: string): string | undefined {
  for (const match of tag.matchAll(/([^\s:"]+):"((?:[^"\\]|\\.)*)"/g)) {
    if (match[1] === key) return (match[2] ?? '').replace(/\\(.)/g, '$1');
  }
  return undefined;
}

/** A field's JSON name and options from its `json` tag: `{name: 'ports', options: ['omitempty']}`. */
export function jsonTag(field: GoField): { name: string; options: readonly string[] } {
  const [name = '', ...options] = (tagValue(field.tag, 'json') ?? '').split(',');
  return { name, options };
}
