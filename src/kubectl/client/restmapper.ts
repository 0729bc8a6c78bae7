/**
 * kubectl's RESTMapper: turns what a user types for a type (`po`, `pods`, `Pod`,
 * `deployments.apps`, `deploy.v1.apps`, `all`) into the resource to request, with
 * client-go's rules: short names expand first (case-sensitively), then names match the
 * plural or singular in lower case, and among several matches the core group wins, then
 * groups in discovery order, preferred versions first.
 */
import type { ApiResource, Discovery, DiscoveryDocument } from './discovery';

/** A resource to request, as discovery describes it. */
export type Mapping = ApiResource;

/** The error kubectl gives for a type it cannot map. */
export class NoResourceTypeError extends Error {
  constructor(readonly resource: string) {
    super(`the server doesn't have a resource type ${JSON.stringify(resource)}`);
  }
}

interface Partial {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** The resources in priority order: group order, and in each group its preferred version first. */
function byPriority(doc: DiscoveryDocument): ApiResource[] {
  const out: ApiResource[] = [];
  for (const group of doc.groups) {
    const versions = [group.preferredVersion, ...group.versions.filter((v) => v !== group.preferredVersion)];
    for (const version of versions)
      out.push(...doc.resources.filter((r) => r.group === group.name && r.version === version));
  }
  return out;
}

const singularOf = (r: ApiResource) => (r.singularName === '' ? r.kind.toLowerCase() : r.singularName);

/** Maps type arguments to resources, from the discovery of one command run. */
export class RestMapper {
  readonly #discovery: Discovery;
  readonly #warn: (message: string) => void;

  /** `warn` receives warnings such as an ambiguous short name. */
  constructor(discovery: Discovery, warn: (message: string) => void) {
    this.#discovery = discovery;
    this.#warn = warn;
  }

  /**
   * The mapping for a type argument. An unknown type refetches discovery once (unless this
   * run already fetched it), then fails with kubectl's NoResourceTypeError.
   */
  async mappingFor(arg: string): Promise<Mapping> {
    const found = this.#map(arg, await this.#discovery.document());
    if (found !== undefined) return found;
    if (!this.#discovery.fresh) {
      const again = this.#map(arg, await this.#discovery.refresh());
      if (again !== undefined) return again;
    }
    const dot = arg.indexOf('.');
    throw new NoResourceTypeError(dot < 0 ? arg : arg.slice(0, dot));
  }

  /**
   * The comma-separated types a category such as `all` stands for (`pods,services,...`,
   * groups spelled out), or the argument unchanged when it is not a category.
   */
  async expandCategories(arg: string): Promise<string> {
    const doc = await this.#discovery.document();
    return arg
      .split(',')
      .map((part) => {
        const members = doc.resources.filter((r) => r.categories.includes(part));
        if (members.length === 0) return part;
        return members.map((r) => (r.group === '' ? r.name : `${r.name}.${r.group}`)).join(',');
      })
      .join(',');
  }

  /**
   * Every resource a bare resource name (`deployments`, `deploy`, `pod`) stands for, in
   * every group and version, by priority (RESTMapper.ResourcesFor); throws kubectl's
   * NoResourceTypeError when there is none.
   */
  async mappingsFor(resource: string): Promise<Mapping[]> {
    const find = (doc: DiscoveryDocument) => {
      const expanded = this.#expandShortcut({ resource, group: '', version: '' }, doc);
      const name = expanded.resource.toLowerCase();
      return byPriority(doc).filter(
        (r) =>
          (expanded.group === '' || r.group === expanded.group) &&
          (r.name === name || singularOf(r) === name),
      );
    };
    const found = find(await this.#discovery.document());
    if (found.length > 0 || this.#discovery.fresh) {
      if (found.length === 0) throw new NoResourceTypeError(resource);
      return found;
    }
    const again = find(await this.#discovery.refresh());
    if (again.length === 0) throw new NoResourceTypeError(resource);
    return again;
  }

  #map(arg: string, doc: DiscoveryDocument): Mapping | undefined {
    const resources = byPriority(doc);
    const parts = arg.split('.');
    if (parts.length >= 3) {
      const [resource = '', version = '', ...group] = parts;
      const full = this.#resourceFor({ resource, version, group: group.join('.') }, resources, doc);
      if (full !== undefined) return full;
    }
    const dot = arg.indexOf('.');
    const partial = { resource: dot < 0 ? arg : arg.slice(0, dot), group: dot < 0 ? '' : arg.slice(dot + 1) };
    return (
      this.#resourceFor({ ...partial, version: '' }, resources, doc) ??
      kindFor(parts.length >= 3 ? parts : [], partial, resources)
    );
  }

  /** The resource a partial group/version/resource names, short names expanded. */
  #resourceFor(partial: Partial, resources: readonly ApiResource[], doc: DiscoveryDocument) {
    const expanded = this.#expandShortcut(partial, doc);
    const resource = expanded.resource.toLowerCase();
    return resources.find(
      (r) =>
        (expanded.group === '' || r.group === expanded.group) &&
        (expanded.version === '' || r.version === expanded.version) &&
        (r.name === resource || singularOf(r) === resource),
    );
  }

  /** client-go's shortcut expander: a short name becomes the resource it abbreviates. */
  #expandShortcut(partial: Partial, doc: DiscoveryDocument): Partial {
    const inGroup = (group: string) => partial.group === '' || partial.group === group;
    if (
      doc.resources.some(
        (r) => inGroup(r.group) && (r.name === partial.resource || r.singularName === partial.resource),
      )
    )
      return partial;
    const shortcuts = doc.resources.flatMap((r) =>
      r.shortNames.map((short) => ({ short, group: r.group, long: r.name })),
    );
    let match: { group: string; long: string } | undefined;
    const warned = new Set<string>();
    for (const s of shortcuts) {
      if (!inGroup(s.group) || s.short !== partial.resource) continue;
      if (match === undefined) match = s;
      else if (s.group !== match.group || s.long !== match.long) {
        const longForm = s.group === '' ? s.long : `${s.long}.${s.group}`;
        if (!warned.has(longForm))
          this.#warn(
            `short name ${JSON.stringify(partial.resource)} could also match lower priority resource ${longForm}`,
          );
        warned.add(longForm);
      }
    }
    if (match !== undefined) return { ...partial, resource: match.long, group: match.group };
    if (partial.group === '') return partial;
    // A group prefix (`deploy.app`) may still name a short name's group.
    const prefixed = shortcuts.find((s) => s.group.startsWith(partial.group) && s.short === partial.resource);
    return prefixed === undefined ? partial : { ...partial, resource: prefixed.long, group: prefixed.group };
  }
}

/** The mapping for a kind argument (`Deployment`, `Deployment.apps`, `Deployment.v1.apps`). */
function kindFor(
  full: readonly string[],
  partial: { resource: string; group: string },
  resources: readonly ApiResource[],
): Mapping | undefined {
  const matches = (kind: string, r: ApiResource) => r.kind === kind || r.kind.toLowerCase() === kind;
  if (full.length >= 3) {
    const [kind = '', version = '', ...group] = full;
    const exact = resources.find(
      (r) => matches(kind, r) && r.version === version && r.group === group.join('.'),
    );
    if (exact !== undefined) return exact;
  }
  return resources.find((r) => matches(partial.resource, r) && r.group === partial.group);
}
