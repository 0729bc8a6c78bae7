/**
 * The `meta.k8s.io/v1` Table shapes the apiserver returns when a client asks for
 * `application/json;as=Table;g=meta.k8s.io;v=v1`, plus the small interface every
 * per-resource printer implements.
 */
import type { KubeObject } from '../types';

/** One column of a Table, as `columnDefinitions` lists it. */
export interface TableColumnDefinition {
  /** Human-readable header; kubectl upper-cases it (`Up-to-date` -> `UP-TO-DATE`). */
  name: string;
  /** OpenAPI type of the cells: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** OpenAPI format hint; `name` marks the column holding the object's name. */
  format: string;
  description: string;
  /** 0 = shown by default, 1 = shown only with `-o wide`. */
  priority: number;
}

/** A condition attached to a row: `Completed` marks a pod that has run to completion. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** One row: the cells in column order, optional row conditions and the object (see includeObject). */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

/** A `meta.k8s.io/v1` Table. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What a printer produces for one object: its cells and, for pods, row conditions. */
export interface PrintedRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

/** Prints one kind of object: the column definitions and a row per object. */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** Cells for `obj`; `now` (epoch ms) is the reference point for ages. */
  print(obj: KubeObject, now: number): PrintedRow;
}
