/**
 * `kubectl get -o yaml|json|name|jsonpath=...|custom-columns=...`: the objects themselves
 * (list items flattened), printed alone when one object was named and as a `List`
 * otherwise (GetOptions.printGeneric); with `-w`, each object and then each event's object
 * printed as it comes.
 */
import type { KubeObject, WatchEvent } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import { hasReason } from '../errors';
import type { Streams } from '../io/output';
import { parseOutput, printObjects } from '../io/print';
import type { GenericOutputFormat } from '../printers';
import type { Plan } from '../resource/args';
import { fetchVisits, listVersion } from '../resource/fetch';
import { resourcePath } from '../resource/paths';

export interface GenericOptions {
  readonly output: string;
  readonly template: string;
  readonly noHeaders: boolean;
  readonly showManagedFields: boolean;
  readonly allowMissingTemplateKeys: boolean;
  readonly sortBy: string;
  readonly ignoreNotFound: boolean;
  readonly labelSelector: string;
  readonly fieldSelector: string;
  readonly chunkSize: number;
}

/** The generic printer for `-o`, once there is something to print (kubectl checks it late). */
function formatOf(options: GenericOptions): GenericOutputFormat {
  const format = parseOutput(options.output, options.template);
  if (format.kind === 'table') throw new Error('the table format has no generic printer');
  return format;
}

/** Fetches and prints the objects; throws the request errors after printing. */
export async function printGeneric(client: RestClient, plan: Plan, options: GenericOptions, out: Streams) {
  const { infos, errors } = await fetchVisits(client, plan.visits, {
    ...options,
    chunkSize: options.sortBy === '' ? options.chunkSize : 0,
    table: false,
    includeObject: false,
    continueOnError: true,
  });
  const failures = options.ignoreNotFound ? errors.filter((e) => !hasReason(e, 'NotFound')) : errors;
  if (failures.length > 0 && plan.singleItemImplied) throw new AggregateError(failures);
  if (infos.length > 0 || !options.ignoreNotFound) {
    const objects = infos.map((i) => i.object);
    printObjects(
      formatOf(options),
      objects,
      {
        singleItem: plan.singleItemImplied && objects.length === 1,
        sortBy: options.sortBy,
        noHeaders: options.noHeaders,
        showManagedFields: options.showManagedFields,
        allowMissingTemplateKeys: options.allowMissingTemplateKeys,
      },
      out,
    );
  }
  if (failures.length > 0) throw new AggregateError(failures);
}

/**
 * `-w` with a generic format: the objects there are now (unless watch-only), then the
 * object of every event. YAML documents after the first are preceded by `---`, as
 * kubectl's YAML printer separates what it prints.
 */
export async function watchGeneric(
  client: RestClient,
  plan: Plan,
  options: GenericOptions & { readonly watchOnly: boolean },
  out: Streams,
  signal: AbortSignal,
): Promise<number> {
  const { infos } = await fetchVisits(client, plan.visits, {
    ...options,
    table: false,
    includeObject: false,
    continueOnError: false,
  });
  const kinds = new Set(infos.map((i) => `${i.mapping.group}/${i.mapping.version}/${i.mapping.kind}`));
  if (kinds.size > 1)
    throw new Error(
      'watch is only supported on individual resources and resource collections - more than 1 resource was found',
    );
  const format = formatOf(options);
  let printed = 0;
  const print = (object: KubeObject) => {
    if (format.kind === 'yaml' && printed > 0) out.stdout('---\n');
    printed++;
    printObjects(
      format,
      [object],
      { singleItem: true, noHeaders: options.noHeaders, showManagedFields: options.showManagedFields },
      out,
    );
  };
  if (!options.watchOnly) infos.forEach((i) => print(i.object));
  const first = plan.visits[0];
  if (plan.visits.length !== 1 || first === undefined)
    throw new Error('you may only watch a single resource or type of resource at a time');
  const single = plan.singleItemImplied && infos.length === 1;
  const query: Record<string, string[]> = { watch: ['true'] };
  const listed = listVersion(infos);
  if (single) query.resourceVersion = ['0'];
  if (first.type === 'get') query.fieldSelector = [`metadata.name=${first.name}`];
  else {
    if (!single && listed !== '') query.resourceVersion = [listed];
    if (options.labelSelector !== '') query.labelSelector = [options.labelSelector];
    if (options.fieldSelector !== '') query.fieldSelector = [options.fieldSelector];
  }
  let skip = single;
  await client.watch(
    {
      path: resourcePath(first.mapping, first.namespace),
      query,
      target: { group: first.mapping.group, resource: first.mapping.name },
    },
    (event: WatchEvent) => {
      if (!skip && event.type !== 'BOOKMARK') print(event.object as KubeObject);
      skip = false;
    },
  );
  return signal.aborted ? 1 : 0;
}
