/**
 * What `TYPE [NAME...]`, `TYPE1,TYPE2 [NAME...]` and `TYPE/NAME...` arguments ask for, as
 * kubectl's resource builder reads them (cli-runtime's ResourceTypeOrNameArgs and
 * visitor selection): lists of whole types (by selector), or objects by name. Type names
 * are mapped through the RESTMapper; categories such as `all` expand first.
 */
import type { Mapping, RestMapper } from '../client/restmapper';

/** One request the arguments stand for. */
export type Visit =
  | { readonly type: 'list'; readonly mapping: Mapping; readonly namespace: string }
  | { readonly type: 'get'; readonly mapping: Mapping; readonly namespace: string; readonly name: string };

/** The requests, in order, and whether one object was asked for (it then prints alone). */
export interface Plan {
  readonly visits: readonly Visit[];
  readonly singleItemImplied: boolean;
}

export interface PlanOptions {
  /** The namespace of the run ('' with all namespaces). */
  readonly namespace: string;
  readonly allNamespaces: boolean;
  /** Whether `-l` or `--field-selector` was given (non-empty). */
  readonly selector: boolean;
  /** Only one type may be named (`get -w`). */
  readonly singleType?: boolean;
}

/** `pods,svc,pods` -> `pods`, `svc`: comma-separated types, repeats dropped. */
function splitTypes(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** The builder's error when no resource is named at all. */
export const MISSING_RESOURCE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** The `kubectl get resource/<name>` hint when types and TYPE/NAME arguments mix. */
const MIXED =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

function splitTuple(arg: string): { type: string; name: string } {
  const parts = arg.split('/');
  if (parts.length !== 2) throw new Error('arguments in resource/name form may not have more than one slash');
  const [type = '', name = ''] = parts;
  if (type === '' || name === '' || splitTypes(type).length !== 1)
    throw new Error('arguments in resource/name form must have a single resource and name');
  return { type, name };
}

/** The namespace an object is requested in; throws when it cannot be named. */
function namespaceFor(mapping: Mapping, options: PlanOptions): string {
  if (!mapping.namespaced) return '';
  if (options.namespace === '')
    throw new Error(
      options.allNamespaces
        ? 'a resource cannot be retrieved by name across all namespaces'
        : 'namespace may not be empty when retrieving a resource by name',
    );
  return options.namespace;
}

/** Reads the arguments into requests. Throws kubectl's error for arguments it rejects. */
export async function planVisits(
  args: readonly string[],
  mapper: RestMapper,
  options: PlanOptions,
): Promise<Plan> {
  let words = [...args];
  // `pods,svc web` means pods/web and svc/web.
  if (words.length >= 2 && splitTypes(words[0] as string).length > 1) {
    const [types = '', ...names] = words;
    words = splitTypes(types).flatMap((t) => names.map((n) => `${t}/${n}`));
  }
  const slashed = words.filter((w) => w.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== words.length) throw new Error(MIXED);
    const tuples = words.map(splitTuple);
    if (options.selector)
      throw new Error('selectors and the all flag cannot be used when passing resource/name arguments');
    const mappings = new Map<string, Mapping>();
    for (const t of tuples) if (!mappings.has(t.type)) mappings.set(t.type, await mapper.mappingFor(t.type));
    const distinct = new Set([...mappings.values()].map((m) => `${m.group}/${m.version}/${m.name}`));
    if (options.singleType && distinct.size > 1)
      throw new Error('you may only specify a single resource type');
    const visits: Visit[] = tuples.map((t) => {
      const mapping = mappings.get(t.type) as Mapping;
      return { type: 'get', mapping, namespace: namespaceFor(mapping, options), name: t.name };
    });
    return { visits, singleItemImplied: tuples.length === 1 };
  }
  if (words.length === 0) throw new Error(MISSING_RESOURCE);
  const [first = '', ...names] = words;
  const types = splitTypes(await mapper.expandCategories(first));
  if (options.singleType && types.length > 1) throw new Error('you may only specify a single resource type');
  if (names.length === 0 || options.selector) {
    if (names.length > 0) throw new Error('name cannot be provided when a selector is specified');
    const mappings: Mapping[] = [];
    for (const type of types) {
      const mapping = await mapper.mappingFor(type);
      if (
        !mappings.some(
          (m) => m.group === mapping.group && m.version === mapping.version && m.kind === mapping.kind,
        )
      )
        mappings.push(mapping);
    }
    const visits = mappings.map((mapping): Visit => ({
      type: 'list',
      mapping,
      namespace: mapping.namespaced ? options.namespace : '',
    }));
    return { visits, singleItemImplied: false };
  }
  if (types.length > 1) throw new Error('you must specify only one resource');
  const mapping = await mapper.mappingFor(types[0] as string);
  const namespace = namespaceFor(mapping, options);
  return {
    visits: names.map((name): Visit => ({ type: 'get', mapping, namespace, name })),
    singleItemImplied: names.length === 1,
  };
}
