/**
 * `kubectl get`: lists or fetches resources and prints them as kubectl does, by default
 * from the apiserver's server-side Tables (`Accept: application/json;as=Table;...`), or in
 * any `-o` format through the printers; `-w` watches; `--raw` fetches a path as is.
 */
import { UsageError, hasReason } from '../errors';
import { flag } from '../flags/flags';
import { printGeneric, watchGeneric } from '../get/generic';
import { printTables } from '../get/table';
import { watchGet } from '../get/watch';
import { planVisits } from '../resource/args';
import { fetchVisits } from '../resource/fetch';
import { GET_EXAMPLE, GET_LONG } from './get-help';
import type { Command, CommandContext } from './types';

const OUTPUT_FORMATS =
  'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide';

/** `--raw PATH`: GET the path and print the body as it came. */
async function getRaw(ctx: CommandContext, raw: string): Promise<void> {
  if (ctx.args.length > 0) throw new Error('arguments may not be passed when --raw is specified');
  if (ctx.flags.bool('watch') || ctx.flags.bool('watch-only') || ctx.flags.string('selector') !== '')
    throw new Error(
      '--raw may not be specified with other flags that filter the server request or alter the output',
    );
  if (ctx.flags.string('output') !== '') throw new Error('--raw and --output are mutually exclusive');
  if (!raw.startsWith('/'))
    throw new Error(`--raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`);
  const [path = '', search = ''] = raw.split('?');
  const query: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
  const response = await ctx.client().request({ path, query });
  ctx.out.stdout(response.body);
}

async function run(ctx: CommandContext): Promise<number | void> {
  const { flags } = ctx;
  const raw = flags.string('raw');
  if (raw !== '') return getRaw(ctx, raw);
  const { namespace } = ctx.namespace();
  const allNamespaces = flags.bool('all-namespaces');
  const output = flags.string('output');
  const sortBy = flags.string('sort-by');
  const watch = flags.bool('watch');
  const watchOnly = flags.bool('watch-only');
  const human = (output === '' && flags.string('template') === '') || output === 'wide';
  if (watch && sortBy !== '')
    ctx.out.stderr('warning: --watch requested, --sort-by will be ignored for watch events received\n');
  else if (!watch && watchOnly && sortBy !== '')
    ctx.out.stderr('warning: --watch-only requested, --sort-by will be ignored\n');
  else if (!watch && !watchOnly && ctx.args.length === 0) {
    ctx.out.stderr(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    throw new UsageError(
      ctx.path,
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  if (flags.bool('show-labels') && output !== '' && output !== 'wide')
    throw new Error(`--show-labels option cannot be used with ${output} printer`);
  if (flags.bool('output-watch-events') && !watch && !watchOnly)
    throw new Error('--output-watch-events option can only be used with --watch or --watch-only');

  const labelSelector = flags.string('selector').trim();
  const fieldSelector = flags.string('field-selector').trim();
  const plan = await planVisits(ctx.args, ctx.mapper(), {
    namespace: allNamespaces ? '' : namespace,
    allNamespaces,
    selector: labelSelector !== '' || fieldSelector !== '',
    singleType: watch || watchOnly,
  });
  const client = ctx.client();
  const selection = { labelSelector, fieldSelector, chunkSize: flags.int('chunk-size') };
  const generic = {
    output,
    template: flags.string('template'),
    noHeaders: flags.bool('no-headers'),
    showManagedFields: flags.bool('show-managed-fields'),
    allowMissingTemplateKeys: flags.bool('allow-missing-template-keys'),
    sortBy,
    ignoreNotFound: flags.bool('ignore-not-found'),
  };
  if (watch || watchOnly) {
    if (!human)
      return watchGeneric(client, plan, { ...selection, ...generic, watchOnly }, ctx.out, ctx.signal);
    const table = {
      wide: output === 'wide',
      noHeaders: flags.bool('no-headers'),
      showLabels: flags.bool('show-labels'),
      labelColumns: flags.strings('label-columns'),
    };
    const events = flags.bool('output-watch-events');
    return watchGet(
      client,
      plan,
      { ...selection, ...table, watchOnly, outputEvents: events, sortBy, allNamespaces, signal: ctx.signal },
      ctx.out,
    );
  }
  if (!human) return printGeneric(client, plan, { ...selection, ...generic }, ctx.out);
  const { infos, errors } = await fetchVisits(client, plan.visits, {
    ...selection,
    chunkSize: sortBy === '' ? selection.chunkSize : 0,
    table: true,
    includeObject: sortBy !== '',
    continueOnError: true,
  });
  const failures = flags.bool('ignore-not-found') ? errors.filter((e) => !hasReason(e, 'NotFound')) : errors;
  printTables(
    infos,
    {
      wide: output === 'wide',
      noHeaders: flags.bool('no-headers'),
      showLabels: flags.bool('show-labels'),
      showKind: flags.bool('show-kind'),
      labelColumns: flags.strings('label-columns'),
      sortBy,
      allNamespaces,
      namespace,
      ignoreNotFound: flags.bool('ignore-not-found'),
    },
    ctx.out,
    failures.length > 0,
  );
  if (failures.length > 0) throw new AggregateError(failures);
}

export const get: Command = {
  name: 'get',
  suggestFor: ['list', 'ps'],
  usage: `get [(-o|--output=)${OUTPUT_FORMATS.replace(/, /g, '|')}] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]`,
  short: 'Display one or many resources',
  long: GET_LONG,
  example: GET_EXAMPLE,
  flags: [
    flag.bool(
      'all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      { shorthand: 'A' },
    ),
    flag.bool(
      'allow-missing-template-keys',
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      { default: true },
    ),
    flag.int(
      'chunk-size',
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
      { default: 500 },
    ),
    flag.string(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    flag.bool(
      'ignore-not-found',
      'If the requested object does not exist the command will return exit code 0.',
    ),
    flag.stringSlice(
      'label-columns',
      'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
      { shorthand: 'L' },
    ),
    flag.bool(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
    flag.string(
      'output',
      `Output format. One of: (${OUTPUT_FORMATS}). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].`,
      { shorthand: 'o' },
    ),
    flag.bool(
      'output-watch-events',
      'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.',
    ),
    flag.string(
      'raw',
      'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.',
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.bool('show-kind', 'If present, list the resource type for the requested object(s).'),
    flag.bool(
      'show-labels',
      'When printing, show all labels as the last column (default hide labels column)',
    ),
    flag.bool(
      'show-managed-fields',
      'If true, keep the managedFields when printing objects in JSON or YAML format.',
    ),
    flag.string(
      'sort-by',
      "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
    ),
    flag.string(
      'template',
      'Template string to use with -o=jsonpath or -o=custom-columns (instead of giving it after =).',
    ),
    flag.bool('watch', 'After listing/getting the requested object, watch for changes.', { shorthand: 'w' }),
    flag.bool('watch-only', 'Watch for changes to the requested object(s), without listing/getting first.'),
  ],
  run,
};
