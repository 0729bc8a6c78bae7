/**
 * The objects `-f` names, read as cli-runtime's resource builder reads them for
 * apply, create, delete, label and the other commands that take files: each file (or
 * stdin for `-`) decoded into documents, checked (kubectl's client-side validation: an
 * apiVersion and a kind), `List`s flattened into their items, every object mapped to its
 * resource through discovery, and given the namespace of the run when it has none.
 *
 * A file that does not exist fails the whole read; a decode or validation error ends the
 * reading of its file; an object whose kind the server does not serve, or whose namespace
 * disagrees with `--namespace`, is an error on its own while the others carry on.
 */
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../../sim/apiserver/selectors';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { decodeStream } from './decode';

/** One object read from a file: where it came from, its resource, and its identity. */
export interface ObjectInfo {
  /** The file it came from as the user named it, or `STDIN`. */
  readonly source: string;
  readonly mapping: Mapping;
  /** Its namespace ('' for cluster-scoped resources). */
  readonly namespace: string;
  readonly name: string;
  /** The object as read, its namespace set (or removed for cluster-scoped resources). */
  readonly object: KubeObject;
}

/** How the files are read. */
export interface ReadOptions {
  /** The `-f` values, in order; `-` is stdin. */
  readonly filenames: readonly string[];
  /** The namespace objects without one go to. */
  readonly namespace: string;
  /** `--namespace` was given: an object in another namespace is an error. */
  readonly enforceNamespace: boolean;
  /** `--validate` is not false: every object needs an apiVersion and a kind. */
  readonly validate: boolean;
  /**
   * `--local`: the objects are not looked up on the server (their kinds are not mapped)
   * and keep their namespaces as written.
   */
  readonly local?: boolean;
  /** `-l`: only the objects whose labels match ('' for all). */
  readonly selector?: string;
}

/**
 * What was read: the objects, in order, and the errors met on the way, as the builder
 * reports them: `errors` holds the namespace mismatches first, then the files' errors (a
 * command that acts on objects as it reads them reports its own errors between the two:
 * `lateErrors` are the files' errors alone).
 */
export interface ReadResult {
  readonly infos: ObjectInfo[];
  readonly errors: unknown[];
  /** The namespace mismatches, reported as the objects are visited. */
  readonly mismatches: unknown[];
  /** The errors reading the files, reported when the visit ends. */
  readonly lateErrors: unknown[];
}

/** A problem with an object that was read (reported before the problems reading files). */
class NamespaceMismatch extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's utilerrors aggregate text: one message as is, several as `[a, b]`. */
const aggregate = (messages: string[]) => (messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`);

/** kubectl's getObjectKind checks: the problems with an object's apiVersion and kind. */
function kindProblems(value: unknown): string[] {
  if (!isObject(value)) return ['invalid object to validate'];
  const problems: string[] = [];
  const { apiVersion, kind } = value;
  if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2) problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  if (kind === undefined || kind === null) problems.push('kind not set');
  else if (typeof kind !== 'string') problems.push("kind isn't string type");
  return problems;
}

/** The validation problems of a document; a v1 List is checked item by item. */
function validationProblems(value: unknown): string[] {
  const problems = kindProblems(value);
  if (problems.length > 0 || !isObject(value) || value.apiVersion !== 'v1' || value.kind !== 'List')
    return problems;
  if (!Array.isArray(value.items)) return ['invalid object to validate'];
  return value.items.flatMap(kindProblems);
}

/** Whether a document is a list to flatten into its items. */
const isList = (value: Json) =>
  typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);

/** `apps/v1` -> `apps`, `v1`; `v1` -> '', `v1`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The resource serving a kind in a group version, from discovery (fetched again once if
 * this run used a cached copy); undefined when the server does not serve it.
 */
export async function mappingForKind(
  ctx: CommandContext,
  apiVersion: string,
  kind: string,
): Promise<Mapping | undefined> {
  const { group, version } = splitApiVersion(apiVersion);
  const discovery = ctx.discovery();
  const find = (resources: readonly Mapping[]) =>
    resources.find((r) => r.group === group && r.version === version && r.kind === kind);
  const found = find((await discovery.document()).resources);
  if (found !== undefined || discovery.fresh) return found;
  return find((await discovery.refresh()).resources);
}

/** The objects of one decoded document, lists flattened. */
function flatten(value: unknown): unknown[] {
  if (isObject(value) && isList(value)) return (value.items as unknown[]).flatMap(flatten);
  return [value];
}

async function infoFor(
  ctx: CommandContext,
  value: unknown,
  source: string,
  options: ReadOptions,
): Promise<ObjectInfo> {
  const object = value as KubeObject;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const apiVersion = String(object.apiVersion ?? '');
  if (options.local === true) {
    const { group, version } = splitApiVersion(apiVersion);
    const kind = String(object.kind ?? '');
    const local = {
      group,
      version,
      kind,
      name: '',
      singularName: '',
      namespaced: false,
      verbs: [],
      shortNames: [],
      categories: [],
    };
    return { source, mapping: local, namespace, name, object };
  }
  const mapping = await mappingForKind(ctx, apiVersion, String(object.kind ?? ''));
  if (mapping === undefined)
    throw new Error(
      `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(namespace)} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(object.kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`,
    );
  if (!mapping.namespaced) {
    const { namespace: _, ...rest } = metadata;
    return { source, mapping, namespace: '', name, object: { ...object, metadata: rest } };
  }
  if (namespace === '') {
    const placed = { ...object, metadata: { ...metadata, namespace: options.namespace } };
    return { source, mapping, namespace: options.namespace, name, object: placed };
  }
  if (options.enforceNamespace && namespace !== options.namespace)
    throw new NamespaceMismatch(
      `the namespace from the provided object ${JSON.stringify(namespace)} does not match the namespace ${JSON.stringify(options.namespace)}. You must pass '--namespace=${namespace}' to perform this operation.`,
    );
  return { source, mapping, namespace, name, object };
}

/** Reads one source's text into `result`. */
async function readSource(
  ctx: CommandContext,
  text: string,
  source: string,
  options: ReadOptions,
  result: { infos: ObjectInfo[]; errors: unknown[] },
) {
  const decoded = decodeStream(text);
  for (const document of decoded.documents) {
    if (options.validate) {
      const problems = validationProblems(document);
      if (problems.length > 0) {
        result.errors.push(
          new Error(
            `error validating ${JSON.stringify(source)}: error validating data: ${aggregate(problems)}; if you choose to ignore these errors, turn validation off with --validate=false`,
          ),
        );
        return;
      }
    }
    for (const value of flatten(document)) {
      try {
        result.infos.push(await infoFor(ctx, value, source, options));
      } catch (error) {
        result.errors.push(error);
      }
    }
  }
  if (decoded.error !== undefined) result.errors.push(new Error(`error parsing ${source}: ${decoded.error}`));
}

/**
 * Reads the objects of `options.filenames`. Throws when a path does not exist (nothing is
 * read then); other errors come back with the objects read.
 */
export async function readObjects(ctx: CommandContext, options: ReadOptions): Promise<ReadResult> {
  const texts: { source: string; text: string }[] = [];
  const missing: Error[] = [];
  for (const filename of options.filenames) {
    if (filename === '-') {
      texts.push({ source: 'STDIN', text: ctx.input.stdin ?? '' });
      continue;
    }
    const text = ctx.input.files?.read(filename);
    if (text === undefined) missing.push(new Error(`the path ${JSON.stringify(filename)} does not exist`));
    else texts.push({ source: filename, text });
  }
  if (missing.length > 0) throw missing.length === 1 ? missing[0] : new AggregateError(missing);
  let selector: LabelSelector | undefined;
  if ((options.selector ?? '') !== '')
    try {
      selector = parseLabelSelector(options.selector ?? '');
    } catch (error) {
      throw new Error(
        `the provided selector ${JSON.stringify(options.selector)} is not valid: ${(error as Error).message}`,
        { cause: error },
      );
    }
  const result = { infos: [] as ObjectInfo[], errors: [] as unknown[] };
  for (const { source, text } of texts) await readSource(ctx, text, source, options, result);
  if (selector !== undefined) {
    const matching = selector;
    const kept = result.infos.filter((i) => matchesLabels(matching, i.object.metadata?.labels));
    result.infos.splice(0, result.infos.length, ...kept);
  }
  const mismatches = result.errors.filter((e) => e instanceof NamespaceMismatch);
  const lateErrors = result.errors.filter((e) => !(e instanceof NamespaceMismatch));
  return { infos: result.infos, errors: [...mismatches, ...lateErrors], mismatches, lateErrors };
}

/** How kubectl prints an Info in messages (resource.Info.String()). */
export function infoString(info: Pick<ObjectInfo, 'mapping' | 'name' | 'namespace'>): string {
  const { group, version, name, kind } = info.mapping;
  const gv = `${group}/${version}`;
  return `Resource: ${JSON.stringify(`${gv}, Resource=${name}`)}, GroupVersionKind: ${JSON.stringify(`${gv}, Kind=${kind}`)}\nName: ${JSON.stringify(info.name)}, Namespace: ${JSON.stringify(info.namespace)}`;
}
