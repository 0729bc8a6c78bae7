/**
 * `kubectl events`: the events of a namespace (or all, or of one object with `--for`),
 * oldest first, as a LAST SEEN / TYPE / REASON / OBJECT / MESSAGE table or in an `-o`
 * format; `-w` then prints events as they arrive.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { NoResourceTypeError } from '../client/restmapper';
import { ExitError } from '../errors';
import { eventLine, eventsHeader, sortEvents, typedEvent } from '../events/typed';
import { flag } from '../flags/flags';
import { objectPrinter, PRINT_FLAGS } from '../mutate/print';
import { TabWriter } from '../printers/tabwriter';
import type { Command, CommandContext } from './types';

const OUTPUT_FORMATS = [
  'json',
  'yaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
];

/** The field selector of `--for TYPE/NAME`, or '' without it. */
async function forSelector(ctx: CommandContext): Promise<string> {
  const target = ctx.flags.string('for');
  if (target === '') return '';
  if (!target.includes('/')) throw new Error('--for must be in resource/name form');
  const parts = target.split('/');
  if (parts.length !== 2) throw new Error('arguments in resource/name form may not have more than one slash');
  const [type = '', name = ''] = parts;
  let mapping;
  try {
    mapping = await ctx.mapper().mappingFor(type.toLowerCase());
  } catch (error) {
    // A type the server does not have is printed as kubectl prints a no-match error: as is.
    if (!(error instanceof NoResourceTypeError)) throw error;
    ctx.out.stderr(`${error.message}\n`);
    throw new ExitError(1);
  }
  const apiVersion = mapping.group === '' ? mapping.version : `${mapping.group}/${mapping.version}`;
  return `involvedObject.kind=${mapping.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${name}`;
}

/** The object without managed fields (in its items too), unless `--show-managed-fields`. */
function omitManagedFields(ctx: CommandContext, object: KubeObject): KubeObject {
  if (ctx.flags.bool('show-managed-fields')) return object;
  const strip = (o: KubeObject): KubeObject => {
    const { managedFields: _, ...metadata } = o.metadata;
    return { ...o, metadata };
  };
  const items = (object as { items?: KubeObject[] }).items;
  return items === undefined ? strip(object) : ({ ...object, items: items.map(strip) } as KubeObject);
}

/**
 * Prints in an `-o` format as kubectl's typed printers do: JSON keeps the struct order, and
 * the name printer prints nothing for the list.
 */
function printAs(ctx: CommandContext, object: KubeObject): void {
  const output = ctx.flags.string('output');
  if (output === 'name' && object.kind === 'EventList') return;
  const shown = omitManagedFields(ctx, object);
  if (output !== 'json') return objectPrinter(ctx).print(shown, '');
  const json = JSON.stringify(shown, null, 4).replace(
    /[<>&]/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
  );
  ctx.out.stdout(`${json}\n`);
}

async function run(ctx: CommandContext): Promise<number | void> {
  const { flags } = ctx;
  const { namespace } = ctx.namespace();
  const fieldSelector = await forSelector(ctx);
  const output = flags.string('output');
  if (output !== '') objectPrinter(ctx);
  const types = [...new Set(flags.strings('types'))].sort();
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning'))
    throw new Error('valid --types are Normal or Warning');
  const allNamespaces = flags.bool('all-namespaces');
  const path = allNamespaces
    ? '/api/v1/events'
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  const wanted = (e: KubeObject) =>
    types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
  // kubectl lists in chunks of 500 whatever --chunk-size says.
  const query: Record<string, string[]> = { limit: ['500'] };
  if (fieldSelector !== '') query.fieldSelector = [fieldSelector];
  const table = new TabWriter();
  let headed = flags.bool('no-headers');
  const rows = (events: readonly KubeObject[]) => {
    if (!headed) table.write(eventsHeader(allNamespaces));
    headed = true;
    for (const e of events) table.write(eventLine(e, ctx.now(), allNamespaces));
    ctx.out.stdout(table.flush());
  };
  if (flags.bool('watch')) {
    await ctx.client().watch({ path, query: { ...query, watch: ['true'] } }, (event) => {
      if (event.type === 'DELETED' || event.type === 'BOOKMARK' || event.type === 'ERROR') return;
      const e = typedEvent(event.object as KubeObject);
      if (!wanted(e)) return;
      if (output === '') rows([e]);
      else printAs(ctx, e);
    });
    // Ctrl-C ends the watch through kubectl's interrupt handler, which exits with 1.
    return ctx.signal.aborted ? 1 : 0;
  }
  const events: KubeObject[] = [];
  let next = '';
  do {
    const page = await ctx.client().json<{ items?: KubeObject[]; metadata?: { continue?: string } }>({
      path,
      query: next === '' ? query : { ...query, continue: [next] },
    });
    events.push(...(page.items ?? []).map(typedEvent).filter(wanted));
    next = page.metadata?.continue ?? '';
  } while (next !== '');
  if (events.length === 0) {
    ctx.out.stderr(allNamespaces ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return;
  }
  if (output === '') rows(sortEvents(events));
  else printAs(ctx, list(sortEvents(events)));
}

/** The typed EventList kubectl prints in `-o` formats. */
const list = (items: KubeObject[]): KubeObject =>
  ({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items }) as unknown as KubeObject;

export const events: Command = {
  name: 'events',
  usage: `events [(-o|--output=)${OUTPUT_FORMATS.join('|')}] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]`,
  short: 'List events',
  long: `Display events.

 Prints a table of the most important information about events, oldest first: of the current namespace, of every namespace, or only those about one object.`,
  example: `# List the events of the current namespace
kubectl events

# List the events of every namespace
kubectl events --all-namespaces

# List the events of the pod web, then keep printing new ones as they come
kubectl events --for pod/web --watch

# List only the warnings, as YAML
kubectl events --types=Warning -o yaml`,
  flags: [
    flag.bool(
      'all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      { shorthand: 'A' },
    ),
    flag.int(
      'chunk-size',
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
      { default: 500 },
    ),
    flag.string('for', 'Filter events to only those pertaining to the specified resource.'),
    flag.bool('no-headers', "When using the default output format, don't print headers."),
    ...PRINT_FLAGS,
    flag.stringSlice('types', 'Output only events of given types.'),
    flag.bool('watch', 'After listing the requested events, watch for more events.', { shorthand: 'w' }),
  ],
  run,
};
