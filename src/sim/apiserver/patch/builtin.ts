/**
 * Strategic-merge metadata of the built-in kinds, always at hand: kube-apiserver reads
 * `patchStrategy` / `patchMergeKey` from the Go struct tags of its own types, so it never
 * needs an OpenAPI document to merge `spec.containers` by name or `status.conditions` by type.
 * The simulation gets the same knowledge from {@link BUILTIN_PATCH_META}, a table generated
 * from the upstream Go sources (see builtin-meta.generated.ts); OpenAPI schemas, when the host
 * has them, say the same thing (a test holds the two together).
 *
 * Kinds the table does not list (custom resources, aggregated APIs) get no PatchSchema, and
 * strategic merge patches of them apply as JSON merge patches, as upstream does for types it
 * has no Go struct for.
 */

import { BUILTIN_PATCH_META } from './builtin-meta.generated';
import type { PatchSchema } from './schema';

/**
 * One field of a type: `[type, patchStrategy, patchMergeKey]`, trailing empties omitted. The
 * type is a definition name (`io.k8s.api.core.v1.Container`), `[]T` for a list of T, `{}T` for
 * a map of T, or '' when nothing below the field has patch metadata.
 */
export type PatchMetaField = readonly [type: string, patchStrategy?: string, patchMergeKey?: string];

/** The generated table: only the fields strategic merge needs, and the types on the way to them. */
export interface PatchMetaTable {
  /** `group/version/Kind` (`v1/Pod` for the core group) -> the kind's definition name. */
  readonly kinds: Readonly<Record<string, string>>;
  /** Definition name -> the fields with patch metadata, or leading to some. */
  readonly types: Readonly<Record<string, Readonly<Record<string, PatchMetaField>>>>;
}

/** The key of a kind in {@link PatchMetaTable.kinds}. */
export function kindKey(group: string, version: string, kind: string): string {
  return group === '' ? `${version}/${kind}` : `${group}/${version}/${kind}`;
}

/** A node of the table: the schema of a value of type `type`, with its field's patch tags. */
class TablePatchSchema implements PatchSchema {
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  private readonly children = new Map<string, PatchSchema | undefined>();

  constructor(
    private readonly table: PatchMetaTable,
    private readonly type: string,
    patchStrategy?: string,
    patchMergeKey?: string,
  ) {
    if (patchStrategy !== undefined && patchStrategy !== '') this.patchStrategy = patchStrategy;
    if (patchMergeKey !== undefined && patchMergeKey !== '') this.patchMergeKey = patchMergeKey;
  }

  private child(key: string, make: () => PatchSchema | undefined): PatchSchema | undefined {
    if (!this.children.has(key)) this.children.set(key, make());
    return this.children.get(key);
  }

  property(name: string): PatchSchema | undefined {
    if (this.type.startsWith('{}')) {
      return this.child('*', () => new TablePatchSchema(this.table, this.type.slice(2)));
    }
    const fields = Object.hasOwn(this.table.types, this.type) ? this.table.types[this.type] : undefined;
    const field = fields !== undefined && Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (field === undefined) return undefined;
    return this.child(`.${name}`, () => new TablePatchSchema(this.table, ...field));
  }

  items(): PatchSchema | undefined {
    if (!this.type.startsWith('[]')) return undefined;
    return this.child('[]', () => new TablePatchSchema(this.table, this.type.slice(2)));
  }
}

const roots = new Map<string, PatchSchema | undefined>();

/**
 * The PatchSchema of a kind from `table` (the generated built-in table by default), or
 * undefined when the table does not know the kind. Schemas of the built-in table are cached.
 */
export function builtinPatchSchema(
  group: string,
  version: string,
  kind: string,
  table: PatchMetaTable = BUILTIN_PATCH_META,
): PatchSchema | undefined {
  const key = kindKey(group, version, kind);
  const cached = table === BUILTIN_PATCH_META ? roots.get(key) : undefined;
  if (cached !== undefined) return cached;
  const type = Object.hasOwn(table.kinds, key) ? table.kinds[key] : undefined;
  const schema = type === undefined ? undefined : new TablePatchSchema(table, type);
  if (table === BUILTIN_PATCH_META && schema !== undefined) roots.set(key, schema);
  return schema;
}
