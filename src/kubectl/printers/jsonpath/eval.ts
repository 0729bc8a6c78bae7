/**
 * The evaluator of client-go's util/jsonpath (JSONPath.FindResults and PrintResults) over
 * JSON values. It keeps upstream's quirks, since they are what kubectl prints: missing keys
 * yield nothing when allowed, null is skipped by fields and indexes, an index past the end
 * is an error, `{range}` re-runs the rest of the template per item, and values print as
 * text (strings raw, numbers as Go prints them) or, for maps and lists, as compact JSON.
 *
 * Go iterates maps in random order for `*` and `..`; this evaluator uses sorted key
 * order, which is one of the orders kubectl can print.
 */
import { GoFloat, formatFloatG, formatGoNumber, goJson, goSprint, isGoInt, sortedKeys } from '../gofmt';
import { compareValues } from './compare';
import type { ListNode, Node, Param } from './parser';

/** An evaluation error, with the values upstream's walk returns alongside it. */
class EvalError extends Error {
  constructor(
    message: string,
    readonly partial: readonly unknown[],
  ) {
    super(message);
  }
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoFloat);

/** The Go type of a decoded value, as reflect names it in messages. */
function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** The elements `*` and `..` step into: map values, list items, a string's UTF-8 bytes. */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

/**
 * A parsed template bound to its evaluation state. Like upstream's JSONPath it keeps that
 * state between runs (custom columns run one per column over every object): a `{range}`
 * without its `{end}` changes which nodes later runs start from, as it does in kubectl.
 */
export class JsonPath {
  private offset = 0;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  constructor(
    private readonly template: ListNode,
    private readonly allowMissingKeys: boolean,
  ) {}

  /** FindResults: one list of values per top-level node of the template. Throws on errors. */
  findResults(data: unknown): unknown[][] {
    const nodes = this.template.nodes;
    const cur = [data];
    const full: unknown[][] = [];
    for (let i = this.offset; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i] as Node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        this.offset = i + 1;
        if (results.length > 0)
          for (const value of results) {
            this.offset = i + 1;
            full.push(...this.findResults(value === null ? undefined : value));
          }
        else this.findResults(undefined);
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++)
          if (k === this.lastEnd) {
            i = k;
            break;
          }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: readonly unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list':
        return node.nodes.reduce<unknown[]>((cur, n) => this.walk(cur, n), [...input]);
      case 'text':
        return [node.text];
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return arrayItems(input, node.params);
      case 'filter':
        return this.filter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return recursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walkOr(input, n, input));
      case 'identifier':
        return this.identifier(input, node.name);
    }
  }

  /** Walks a node; an error carries `partial` instead of what the walk had. */
  private walkOr(input: readonly unknown[], node: Node, partial: readonly unknown[]): unknown[] {
    try {
      return this.walk(input, node);
    } catch (err) {
      throw new EvalError((err as Error).message, partial);
    }
  }

  private field(input: readonly unknown[], name: string): unknown[] {
    const results = input.filter((v) => isMap(v) && Object.hasOwn(v, name));
    const values = results.map((v) => (v as Record<string, unknown>)[name]);
    if (values.length === 0 && input.length > 0 && !this.allowMissingKeys)
      throw new EvalError(`${name} is not found`, []);
    return values;
  }

  private identifier(input: readonly unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return [...input];
    }
    if (name !== 'end') throw new EvalError(`unrecognized identifier ${name}`, input);
    if (this.inRange === 0) throw new EvalError('not in range, nothing to end', []);
    this.endRange++;
    return [];
  }

  private filter(input: readonly unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === undefined ? '<invalid reflect.Value>' : goSprint(value);
        throw new EvalError(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value) {
        let lefts: readonly unknown[];
        let failure: EvalError | undefined;
        try {
          lefts = this.walk([item], node.left);
        } catch (err) {
          failure = err as EvalError;
          lefts = failure.partial ?? [];
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (failure) throw new EvalError(failure.message, input);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalError('can only compare one element at a time', input);
        const rights = this.walkOr([item], node.right, input);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalError('can only compare one element at a time', input);
        let pass: boolean;
        try {
          pass = compareValues(node.operator, lefts[0], rights[0]);
        } catch (err) {
          throw new EvalError((err as Error).message, results);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

/** evalArray: indexes and slices of each list; null is skipped. */
function arrayItems(input: readonly unknown[], params: readonly [Param, Param, Param]): unknown[] {
  const result: unknown[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new EvalError(`${goTypeName(value)} is not array or slice`, input);
    const length = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += length;
    let end = params[1].known ? params[1].value : length;
    if (end < 0 || (end === 0 && params[1].derived)) end += length;
    if (end === start) return result;
    const outOfBounds = (index: number) => `array index out of bounds: index ${index}, length ${length}`;
    if (start >= length || start < 0) throw new EvalError(outOfBounds(start), input);
    if (end > length || end < 0) throw new EvalError(outOfBounds(end - 1), input);
    if (start > end)
      throw new EvalError(`starting index ${start} is greater than ending index ${end}`, input);
    if (params[2].known && params[2].value <= 0) throw new EvalError('step must be > 0', input);
    const step = params[2].known ? params[2].value : 1;
    for (let i = start; i < end; i += step) result.push(value[i]);
  }
  return result;
}

/** evalRecursive: every value that has children, followed by its descendants, depth first. */
function recursive(input: readonly unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    const kids = children(value);
    if (kids.length > 0) result.push(value, ...recursive(kids));
  }
  return result;
}

/** A value as PrintResults writes it: maps and lists as compact JSON, the rest as fmt prints it. */
function valueText(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return 'null';
  if (v instanceof GoFloat) return formatFloatG(v.value);
  if (typeof v === 'object') return goJson(v);
  if (typeof v === 'number') return formatGoNumber(v);
  return String(v);
}

/**
 * PrintResults for every result list: values separated by spaces, lists concatenated; with
 * `asJson` (jsonpath-as-json) each list is an indented JSON array on its own lines.
 */
export function printResults(results: readonly (readonly unknown[])[], asJson: boolean): string {
  if (asJson) return results.map((r) => `${goJson(r, '    ')}\n`).join('');
  return results.map((r) => r.map(valueText).join(' ')).join('');
}
