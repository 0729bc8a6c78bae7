/**
 * `kubectl describe`: finds objects as the resource builder does (TYPE NAME, TYPE/NAME, all
 * of a type, `-l`, `-A`), describes each with src/kubectl/describe over the REST API, and
 * falls back to describing every object whose name starts with NAME when `TYPE NAME` finds
 * nothing by that exact name.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import { describe as describeObject, type DescribeContext } from '../describe';
import { hasReason } from '../errors';
import { flag } from '../flags/flags';
import { planVisits } from '../resource/args';
import { fetchVisits, type Info } from '../resource/fetch';
import type { Command, CommandContext } from './types';

/** A DescribeContext that reads through the command's REST client. */
export function restDescribeContext(
  client: RestClient,
  now: number,
  settings: { readonly showEvents: boolean; readonly chunkSize: number },
): DescribeContext {
  return {
    now,
    showEvents: settings.showEvents,
    async list(path, query = {}) {
      const items: KubeObject[] = [];
      let next = '';
      do {
        const params: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(query)) params[k] = [v];
        if (settings.chunkSize > 0) params.limit = [String(settings.chunkSize)];
        if (next !== '') params.continue = [next];
        const page = await client.json<{ items?: KubeObject[]; metadata?: { continue?: string } }>({
          path,
          query: params,
        });
        items.push(...(page.items ?? []));
        next = page.metadata?.continue ?? '';
      } while (next !== '');
      return items;
    },
    async get(path) {
      try {
        return await client.json<KubeObject>({ path });
      } catch (error) {
        if (hasReason(error, 'NotFound')) return null;
        throw error;
      }
    },
  };
}

/** Describes `infos` one after another, collecting errors (each distinct message once). */
async function describeAll(
  ctx: CommandContext,
  infos: readonly Info[],
  context: DescribeContext,
  separator: (first: boolean, text: string) => string,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  const seen = new Set<string>();
  let first = true;
  for (const info of infos) {
    try {
      const text = await describeObject(info.object, context);
      ctx.out.stdout(separator(first, text));
      first = false;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (seen.has(message)) continue;
      seen.add(message);
      errors.push(error);
    }
  }
  return errors;
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags } = ctx;
  const { namespace } = ctx.namespace();
  const allNamespaces = flags.bool('all-namespaces');
  if (ctx.args.length === 0)
    throw new Error(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  const selector = flags.string('selector');
  const chunkSize = flags.int('chunk-size');
  const plan = await planVisits(ctx.args, ctx.mapper(), {
    namespace: allNamespaces ? '' : namespace,
    allNamespaces,
    selector: selector !== '',
  });
  const client = ctx.client();
  const fetchOptions = {
    table: false,
    labelSelector: selector,
    fieldSelector: '',
    chunkSize,
    includeObject: false,
    continueOnError: true,
  };
  const { infos, errors } = await fetchVisits(client, plan.visits, fetchOptions);
  const context = restDescribeContext(client, ctx.now(), {
    showEvents: flags.bool('show-events'),
    chunkSize,
  });
  const [only] = errors;
  if (errors.length === 1 && hasReason(only, 'NotFound') && ctx.args.length === 2)
    return describePrefixed(ctx, only, context, fetchOptions);
  errors.push(...(await describeAll(ctx, infos, context, (first, text) => (first ? text : `\n\n${text}`))));
  if (infos.length === 0 && errors.length === 0)
    ctx.out.stderr(
      allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`,
    );
  if (errors.length > 0) throw new AggregateError(errors);
}

/** `describe TYPE PREFIX` when no object is named PREFIX: every object whose name starts with it. */
async function describePrefixed(
  ctx: CommandContext,
  notFound: unknown,
  context: DescribeContext,
  fetchOptions: Parameters<typeof fetchVisits>[2],
): Promise<void> {
  const [type = '', prefix = ''] = ctx.args;
  const plan = await planVisits([type], ctx.mapper(), {
    namespace: ctx.namespace().namespace,
    allNamespaces: false,
    selector: false,
    singleType: true,
  });
  const { infos } = await fetchVisits(ctx.client(), plan.visits, {
    ...fetchOptions,
    labelSelector: '',
    continueOnError: false,
  });
  const matching = infos.filter((i) => (i.object.metadata.name ?? '').startsWith(prefix));
  if (matching.length === 0) throw notFound;
  for (const info of matching) ctx.out.stdout(`${await describeObject(info.object, context)}\n`);
}

export const describe: Command = {
  name: 'describe',
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Prints a detailed description of the selected objects, with related information such as their events, their pods or their controller. Select one object by name, every object of a type, objects by label selector, or every object whose name starts with a prefix: when TYPE NAME_PREFIX names no object exactly, every object of that type whose name starts with NAME_PREFIX is described.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `# Describe a node
kubectl describe nodes worker-1

# Describe a pod
kubectl describe pods/web

# Describe every pod
kubectl describe pods

# Describe the pods labelled app=web
kubectl describe pods -l app=web

# Describe every pod whose name starts with "web-"
kubectl describe pods web-`,
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
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.bool('show-events', 'If true, display events related to the described object.', { default: true }),
  ],
  run,
};
