/**
 * RFC 6902 JSON patch (`application/json-patch+json`) as kube-apiserver v1.32 applies it: with
 * gopkg.in/evanphx/json-patch.v4 semantics (negative array indexes count from the end,
 * `replace` of a missing object key adds it, `replace` of the whole document with a scalar is
 * ignored) and its error texts, behind patch.go's decoding checks and status codes.
 *
 * This does not use fast-json-patch: its operations differ from json-patch v4 in exactly those
 * corners (and in every error message), which are what a simulated apiserver must reproduce.
 */

import { PatchError } from './errors';
import { GoJsonError, goJsonValueName, parseGoJson, unmarshalTypeError } from './gojson';
import { cloneJson, hasKey, isMap, setKey } from './values';
import type { JsonMap } from './values';

/**
 * A null that an operation wrote with an explicit `"value": null`. json-patch v4 keeps it as a
 * node without bytes, which differs from a null read from the document: walking into it or
 * comparing against it can panic. It becomes a plain null when the patch is done.
 */
const PLACED_NULL: unique symbol = Symbol('placed null');

const nilDereference = (): PatchError =>
  PatchError.panic('runtime error: invalid memory address or nil pointer dereference');

/**
 * json-patch v4's node equality (`lazyNode.equal`), `current` from the document and `wanted`
 * from the operation. The operation's own `"value": null` is a node without bytes, equal only
 * to a placed null; a null element inside compared lists is a nil pointer in Go and panics.
 */
function lazyEqual(current: unknown, wanted: unknown, nested = false): boolean {
  if (wanted === null) {
    if (nested) throw nilDereference();
    return current === PLACED_NULL;
  }
  if (current === PLACED_NULL) return false;
  if (Array.isArray(current)) {
    if (!Array.isArray(wanted) || current.length !== wanted.length) return false;
    return current.every((item, i) => {
      if (item === null) throw nilDereference();
      return lazyEqual(item, wanted[i], true);
    });
  }
  if (isMap(current)) {
    if (!isMap(wanted)) return false;
    const keys = Object.keys(current);
    if (keys.length !== Object.keys(wanted).length) return false;
    return keys.every((key) => {
      if (!hasKey(wanted, key)) return false;
      const [a, b] = [current[key], wanted[key]];
      if ((a === null) !== (b === null)) return false;
      return a === null || lazyEqual(a, b, true);
    });
  }
  return current === wanted;
}

/** Turns the placed nulls back into plain nulls, in place. */
function settleNulls(value: unknown): unknown {
  if (value === PLACED_NULL) return null;
  if (Array.isArray(value)) value.forEach((item, i) => (value[i] = settleNulls(item)));
  else if (isMap(value)) for (const key of Object.keys(value)) value[key] = settleNulls(value[key]);
  return value;
}

/** patch.go refuses JSON patches with more operations than this. */
const MAX_JSON_PATCH_OPERATIONS = 10000;

/** One operation as json-patch keeps it: the raw fields, any of which may be missing. */
type Operation = JsonMap | null;

/** An error from json-patch, optionally wrapping another (`pkg/errors.Wrapf`). */
class OpError extends Error {}

const missing = (context: string): OpError => new OpError(`${context}: missing value`);
const invalidIndex = (index: number): OpError =>
  new OpError(`Unable to access invalid index: ${index}: invalid index referenced`);
const wrap = (context: string, cause: OpError): OpError => new OpError(`${context}: ${cause.message}`);

/** Go's `strconv.Atoi`, with its error text. */
function atoi(key: string): number {
  if (/^[+-]?\d+$/.test(key)) {
    const n = Number(key);
    if (Number.isSafeInteger(n)) return n;
    throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`);
  }
  throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
}

/** Resolves a negative index the way json-patch v4 does, against a list of `length`. */
function resolveIndex(index: number, length: number): number {
  if (index < 0) {
    if (index < -length) throw invalidIndex(index);
    return index + length;
  }
  return index;
}

/** A place in the document: an object or a list, and the key of the last path segment. */
interface Target {
  readonly container: JsonMap | unknown[];
  readonly key: string;
}

const decodeKey = (segment: string): string => segment.replace(/~1|~0/g, (m) => (m === '~1' ? '/' : '~'));

/** Gets the value at `key`; missing object keys give undefined, bad list indexes throw. */
function get(container: JsonMap | unknown[], key: string): unknown {
  if (!Array.isArray(container)) return hasKey(container, key) ? container[key] : undefined;
  const index = resolveIndex(atoi(key), container.length);
  if (index >= container.length) throw invalidIndex(index);
  return container[index];
}

function add(container: JsonMap | unknown[], key: string, value: unknown): void {
  if (!Array.isArray(container)) {
    setKey(container, key, value);
    return;
  }
  if (key === '-') {
    container.push(value);
    return;
  }
  let index: number;
  try {
    index = atoi(key);
  } catch (e) {
    throw wrap(`value was not a proper array index: '${key}'`, e as OpError);
  }
  if (index >= container.length + 1) throw invalidIndex(index);
  container.splice(resolveIndex(index, container.length + 1), 0, value);
}

function remove(container: JsonMap | unknown[], key: string): void {
  if (!Array.isArray(container)) {
    if (!hasKey(container, key)) throw missing(`Unable to remove nonexistent key: ${key}`);
    delete container[key];
    return;
  }
  const index = atoi(key);
  if (index >= container.length) throw invalidIndex(index);
  container.splice(resolveIndex(index, container.length), 1);
}

/** json-patch's `findObject`: the container of the path's last segment, or undefined. */
function findObject(doc: JsonMap | unknown[], path: string): Target | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  let container = doc;
  for (const segment of segments.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(container, decodeKey(segment));
    } catch {
      return undefined;
    }
    if (next === PLACED_NULL) throw nilDereference();
    if (!isMap(next) && !Array.isArray(next)) return undefined;
    container = next;
  }
  return { container, key: decodeKey(segments[segments.length - 1] ?? '') };
}

/** A string field of the operation, or undefined when it is absent or null. */
function field(op: Operation, name: 'path' | 'from'): string | undefined {
  const value = op?.[name];
  return typeof value === 'string' ? value : undefined;
}

const PATH_MISSING = 'operation missing path field: missing value';
const FROM_MISSING = 'operation, missing from field: missing value';

/** The document a patch runs on, boxed so `replace` of the root can swap it. */
interface Doc {
  root: JsonMap | unknown[];
}

function applyOperation(doc: Doc, op: Operation): void {
  const kind = typeof op?.op === 'string' ? op.op : 'unknown';
  const path = field(op, 'path');
  const hasValue = op !== null && hasKey(op, 'value');
  const raw = hasValue ? op.value : undefined;
  // What the operation writes: a missing value is a document null, an explicit one is not.
  const value = raw === null ? PLACED_NULL : raw;
  switch (kind) {
    case 'add': {
      if (path === undefined) throw missing('add operation failed to decode path');
      const target = findObject(doc.root, path);
      if (!target) throw missing(`add operation does not apply: doc is missing path: "${path}"`);
      try {
        add(target.container, target.key, value ?? null);
      } catch (e) {
        throw wrap(`error in add for path: '${path}'`, e as OpError);
      }
      return;
    }
    case 'remove': {
      if (path === undefined) throw missing('remove operation failed to decode path');
      const target = findObject(doc.root, path);
      if (!target) throw missing(`remove operation does not apply: doc is missing path: "${path}"`);
      try {
        remove(target.container, target.key);
      } catch (e) {
        throw wrap(`error in remove for path: '${path}'`, e as OpError);
      }
      return;
    }
    case 'replace':
      return replace(doc, path, hasValue, value);
    case 'move':
      return move(doc, op, path);
    case 'test':
      return test(doc, path, hasValue, raw);
    case 'copy':
      return copy(doc, op, path);
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

function replace(doc: Doc, path: string | undefined, hasValue: boolean, value: unknown): void {
  if (path === undefined) throw new OpError(`replace operation failed to decode path: ${PATH_MISSING}`);
  if (path === '') {
    if (!hasValue) throw nilDereference();
    // json-patch v4 wraps a nil error here, so replacing the root with a scalar does nothing.
    if (isMap(value) || Array.isArray(value)) doc.root = value;
    return;
  }
  const target = findObject(doc.root, path);
  if (!target) throw missing(`replace operation does not apply: doc is missing path: ${path}`);
  const { container, key } = target;
  if (Array.isArray(container)) {
    try {
      get(container, key);
    } catch {
      throw missing(`replace operation does not apply: doc is missing key: ${path}`);
    }
    container[resolveIndex(atoi(key), container.length)] = value ?? null;
  } else {
    setKey(container, key, value ?? null);
  }
}

function move(doc: Doc, op: Operation, path: string | undefined): void {
  const from = field(op, 'from');
  if (from === undefined) throw new OpError(`move operation failed to decode from: ${FROM_MISSING}`);
  const source = findObject(doc.root, from);
  if (!source) throw missing(`move operation does not apply: doc is missing from path: ${from}`);
  let value: unknown;
  try {
    value = get(source.container, source.key);
    remove(source.container, source.key);
  } catch (e) {
    throw wrap(`error in move for path: '${source.key}'`, e as OpError);
  }
  if (path === undefined) throw new OpError(`move operation failed to decode path: ${PATH_MISSING}`);
  const target = findObject(doc.root, path);
  if (!target) throw missing(`move operation does not apply: doc is missing destination path: ${path}`);
  try {
    add(target.container, target.key, value ?? null);
  } catch (e) {
    throw wrap(`error in move for path: '${path}'`, e as OpError);
  }
}

function test(doc: Doc, path: string | undefined, hasValue: boolean, value: unknown): void {
  if (path === undefined) throw new OpError(`test operation failed to decode path: ${PATH_MISSING}`);
  const failed = (): OpError => new OpError(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (!hasValue) throw nilDereference();
    if (!lazyEqual(doc.root, value)) throw failed();
    return;
  }
  const target = findObject(doc.root, path);
  if (!target) throw missing(`test operation does not apply: is missing path: ${path}`);
  let current: unknown;
  try {
    current = get(target.container, target.key);
  } catch (e) {
    throw wrap(`error in test for path: '${path}'`, e as OpError);
  }
  if (current === undefined || current === null) {
    // json-patch v4 dereferences the missing value here: a Go nil pointer panic.
    if (!hasValue) throw nilDereference();
    if (value === null) return;
    throw failed();
  }
  if (!hasValue || !lazyEqual(current, value)) throw failed();
}

function copy(doc: Doc, op: Operation, path: string | undefined): void {
  const from = field(op, 'from');
  if (from === undefined) throw new OpError(`copy operation failed to decode from: ${FROM_MISSING}`);
  const source = findObject(doc.root, from);
  if (!source) throw missing(`copy operation does not apply: doc is missing from path: ${from}`);
  let value: unknown;
  try {
    value = get(source.container, source.key);
  } catch (e) {
    throw wrap(`error in copy for from: '${from}'`, e as OpError);
  }
  if (path === undefined) throw missing('copy operation failed to decode path');
  const target = findObject(doc.root, path);
  if (!target) throw missing(`copy operation does not apply: doc is missing destination path: ${path}`);
  try {
    add(target.container, target.key, value === PLACED_NULL ? null : cloneJson(value ?? null));
  } catch (e) {
    throw wrap('error while adding value during copy', e as OpError);
  }
}

/**
 * Checks the patch the way patch.go's strict decode into `[]jsonPatchOp` does, so a body that
 * is not a list of operations gets the apiserver's `error decoding patch: ...` message.
 */
function decodeOperations(patch: string): Operation[] {
  let parsed: unknown;
  try {
    parsed = parseGoJson(patch);
    if (parsed === null) return [];
    if (!Array.isArray(parsed)) throw unmarshalTypeError(parsed, '[]handlers.jsonPatchOp');
    for (const op of parsed) {
      if (op === null) continue;
      if (!isMap(op)) throw unmarshalTypeError(op, 'handlers.jsonPatchOp');
      for (const name of ['op', 'path', 'from']) {
        const value = op[name];
        if (hasKey(op, name) && value !== null && typeof value !== 'string') {
          throw new GoJsonError(
            `json: cannot unmarshal ${goJsonValueName(value)} into Go struct field jsonPatchOp.${name} of type string`,
          );
        }
      }
    }
  } catch (e) {
    if (e instanceof GoJsonError) throw PatchError.badRequest(`error decoding patch: ${e.message}`);
    throw e;
  }
  return parsed as Operation[];
}

/**
 * Applies an `application/json-patch+json` body to `original`, returning a new document.
 * Throws PatchError: 400 for a body that is not a list of operations, 413 past 10000
 * operations, 422 when an operation fails (the generic message; the json-patch error, such as
 * `add operation does not apply: doc is missing path: "/spec/foo": missing value`, is in
 * `detail`).
 */
export function applyJsonPatch(original: unknown, patch: string): unknown {
  const operations = decodeOperations(patch);
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw PatchError.tooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  const root = cloneJson(original);
  if (!isMap(root) && !Array.isArray(root)) return root;
  const doc: Doc = { root };
  for (const op of operations) {
    try {
      applyOperation(doc, op);
    } catch (e) {
      if (e instanceof OpError) throw PatchError.invalid(e.message);
      throw e;
    }
  }
  return settleNulls(doc.root);
}
