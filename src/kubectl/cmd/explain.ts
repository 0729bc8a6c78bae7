/**
 * `kubectl explain TYPE[.FIELD...]`: the documentation of a resource or of one of its
 * fields, read from the apiserver's OpenAPI v3 documents (`/openapi/v3`, then the
 * group-version's document), rendered as kubectl's plaintext template does. A server that
 * serves no OpenAPI v3 makes kubectl try v2, and fail as it does.
 */
import { NoResourceTypeError, type Mapping } from '../client/restmapper';
import { ExitError } from '../errors';
import { renderExplain, type Gvr, type OpenApiDocument } from '../explain/render';
import { flag } from '../flags/flags';
import { parseJsonPath, type Node } from '../printers/jsonpath/parser';
import type { Command, CommandContext } from './types';

/** The nodes of `text` read as a JSONPath (`pods.spec` as `{.pods.spec}`). */
function pathNodes(text: string): Node[] {
  const root = parseJsonPath(`{.${text.replace(/\.$/, '')}}`);
  if (root.nodes.length !== 1) throw new Error('must pass in 1 jsonpath string');
  const inner = root.nodes[0];
  return inner?.type === 'list' ? inner.nodes : [];
}

/** The field names of the nodes after the first; throws for a node that is not a field. */
function fieldNames(nodes: readonly Node[]): string[] {
  return nodes.slice(1).map((n) => {
    if (n.type !== 'field') throw new Error('invalid jsonpath syntax, first node must be field node');
    return n.name;
  });
}

/** What is explained: the resource, its kind and the field path. */
interface Target {
  readonly gvr: Gvr;
  readonly kind: string;
  readonly path: string[];
}

const targetOf = (m: Mapping, path: string[]): Target => ({
  gvr: { group: m.group, version: m.version, resource: m.name },
  kind: m.kind,
  path,
});

/**
 * SplitAndParseResourceRequestWithMatchingPrefix: the resource (`deployments.apps` takes
 * the group when the text starts with it) and the field path after it.
 */
async function resourceAndPath(ctx: CommandContext, arg: string, exact: boolean): Promise<Target> {
  const nodes = pathNodes(arg);
  const head = nodes[0];
  if (head?.type !== 'field') throw new Error('invalid jsonpath syntax, first node must be field node');
  const mappings = await ctx.mapper().mappingsFor(head.name);
  if (!exact)
    for (const m of mappings) {
      const groupResource = m.group === '' ? m.name : `${m.name}.${m.group}`;
      if (!arg.startsWith(groupResource)) continue;
      const suffix = arg.slice(groupResource.length);
      return targetOf(m, suffix === '' ? [] : fieldNames(pathNodes(suffix)));
    }
  return targetOf(mappings[0] as Mapping, fieldNames(nodes));
}

/** Fetches a path as JSON (the OpenAPI client's GET). */
const getJson = <T>(ctx: CommandContext, url: string): Promise<T> => {
  const [path = '', search = ''] = url.split('?');
  const query: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
  return ctx.client().json<T>({ path, query, headers: { accept: 'application/json' } });
};

/**
 * The OpenAPI v2 route (`-o plaintext-openapiv2`, or a server without v3): kubectl fetches
 * `/openapi/v2` and reports its failure. The simulated apiserver's v2 document defines no
 * kinds (they are all in v3), so when it is served the kind is not found in it.
 */
async function explainV2(ctx: CommandContext, target: Target, apiVersion: string): Promise<never> {
  await ctx.client().request({
    path: '/openapi/v2',
    headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
  });
  const groupVersion = apiVersion !== '' ? apiVersion : `${target.gvr.group}/${target.gvr.version}`;
  throw new Error(
    `couldn't find resource for "${groupVersion.includes('/') ? groupVersion : `/${groupVersion}`}, Kind=${target.kind}"`,
  );
}

async function run(ctx: CommandContext): Promise<void> {
  const { args, flags } = ctx;
  if (args.length === 0)
    throw new Error(
      'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  if (args.length > 1) throw new Error('We accept only this format: explain RESOURCE\n');
  const apiVersion = flags.string('api-version');
  let target: Target;
  try {
    target = await resourceAndPath(ctx, args[0] ?? '', apiVersion !== '');
  } catch (error) {
    // A type the server does not have is printed as kubectl prints a no-match error: as is.
    if (!(error instanceof NoResourceTypeError)) throw error;
    ctx.out.stderr(`${error.message}\n`);
    throw new ExitError(1);
  }
  const output = flags.string('output');
  if (output === 'plaintext-openapiv2') return explainV2(ctx, target, apiVersion);
  let index: { paths?: Record<string, { serverRelativeURL?: string }> };
  try {
    index = await getJson(ctx, '/openapi/v3');
  } catch {
    return explainV2(ctx, target, apiVersion);
  }
  let gvr = target.gvr;
  if (apiVersion !== '') {
    const parts = apiVersion.split('/');
    if (parts.length > 2) throw new Error(`unexpected GroupVersion string: ${apiVersion}`);
    gvr = { ...gvr, group: parts.length === 2 ? (parts[0] ?? '') : '', version: parts.at(-1) ?? '' };
  }
  const docPath = gvr.group === '' ? `api/${gvr.version}` : `apis/${gvr.group}/${gvr.version}`;
  const entry = index.paths?.[docPath];
  if (entry === undefined)
    throw new Error(`couldn't find resource for "${gvr.group}/${gvr.version}, Resource=${gvr.resource}"`);
  const doc = await getJson<OpenApiDocument>(ctx, entry.serverRelativeURL ?? `/openapi/v3/${docPath}`);
  if (output !== 'plaintext') throw new Error(`unrecognized format: ${output}`);
  renderExplain(doc, gvr, target.path, flags.bool('recursive'), (text) => ctx.out.stdout(text));
}

export const explain: Command = {
  name: 'explain',
  usage:
    'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields of each API resource, and the fields of those fields. Name a field with a JSONPath-like identifier: <type>.<fieldName>[.<fieldName>]. The documentation comes from the server, as OpenAPI.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `# Explain pods and their top-level fields
kubectl explain pods

# Show every field of a pod, as a tree
kubectl explain pods --recursive

# Explain the deployments of the apps/v1 API
kubectl explain deployments --api-version=apps/v1

# Explain one field
kubectl explain pods.spec.containers.resources`,
  flags: [
    flag.string('api-version', 'Use given api-version (group/version) of the resource.'),
    flag.string(
      'output',
      'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).',
      { shorthand: 'o', default: 'plaintext' },
    ),
    flag.bool(
      'recursive',
      'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
    ),
  ],
  run,
};
