/**
 * All parsed Go packages, and name resolution across them: what a type name in some file
 * refers to (a builtin, a declaration in a parsed package, or a well-known type from a
 * package that was not fetched).
 */
import type { GoConst, GoFile, GoType, GoTypeDecl } from './goast';

/** Where a name is looked up: a package and the imports of the file that mentions it. */
export interface Scope {
  readonly pkg: string;
  readonly imports: ReadonlyMap<string, string>;
}

/** A declaration found by name, with the scope its own type expression is read in. */
export interface Declared {
  readonly pkg: string;
  readonly decl: GoTypeDecl;
  readonly scope: Scope;
}

/**
 * Types from packages the fetch script does not bring (they carry no protobuf tags), described
 * by the Go type they stand for: enough to give them a schema and a default.
 */
export const EXTERNAL_TYPES: Readonly<Record<string, GoType>> = {
  'k8s.io/apimachinery/pkg/types.UID': { kind: 'name', pkg: null, name: 'string' },
  'k8s.io/apimachinery/pkg/types.NodeName': { kind: 'name', pkg: null, name: 'string' },
  'time.Duration': { kind: 'name', pkg: null, name: 'int64' },
  // Structs with several (unexported) fields: their defaults are `{}`.
  'time.Time': { kind: 'struct', fields: [] },
  'k8s.io/apimachinery/pkg/api/resource.Quantity': { kind: 'struct', fields: [] },
  'k8s.io/apimachinery/pkg/runtime.Object': { kind: 'other', text: 'interface' },
};

/** Go's predeclared types that can appear in API structs. */
export const BUILTINS = new Set([
  'string',
  'bool',
  'byte',
  'rune',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'any',
]);

export type Resolved =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'declared'; readonly declared: Declared }
  | { readonly kind: 'external'; readonly pkg: string; readonly name: string; readonly type: GoType }
  | { readonly kind: 'unknown'; readonly pkg: string; readonly name: string };

export class Universe {
  readonly #decls = new Map<string, Declared>();
  readonly #methods = new Map<string, Map<string, string | readonly string[] | null>>();
  readonly #consts = new Map<string, GoConst[]>();

  /** `packages`: import path -> the parsed files of that package. */
  constructor(readonly packages: ReadonlyMap<string, readonly GoFile[]>) {
    for (const [pkg, files] of packages) {
      const consts: GoConst[] = [];
      for (const file of files) {
        const scope: Scope = { pkg, imports: file.imports };
        for (const decl of file.types) this.#decls.set(`${pkg}.${decl.name}`, { pkg, decl, scope });
        for (const method of file.methods) {
          const key = `${pkg}.${method.receiver}`;
          const methods = this.#methods.get(key) ?? new Map<string, string | readonly string[] | null>();
          methods.set(method.name, method.result);
          this.#methods.set(key, methods);
        }
        consts.push(...file.consts);
      }
      this.#consts.set(pkg, consts);
    }
  }

  /** Every declaration, package by package, in source order. */
  *declarations(): Iterable<Declared> {
    yield* this.#decls.values();
  }

  /** What type name `name` (qualified by import name `qualifier`, if any) means in `scope`. */
  resolve(scope: Scope, qualifier: string | null, name: string): Resolved {
    if (qualifier === null && BUILTINS.has(name)) return { kind: 'builtin', name };
    const pkg = qualifier === null ? scope.pkg : (scope.imports.get(qualifier) ?? qualifier);
    const declared = this.#decls.get(`${pkg}.${name}`);
    if (declared !== undefined) return { kind: 'declared', declared };
    const external = EXTERNAL_TYPES[`${pkg}.${name}`];
    if (external !== undefined) return { kind: 'external', pkg, name, type: external };
    return { kind: 'unknown', pkg, name };
  }

  /** The literal a method of a type returns (`OpenAPISchemaType` and friends), if declared. */
  method(pkg: string, receiver: string, name: string): string | readonly string[] | null | undefined {
    return this.#methods.get(`${pkg}.${receiver}`)?.get(name);
  }

  /** The constants of a package. */
  consts(pkg: string): readonly GoConst[] {
    return this.#consts.get(pkg) ?? [];
  }
}
