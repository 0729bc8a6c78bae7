/** Helpers for declaring printers and their columns. */
import type { KubeObject } from '../types';
import type { PrintedRow, Printer, TableColumnDefinition } from './types';

interface ColumnOptions {
  /** 1 for columns only shown with `-o wide`. */
  priority?: number;
  format?: string;
}

/** A column definition; priority and format default to 0 and ''. */
export function column(
  name: string,
  type: string,
  description: string,
  options: ColumnOptions = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

/** The same column, shown only with `-o wide`. */
export function wide(def: TableColumnDefinition): TableColumnDefinition {
  return { ...def, priority: 1 };
}

/** The `Name` column every built-in table starts with. */
export const NAME_COLUMN = column('Name', 'string', 'Name of the object, unique within its namespace.', {
  format: 'name',
});

/** The `Age` column: time since metadata.creationTimestamp. */
export const AGE_COLUMN = column('Age', 'string', 'Time since the object was created.');

/** Wide `Containers` column for objects carrying a pod template. */
export const CONTAINERS_COLUMN = wide(column('Containers', 'string', 'Container names in the pod template.'));

/** Wide `Images` column for objects carrying a pod template. */
export const IMAGES_COLUMN = wide(column('Images', 'string', 'Container images in the pod template.'));

/** Wide `Selector` column: the label selector the controller uses to find its pods. */
export const SELECTOR_COLUMN = wide(column('Selector', 'string', 'Label selector matching the pods.'));

/**
 * Declares a printer for objects of type T. `print` returns the cells, or a whole
 * PrintedRow when it needs row conditions.
 */
export function printer<T>(
  columns: readonly TableColumnDefinition[],
  print: (obj: T, now: number) => unknown[] | PrintedRow,
): Printer {
  return {
    columns,
    print(obj: KubeObject, now: number): PrintedRow {
      const result = print(obj as unknown as T, now);
      return Array.isArray(result) ? { cells: result } : result;
    },
  };
}
