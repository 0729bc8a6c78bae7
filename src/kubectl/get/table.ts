/**
 * `kubectl get`'s default output from server-side Tables (GetOptions.Run's print loop):
 * one table per resource type, separated by a blank line, headers repeated per type,
 * `kind/name` when several types print, the NAMESPACE column with `-A`, rows sorted with
 * `--sort-by`, and `No resources found in <ns> namespace.` on stderr when nothing printed.
 */
import type { Table } from '../../sim/apiserver/printers/types';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { Streams } from '../io/output';
import { sortObjects } from '../printers/sort';
import type { Info } from '../resource/fetch';
import { HumanPrinter } from '../table/human';
import { TabWriter } from '../printers/tabwriter';

export interface TableOutput {
  readonly wide: boolean;
  readonly noHeaders: boolean;
  readonly showLabels: boolean;
  readonly showKind: boolean;
  readonly labelColumns: readonly string[];
  readonly sortBy: string;
  readonly allNamespaces: boolean;
  /** The namespace named in `No resources found in <ns> namespace.` */
  readonly namespace: string;
  readonly ignoreNotFound: boolean;
}

const gvk = (m: Mapping) => `${m.group}/${m.version}/${m.kind}`;
const sameResource = (a: Mapping, b: Mapping) =>
  a.group === b.group && a.version === b.version && a.name === b.name;

/** The kind as a name prefix: `pod`, `deployment.apps`. */
const kindPrefix = (m: Mapping) => (m.group === '' ? m.kind : `${m.kind}.${m.group}`).toLowerCase();

/**
 * A Table's rows in `--sort-by` order (the rows carry whole objects for this), as
 * kubectl's sorting printer orders tables of more than one row; its error when the rows
 * cannot be sorted.
 */
export function sortRows(table: Table, sortBy: string): Table | { error: string } {
  if (sortBy === '' || table.rows.length < 2) return table;
  const sorted = sortObjects(
    table.rows.map((r) => r.object as KubeObject),
    sortBy,
  );
  if (sorted.error !== undefined) return { error: sorted.error };
  return { ...table, rows: sorted.order.map((i) => table.rows[i] as Table['rows'][number]) };
}

/**
 * The infos in `--sort-by` order. kubectl's builder hands the printer the Tables as
 * unstructured objects, so with several of them (several types, or pages) it sorts the
 * Tables themselves by the field, and fails if no Table has it.
 */
function sortInfos(infos: readonly Info[], sortBy: string): readonly Info[] {
  if (sortBy === '' || infos.length < 2) return infos;
  const sorted = sortObjects(
    infos.map((i) => i.object),
    sortBy,
  );
  if (sorted.error !== undefined) throw new Error(sorted.error);
  return sorted.order.map((i) => infos[i] as Info);
}

/**
 * Prints the Tables in `infos` (`hadErrors`: whether requests failed, which keeps the
 * `No resources found` message back).
 */
export function printTables(
  infos: readonly Info[],
  options: TableOutput,
  out: Streams,
  hadErrors: boolean,
): void {
  const withKind = options.showKind || new Set(infos.map((i) => gvk(i.mapping))).size > 1;
  const sorted = sortInfos(infos, options.sortBy);
  let written = 0;
  let separate = false;
  let w = new TabWriter();
  // kubectl writes through a writer that counts what it wrote and can put a blank line first.
  const flush = () => {
    const text = w.flush();
    if (text === '') return;
    if (separate) out.stdout('\n');
    separate = false;
    written += text.length;
    out.stdout(text);
  };
  let printer: HumanPrinter | undefined;
  let last: Mapping | undefined;
  // kubectl's printer flags keep "with namespace" once a namespaced type turned it on.
  let withNamespace = false;
  let allNamespaced = !options.allNamespaces;
  for (const info of sorted) {
    const mapping = info.mapping;
    allNamespaced = allNamespaced && mapping.namespaced;
    if (printer === undefined || last === undefined || !sameResource(mapping, last)) {
      flush();
      // A new table forgets the column widths of the last one.
      w = new TabWriter();
      if (last !== undefined && !options.noHeaders && written > 0) separate = true;
      withNamespace = withNamespace || (options.allNamespaces && mapping.namespaced);
      printer = new HumanPrinter({
        wide: options.wide,
        noHeaders: options.noHeaders,
        withNamespace,
        showLabels: options.showLabels,
        labelColumns: options.labelColumns,
        ...(withKind ? { kind: kindPrefix(mapping) } : {}),
      });
      last = mapping;
    }
    // A table whose rows cannot be sorted prints nothing: kubectl drops the printer's error.
    const table = sortRows(info.object as unknown as Table, options.sortBy);
    if (!('error' in table)) printer.print(table, w);
  }
  flush();
  if (written === 0 && !options.ignoreNotFound && !hadErrors)
    out.stderr(
      allNamespaced ? `No resources found in ${options.namespace} namespace.\n` : 'No resources found\n',
    );
}
