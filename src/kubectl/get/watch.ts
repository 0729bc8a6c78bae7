/**
 * `kubectl get -w` / `--watch-only`: prints what is there (unless watch-only), then opens a
 * watch from the list's resourceVersion (or from `0` for one object, whose first, synthetic
 * ADDED event is skipped) and prints a row per event, aligned with the rows before it,
 * until the server ends the watch (exit 0) or Ctrl-C (exit 1, as kubectl exits on SIGINT).
 */
import type { Table } from '../../sim/apiserver/printers/types';
import type { Status, WatchEvent } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import type { Streams } from '../io/output';
import type { Plan } from '../resource/args';
import { TABLE_ACCEPT, fetchVisits, listVersion } from '../resource/fetch';
import { resourcePath } from '../resource/paths';
import { HumanPrinter } from '../table/human';
import { sortRows } from './table';
import { TabWriter } from '../printers/tabwriter';

export interface WatchOptions {
  readonly watchOnly: boolean;
  /** `--output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED). */
  readonly outputEvents: boolean;
  readonly labelSelector: string;
  readonly fieldSelector: string;
  readonly chunkSize: number;
  readonly sortBy: string;
  readonly wide: boolean;
  readonly noHeaders: boolean;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
  readonly allNamespaces: boolean;
  readonly signal: AbortSignal;
}

/** How a failed watch event (a Status) prints: kubectl's fallback table for Status objects. */
function printStatus(status: Status, w: TabWriter, first: boolean): void {
  if (first) w.write('STATUS\tREASON\tMESSAGE\n');
  w.write(`${status.status ?? ''}\t${status.reason ?? ''}\t${status.message ?? ''}\n`);
}

/** Runs the watch; resolves with the exit code. */
export async function watchGet(
  client: RestClient,
  plan: Plan,
  options: WatchOptions,
  out: Streams,
): Promise<number> {
  const { infos } = await fetchVisits(client, plan.visits, {
    table: true,
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    chunkSize: options.chunkSize,
    includeObject: options.sortBy !== '',
    continueOnError: false,
  });
  const kinds = new Set(infos.map((i) => `${i.mapping.group}/${i.mapping.version}/${i.mapping.kind}`));
  if (kinds.size > 1)
    throw new Error(
      'watch is only supported on individual resources and resource collections - more than 1 resource was found',
    );
  const first = plan.visits[0];
  const w = new TabWriter();
  const printer = new HumanPrinter({
    wide: options.wide,
    noHeaders: options.noHeaders,
    withNamespace: options.allNamespaces,
    showLabels: options.showLabels,
    labelColumns: options.labelColumns,
  });
  const single = plan.singleItemImplied && infos.length === 1;
  if (!options.watchOnly)
    for (const info of infos) {
      const table = sortRows(info.object as unknown as Table, options.sortBy);
      if ('error' in table) throw new Error(`unable to output the provided object: ${table.error}`);
      printer.print(table, w, options.outputEvents ? 'ADDED' : undefined);
    }
  out.stdout(w.flush());
  if (plan.visits.length !== 1 || first === undefined)
    throw new Error('you may only watch a single resource or type of resource at a time');
  const query: Record<string, string[]> = { watch: ['true'] };
  const resourceVersion = single ? '0' : listVersion(infos);
  if (resourceVersion !== '') query.resourceVersion = [resourceVersion];
  if (first.type === 'get') query.fieldSelector = [`metadata.name=${first.name}`];
  else {
    if (options.labelSelector !== '') query.labelSelector = [options.labelSelector];
    if (options.fieldSelector !== '') query.fieldSelector = [options.fieldSelector];
  }
  if (options.sortBy !== '') query.includeObject = ['Object'];
  // A watch of one object starts with a synthetic ADDED event for what was just printed.
  let skip = single;
  let statusHeader = true;
  await client.watch(
    {
      path: resourcePath(first.mapping, first.namespace),
      query,
      headers: { accept: TABLE_ACCEPT },
      target: { group: first.mapping.group, resource: first.mapping.name },
    },
    (event: WatchEvent) => {
      if (!skip) {
        if ((event.object as { kind?: string }).kind === 'Table')
          printer.print(event.object as unknown as Table, w, options.outputEvents ? event.type : undefined);
        else if (event.type === 'ERROR') {
          printStatus(event.object as Status, w, statusHeader);
          statusHeader = false;
        }
        out.stdout(w.flush());
      }
      skip = false;
    },
  );
  return options.signal.aborted ? 1 : 0;
}
