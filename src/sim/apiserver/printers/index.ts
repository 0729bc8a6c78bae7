/**
 * Server-side Table printing, as kube-apiserver does it for
 * `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` (what `kubectl get` asks for).
 * The columns and cells follow v1.32's pkg/printers/internalversion; the server always
 * prints in wide mode, so priority-1 columns and their cells are always present and the
 * client hides them unless `-o wide`.
 */
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { printerFor } from './registry';
import type { Table, TableRow } from './types';

export type { Table, TableColumnDefinition, TableRow, TableRowCondition } from './types';
export { humanDuration } from './duration';
export { hasCustomColumns } from './registry';

/** How much of each object a row carries, after the `includeObject` query parameter. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Options for printTable. */
export interface PrintOptions {
  /** The current time in epoch ms: ages are measured up to it. */
  now: number;
  /**
   * `None` (object: null), `Metadata` (the default: a PartialObjectMetadata with apiVersion
   * meta.k8s.io/v1, kind PartialObjectMetadata and the object's metadata), or `Object`
   * (the whole object).
   */
  includeObject?: IncludeObject;
  /**
   * The Table's metadata: a list's resourceVersion, continue and remainingItemCount, or
   * for a single object its resourceVersion. Omitted fields are left out.
   */
  listMeta?: Table['metadata'];
}

function rowObject(obj: KubeObject, includeObject: IncludeObject): unknown {
  switch (includeObject) {
    case 'None':
      return null;
    case 'Object':
      return obj;
    default:
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

/**
 * Prints objects of one resource as a `meta.k8s.io/v1` Table: one row per object, in the
 * order given.
 */
export function printTable(
  resource: ResourceInfo,
  objects: readonly KubeObject[],
  options: PrintOptions,
): Table {
  const printer = printerFor(resource);
  const includeObject = options.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const printed = printer.print(obj, options.now);
    const row: TableRow = { cells: printed.cells };
    if (printed.conditions && printed.conditions.length > 0) row.conditions = printed.conditions;
    row.object = rowObject(obj, includeObject);
    return row;
  });
  const metadata: Table['metadata'] = {};
  const meta = options.listMeta;
  if (meta?.resourceVersion !== undefined) metadata.resourceVersion = meta.resourceVersion;
  if (meta?.continue !== undefined) metadata.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
