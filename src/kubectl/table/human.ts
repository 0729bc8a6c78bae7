/**
 * kubectl's human-readable printer for server-side Tables (cli-runtime's
 * HumanReadablePrinter): the NAMESPACE column with all namespaces, `kind/name` when several
 * kinds print together, label columns (`-L`, `--show-labels`), `-o wide`'s extra columns,
 * headers once per kind (watch events carry no column definitions and reuse the last
 * ones), and the EVENT column of `--output-watch-events`.
 */
import { formatLabels } from '../../sim/apiserver/printers/format';
import type { Table, TableColumnDefinition, TableRow } from '../../sim/apiserver/printers/types';
import type { TabWriter } from '../printers/tabwriter';

export interface HumanOptions {
  readonly wide: boolean;
  readonly noHeaders: boolean;
  readonly withNamespace: boolean;
  /** `--show-labels`: a LABELS column with all labels. */
  readonly showLabels: boolean;
  /** `-L`: a column per label key. */
  readonly labelColumns: readonly string[];
  /** The lower-case kind (`deployment.apps`) to prefix names with, when several kinds print. */
  readonly kind?: string;
}

/** The event types as `--output-watch-events` prints them, padded to one width. */
const EVENT_TYPES: Readonly<Record<string, string>> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
  ERROR: 'ERROR   ',
};

type Cell = unknown;

interface RowMeta {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
}

const metaOf = (row: TableRow): RowMeta | undefined =>
  (row.object as { metadata?: RowMeta } | undefined)?.metadata;

/** How a cell prints: strings cut at the first line break (`...` added), terminal escapes made visible. */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  let text: string;
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    text = cut < 0 ? cell : `${cell.slice(0, cut)}...`;
  } else text = typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** `app.kubernetes.io/name` -> `NAME`: a label column's header. */
const labelHeader = (key: string) => (key.split('/').pop() ?? '').toUpperCase();

/** Prints Tables of one resource type; a new type gets a new printer (and headers). */
export class HumanPrinter {
  readonly #options: HumanOptions;
  #lastColumns: TableColumnDefinition[] = [];
  #printedHeaders = false;

  constructor(options: HumanOptions) {
    this.#options = options;
  }

  /** Prints a Table's rows (and its header, the first time) to `w`. */
  print(table: Table, w: TabWriter, eventType?: string): void {
    const same = JSON.stringify(table.columnDefinitions) === JSON.stringify(this.#lastColumns);
    const noHeaders =
      this.#options.noHeaders || (this.#printedHeaders && (table.columnDefinitions.length === 0 || same));
    let columns = table.columnDefinitions;
    if (columns.length === 0) columns = this.#lastColumns;
    else if (!same) {
      this.#lastColumns = columns;
      this.#printedHeaders = false;
    }
    if (table.rows.length > 0) this.#printedHeaders = true;
    const decorated = this.#decorate(columns, table.rows);
    if (eventType !== undefined) {
      decorated.columns.unshift({ name: 'Event', type: 'string', format: '', description: '', priority: 0 });
      for (const cells of decorated.rows) cells.unshift(EVENT_TYPES[eventType] ?? eventType);
    }
    if (decorated.rows.length === 0) return;
    const shown = (i: number) => this.#options.wide || (decorated.columns[i]?.priority ?? 0) === 0;
    if (!noHeaders)
      w.write(
        `${decorated.columns
          .filter((_, i) => shown(i))
          .map((c) => c.name.toUpperCase())
          .join('\t')}\n`,
      );
    for (const cells of decorated.rows) {
      const visible = cells.slice(0, decorated.columns.length).filter((_, i) => shown(i));
      w.write(`${visible.map(cellText).join('\t')}\n`);
    }
  }

  /** decorateTable: namespace and label columns added, names prefixed with the kind. */
  #decorate(definitions: readonly TableColumnDefinition[], rows: readonly TableRow[]) {
    const { withNamespace, showLabels, labelColumns, kind } = this.#options;
    const column = (name: string): TableColumnDefinition => ({
      name,
      type: 'string',
      format: '',
      description: '',
      priority: 0,
    });
    const columns = [
      ...(withNamespace ? [column('Namespace')] : []),
      ...definitions,
      ...labelColumns.map((key) => column(labelHeader(key))),
      ...(showLabels ? [column('Labels')] : []),
    ];
    const nameColumn =
      kind === undefined ? -1 : definitions.findIndex((c) => c.format === 'name' && c.type === 'string');
    const decoratedRows = rows.map((row) => {
      const cells: Cell[] = [...row.cells];
      if (nameColumn >= 0) cells[nameColumn] = `${kind ?? ''}/${cellText(cells[nameColumn])}`;
      const meta = metaOf(row);
      if (meta === undefined) {
        // Rows without an object get empty namespace and label cells.
        if (withNamespace) cells.unshift(undefined);
        while (cells.length < columns.length) cells.push(undefined);
        return cells;
      }
      if (withNamespace) cells.unshift(meta.namespace ?? '');
      for (const key of labelColumns) cells.push(meta.labels?.[key] ?? '');
      if (showLabels) cells.push(formatLabels(meta.labels));
      return cells;
    });
    return { columns, rows: decoratedRows };
  }
}
