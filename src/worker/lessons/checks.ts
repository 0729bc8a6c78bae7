/**
 * A lesson task's check: declarative, plain data (it crosses the worker boundary), evaluated
 * against the live simulation by evaluate.ts. A check looks at cluster state (an object, or
 * how many objects match) or at the trace (a step the cluster took), and combines others:
 *
 *     object: deployments/web            # <resource>/<name>, as kubectl names them
 *     where: ['{.status.availableReplicas} >= 3']
 *
 *     objects: pods                      # how many match: a selector, conditions, their node
 *     selector: app=web
 *     node: ['{.metadata.labels.disk} == ssd']
 *     count: '>= 2'
 *
 *     trace: { from: scheduler, summary: 'NodeResourcesFit' }   # regular expressions
 *
 *     all: [...] / any: [...] / not: {...}
 *
 * A condition is a kubectl JSONPath template, then optionally an operator (`==`, `!=`, `>`,
 * `>=`, `<`, `<=`, `=~` for a regular expression) and a YAML scalar. Without an operator it
 * holds when the template finds a non-empty value; `!{...}` holds when it finds none.
 */
import { parseJsonPath } from '../../kubectl/printers/jsonpath/parser';
import type { StepKind } from '../../sim/kernel/trace';

/**
 * Which trace steps match: each field given must match; from, to and summary are regular
 * expressions, kind is exact, and `where` holds conditions on the step's detail (the
 * scheduler's `{.rejectedBy.node-2} == NodeResourcesFit`).
 */
export interface StepMatch {
  readonly from?: string;
  readonly to?: string;
  readonly kind?: StepKind;
  readonly summary?: string;
  readonly where?: readonly string[];
}

export type Check =
  | {
      /** `<resource>/<name>`: `deployments/web`, `nodes/node-1`. */
      readonly object: string;
      /** `default` unless given; ignored for cluster-scoped resources. */
      readonly namespace?: string;
      /** Whether it must exist (true) or be gone (false); true by default. */
      readonly exists?: boolean;
      readonly where?: readonly string[];
      /** Conditions on the Node a Pod is bound to. */
      readonly node?: readonly string[];
    }
  | {
      /** A resource, `pods`: counts its objects that match everything below. */
      readonly objects: string;
      /** `default` unless given; `*` for every namespace. */
      readonly namespace?: string;
      /** A label selector, as `kubectl get -l` takes it. */
      readonly selector?: string;
      readonly where?: readonly string[];
      readonly node?: readonly string[];
      /** How many must match: `>= 1` unless given (`3` means `== 3`). */
      readonly count?: string;
    }
  | { readonly trace: StepMatch; readonly count?: string }
  | { readonly all: readonly Check[] }
  | { readonly any: readonly Check[] }
  | { readonly not: Check };

/** A condition's operators. */
export const OPERATORS = ['==', '!=', '>=', '<=', '>', '<', '=~'] as const;
export type Operator = (typeof OPERATORS)[number];

/** A condition taken apart: the JSONPath template, and the comparison if there is one. */
export interface Condition {
  readonly path: string;
  /** null: the template finds a value; `!`: it finds none. */
  readonly op: Operator | '!' | null;
  /** The right-hand side as written (a YAML scalar). */
  readonly value: string;
}

const CONDITION = /^\s*(\{.*\})\s*(?:(==|!=|>=|<=|>|<|=~)\s*(.*?))?\s*$/;

/** Takes a condition apart; throws an Error saying what is wrong. */
export function parseCondition(text: string): Condition {
  const absent = /^\s*!\s*(\{.*\})\s*$/.exec(text);
  if (absent !== null) {
    parseJsonPath(absent[1] as string);
    return { path: absent[1] as string, op: '!', value: '' };
  }
  const match = CONDITION.exec(text);
  if (match === null)
    throw new Error(
      `"${text}" must be a JSONPath template like {.status.phase}, then an operator and a value`,
    );
  const path = match[1] as string;
  parseJsonPath(path);
  const op = (match[2] ?? null) as Operator | null;
  const value = match[3] ?? '';
  if (op !== null && value === '') throw new Error(`"${text}" has no value after ${op}`);
  if (op === '=~') new RegExp(unquote(value));
  return { path, op, value };
}

/** A count: `>= 3`, `== 0`, or `3`. */
export function parseCount(text: string): { op: Exclude<Operator, '=~'>; value: number } {
  const match = /^\s*(==|!=|>=|<=|>|<)?\s*(\d+)\s*$/.exec(text);
  if (match === null)
    throw new Error(`count "${text}" must be a number, optionally after ==, !=, >=, <=, > or <`);
  return { op: (match[1] ?? '==') as Exclude<Operator, '=~'>, value: Number(match[2]) };
}

/** A value as written, without the quotes around it. */
export function unquote(value: string): string {
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(value);
  return quoted === null ? value : ((quoted[1] ?? quoted[2]) as string);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const STEP_KINDS: readonly StepKind[] = ['request', 'response', 'watch', 'storage', 'decision', 'runtime'];

type Parsed<T> = T | { error: string };

/** Checks a step match; errors start with the field at fault (`.from: ...`). */
export function parseStepMatch(value: unknown): Parsed<StepMatch> {
  if (!isRecord(value)) return { error: ': must be a mapping of from, to, kind, summary and where' };
  for (const key of Object.keys(value)) {
    if (!['from', 'to', 'kind', 'summary', 'where'].includes(key)) return { error: `.${key}: unknown field` };
    const field = value[key];
    if (key === 'where') {
      const problem = conditionsError(field);
      if (problem !== null) return { error: `.where${problem}` };
      continue;
    }
    if (typeof field !== 'string') return { error: `.${key}: must be text` };
    if (key === 'kind' && !STEP_KINDS.includes(field as StepKind))
      return { error: `.kind: must be one of ${STEP_KINDS.join(', ')}` };
    if (key !== 'kind') {
      try {
        new RegExp(field);
      } catch (error) {
        return { error: `.${key}: ${(error as Error).message}` };
      }
    }
  }
  return value as StepMatch;
}

/** Why `list` is not a list of conditions (starting with the index at fault), or null. */
function conditionsError(list: unknown): string | null {
  if (!Array.isArray(list)) return ': must be a list of conditions';
  for (const [i, item] of list.entries()) {
    if (typeof item !== 'string') return `[${i}]: must be text`;
    try {
      parseCondition(item);
    } catch (error) {
      return `[${i}]: ${(error as Error).message}`;
    }
  }
  return null;
}

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  object: ['object', 'namespace', 'exists', 'where', 'node'],
  objects: ['objects', 'namespace', 'selector', 'where', 'node', 'count'],
  trace: ['trace', 'count'],
  all: ['all'],
  any: ['any'],
  not: ['not'],
};

/** Checks that `value` is a {@link Check}; errors start with the field at fault. */
export function parseCheck(value: unknown): Parsed<Check> {
  if (!isRecord(value)) return { error: ': must be a mapping' };
  const form = Object.keys(FIELDS).find((key) => key in value);
  if (form === undefined) return { error: ': needs one of object, objects, trace, all, any or not' };
  const unknown = Object.keys(value).find((key) => !(FIELDS[form] as readonly string[]).includes(key));
  if (unknown !== undefined)
    return {
      error: `.${unknown}: not a field of a${form === 'all' || form === 'any' ? 'n' : ''} ${form} check`,
    };
  try {
    switch (form) {
      case 'all':
      case 'any': {
        const list = value[form];
        if (!Array.isArray(list) || list.length === 0) return { error: `.${form}: must be a list of checks` };
        for (const [i, item] of list.entries()) {
          const parsed = parseCheck(item);
          if ('error' in parsed) return { error: `.${form}[${i}]${parsed.error}` };
        }
        break;
      }
      case 'not': {
        const parsed = parseCheck(value.not);
        if ('error' in parsed) return { error: `.not${parsed.error}` };
        break;
      }
      case 'trace': {
        const parsed = parseStepMatch(value.trace);
        if ('error' in parsed) return { error: `.trace${parsed.error}` };
        break;
      }
      default: {
        const target = value[form];
        if (
          typeof target !== 'string' ||
          (form === 'object' ? !/^[^/\s]+\/[^/\s]+$/.test(target) : !/^[^/\s]+$/.test(target))
        )
          return { error: `.${form}: must be ${form === 'object' ? '<resource>/<name>' : 'a resource'}` };
        if (value.namespace !== undefined && typeof value.namespace !== 'string')
          return { error: '.namespace: must be text' };
        if (value.exists !== undefined && typeof value.exists !== 'boolean')
          return { error: '.exists: must be true or false' };
        if (value.selector !== undefined && typeof value.selector !== 'string')
          return { error: '.selector: must be a label selector' };
        for (const key of ['where', 'node'] as const) {
          const problem = value[key] === undefined ? null : conditionsError(value[key]);
          if (problem !== null) return { error: `.${key}${problem}` };
        }
      }
    }
    if ('count' in value) {
      if (typeof value.count !== 'string' && typeof value.count !== 'number')
        return { error: '.count: must be a number or a comparison' };
      parseCount(String(value.count));
    }
  } catch (error) {
    return { error: `.count: ${(error as Error).message}` };
  }
  return value as Check;
}
