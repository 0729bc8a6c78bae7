/**
 * The apiserver's storage layer (upstream's generic registry store over etcd3): objects are
 * JSON values under /registry/<prefix>/<namespace>/<name>, and an object's resourceVersion is
 * the etcd mod_revision of its key.
 */
import { CompactedError, registryKey, type Etcd, type KeyValue } from '../store';
import { convert } from './conversion';
import { apiVersionOf, type ResourceInfo } from './resources';
import { badRequest, conflict, expired, notFound, alreadyExists } from './status';
import type { KubeObject } from './types';

/** The caller of a storage operation, for the trace. */
export interface StorageContext {
  readonly causedBy: number | null;
}

export interface ListOptions {
  readonly limit?: number;
  readonly continueToken?: string;
  /** Only keep objects this predicate accepts (selectors). */
  readonly filter?: (obj: KubeObject) => boolean;
}

export interface ListResult {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
}

interface ContinueState {
  readonly rv: number;
  readonly start: string;
}

export class ObjectStorage {
  constructor(
    private readonly etcd: Etcd,
    /** The apiserver's component id, for the trace. */
    private readonly client: string,
  ) {}

  /** The etcd key of an object, or of a collection when `name` is omitted. */
  key(resource: ResourceInfo, namespace: string | null, name?: string): string {
    return registryKey(resource.etcdPrefix, resource.namespaced ? namespace : null, name);
  }

  /**
   * Turns a stored value (an object at the resource's storage version) into the object a
   * client sees: converted to the version it asked for, stamped with its resourceVersion.
   */
  decode(resource: ResourceInfo, kv: KeyValue): KubeObject {
    const stored = JSON.parse(kv.value) as KubeObject;
    stored.apiVersion = resource.storageVersion;
    stored.kind = resource.kind;
    const obj = convert(stored, apiVersionOf(resource));
    obj.metadata.resourceVersion = String(kv.modRevision);
    return obj;
  }

  /** The value stored for an object of `resource`'s version: converted to the storage version. */
  #encode(resource: ResourceInfo, obj: KubeObject): string {
    const stored = convert(
      { ...obj, apiVersion: apiVersionOf(resource), kind: resource.kind },
      resource.storageVersion,
    );
    const { resourceVersion: _dropped, ...metadata } = stored.metadata;
    return JSON.stringify({ ...stored, metadata });
  }

  get(resource: ResourceInfo, namespace: string | null, name: string, ctx: StorageContext): KubeObject {
    const { kv } = this.etcd.get(this.key(resource, namespace, name), {
      client: this.client,
      causedBy: ctx.causedBy,
    });
    if (kv === null) throw notFound(resource, name);
    return this.decode(resource, kv);
  }

  /** The current revision of the store: the resourceVersion of an empty list. */
  get revision(): number {
    return this.etcd.revision;
  }

  list(
    resource: ResourceInfo,
    namespace: string | null,
    options: ListOptions,
    ctx: StorageContext,
  ): ListResult {
    const prefix = this.key(resource, namespace);
    const token = options.continueToken === undefined ? undefined : decodeContinue(options.continueToken);
    const limit = options.limit ?? 0;
    const items: KubeObject[] = [];
    let startAfter = token?.start;
    let revision = token?.rv ?? 0;
    let remaining: number;
    let more: boolean;
    // Page through etcd until `limit` objects pass the filter, as the apiserver does.
    for (;;) {
      let page;
      try {
        page = this.etcd.range(
          prefix,
          { client: this.client, causedBy: ctx.causedBy },
          {
            ...(limit > 0 ? { limit: limit - items.length } : {}),
            ...(startAfter === undefined ? {} : { startAfter }),
            revision,
          },
        );
      } catch (error) {
        if (error instanceof CompactedError) {
          throw expired(
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          );
        }
        throw error;
      }
      if (revision === 0) revision = page.revision;
      for (const kv of page.kvs) {
        const obj = this.decode(resource, kv);
        if (options.filter === undefined || options.filter(obj)) items.push(obj);
      }
      const last = page.kvs.at(-1);
      more = page.more;
      remaining = page.count - page.kvs.length;
      if (!more || last === undefined) break;
      startAfter = last.key;
      if (limit > 0 && items.length >= limit) break;
    }
    return {
      items,
      resourceVersion: String(revision),
      ...(more && startAfter !== undefined
        ? {
            continueToken: encodeContinue({ rv: revision, start: startAfter }),
            ...(options.filter === undefined ? { remainingItemCount: remaining } : {}),
          }
        : {}),
    };
  }

  create(resource: ResourceInfo, obj: KubeObject, ctx: StorageContext): KubeObject {
    const name = obj.metadata.name ?? '';
    const key = this.key(resource, obj.metadata.namespace ?? null, name);
    const result = this.etcd.create(key, this.#encode(resource, obj), {
      client: this.client,
      causedBy: ctx.causedBy,
    });
    if (!result.ok) throw alreadyExists(resource, name);
    return this.decode(resource, result.kv);
  }

  /**
   * Replaces an object. With `expectedResourceVersion`, fails with 409 Conflict unless the
   * stored object is still at that version (optimistic concurrency).
   */
  update(
    resource: ResourceInfo,
    obj: KubeObject,
    expectedResourceVersion: string | undefined,
    ctx: StorageContext,
  ): KubeObject {
    const name = obj.metadata.name ?? '';
    const key = this.key(resource, obj.metadata.namespace ?? null, name);
    const expected =
      expectedResourceVersion === undefined ? undefined : parseResourceVersion(expectedResourceVersion);
    const result = this.etcd.update(
      key,
      this.#encode(resource, obj),
      { client: this.client, causedBy: ctx.causedBy },
      expected,
    );
    if (!result.ok) throw result.current === null ? notFound(resource, name) : conflict(resource, name);
    return this.decode(resource, result.kv);
  }

  delete(
    resource: ResourceInfo,
    namespace: string | null,
    name: string,
    expectedResourceVersion: string | undefined,
    ctx: StorageContext,
  ): KubeObject {
    const key = this.key(resource, namespace, name);
    const expected =
      expectedResourceVersion === undefined ? undefined : parseResourceVersion(expectedResourceVersion);
    const result = this.etcd.delete(key, { client: this.client, causedBy: ctx.causedBy }, expected);
    if (!result.ok) throw result.current === null ? notFound(resource, name) : conflict(resource, name);
    return this.decode(resource, result.kv);
  }
}

/** Parses a resourceVersion sent by a client; rejects anything that is not one of ours. */
export function parseResourceVersion(rv: string): number {
  const n = Number(rv);
  if (rv === '' || !Number.isSafeInteger(n) || n < 0)
    throw badRequest(`invalid resource version: ${JSON.stringify(rv)}`);
  return n;
}

function encodeContinue(state: ContinueState): string {
  return encodeURIComponent(JSON.stringify({ v: 'meta.k8s.io/v1', rv: state.rv, start: state.start }));
}

function decodeContinue(token: string): ContinueState {
  try {
    const parsed = JSON.parse(decodeURIComponent(token)) as { v?: unknown; rv?: unknown; start?: unknown };
    if (parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') {
      return { rv: parsed.rv, start: parsed.start };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
}
