/**
 * Evaluates a task's {@link Check} against the live simulation: objects are read as a GET
 * returns them but untraced (the inspectors' RegistryReader), so checking never changes the
 * trace; trace checks count the steps recorded since the task opened.
 */
import { JsonPath } from '../../kubectl/printers/jsonpath/eval';
import { parseJsonPath } from '../../kubectl/printers/jsonpath/parser';
import { qualifiedName, type ResourceInfo } from '../../sim/apiserver/resources';
import { matchesLabels, parseLabelSelector } from '../../sim/apiserver/selectors';
import type { KubeObject } from '../../sim/apiserver/types';
import type { TraceStep } from '../../sim/kernel/trace';
import { STORED_RESOURCES, type RegistryReader } from '../inspect/registry';
import { parseCondition, parseCount, unquote, type Check, type Operator, type StepMatch } from './checks';

/** Whether a check passes now, and if not, why not (for the student and for lessons:check). */
export interface Verdict {
  readonly passed: boolean;
  readonly why: string;
}

/** What a check is evaluated against. */
export interface CheckContext {
  readonly reader: RegistryReader;
  /** How many steps matching `match` were recorded since the task opened. */
  traceCount(match: StepMatch): number;
}

/** Whether `step` matches: every field given matches (see StepMatch). */
export function stepMatches(match: StepMatch, step: TraceStep): boolean {
  return (
    (match.kind === undefined || step.kind === match.kind) &&
    (match.from === undefined || new RegExp(match.from).test(step.from)) &&
    (match.to === undefined || new RegExp(match.to).test(step.to)) &&
    (match.summary === undefined || new RegExp(match.summary).test(step.summary)) &&
    (match.where ?? []).every((condition) => holds(condition, step.detail).ok)
  );
}

/** Every step match inside a check, so its trace checks can be counted as steps arrive. */
export function stepMatchesOf(check: Check): StepMatch[] {
  if ('trace' in check) return [check.trace];
  if ('all' in check) return check.all.flatMap(stepMatchesOf);
  if ('any' in check) return check.any.flatMap(stepMatchesOf);
  if ('not' in check) return stepMatchesOf(check.not);
  return [];
}

/** The resource kubectl would read for `name`: plural, singular, kind or short name, optionally `.group`. */
export function resolveResource(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  return STORED_RESOURCES.find(
    (r) =>
      qualifiedName(r) === lower ||
      r.plural === lower ||
      r.kind.toLowerCase() === lower ||
      r.shortNames.includes(lower),
  );
}

function compareNumbersOrText(op: Operator, found: unknown, wanted: string): boolean {
  const target = unquote(wanted);
  const asText = typeof found === 'string' ? found : JSON.stringify(found);
  const n = Number(target);
  const numeric = typeof found === 'number' && target.trim() !== '' && Number.isFinite(n);
  switch (op) {
    case '==':
      return numeric ? found === n : asText === target;
    case '!=':
      return numeric ? found !== n : asText !== target;
    case '=~':
      return new RegExp(target).test(asText);
    default: {
      if (!numeric) return false;
      const f = found as number;
      return op === '>' ? f > n : op === '>=' ? f >= n : op === '<' ? f < n : f <= n;
    }
  }
}

/**
 * The values a template finds in `object`. What kubectl's JSONPath reports as an error on
 * this object (an index out of range: a list shorter than the template assumes) finds none.
 */
function valuesAt(path: string, object: unknown): unknown[] {
  try {
    return new JsonPath(parseJsonPath(path), true)
      .findResults(object)
      .flat()
      .filter((v) => v !== undefined && v !== null && v !== '');
  } catch {
    return [];
  }
}

/** Whether `object` satisfies a condition; `why` says what was found when it does not. */
export function holds(text: string, object: unknown): { ok: boolean; found: string } {
  const condition = parseCondition(text);
  const values = valuesAt(condition.path, object);
  const found =
    values.length === 0
      ? 'empty'
      : values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  const { op, value } = condition;
  if (op === null) return { ok: values.length > 0, found };
  if (op === '!') return { ok: values.length === 0, found };
  // `!=` holds when no value equals; the other operators when some value satisfies them.
  const ok =
    op === '!='
      ? values.every((v) => compareNumbersOrText('!=', v, value))
      : values.some((v) => compareNumbersOrText(op, v, value));
  return { ok, found };
}

/** Why `object` (and its node) fails the conditions, or null if it meets them all. */
function failure(
  ctx: CheckContext,
  object: KubeObject,
  where: readonly string[],
  node: readonly string[],
): string | null {
  for (const condition of where) {
    const { ok, found } = holds(condition, object);
    if (!ok) return `${condition} (found ${found})`;
  }
  if (node.length === 0) return null;
  const nodeName = (object as { spec?: { nodeName?: string } }).spec?.nodeName;
  const nodes = resolveResource('nodes') as ResourceInfo;
  const nodeObject = nodeName === undefined ? null : ctx.reader.get(nodes, null, nodeName);
  if (nodeObject === null) return 'it is not on a node';
  for (const condition of node) {
    const { ok, found } = holds(condition, nodeObject);
    if (!ok) return `its node ${nodeName}: ${condition} (found ${found})`;
  }
  return null;
}

function countHolds(count: string | undefined, n: number, fallback = '>= 1'): boolean {
  const { op, value } = parseCount(count ?? fallback);
  return compareNumbersOrText(op, n, String(value));
}

/** Evaluates a (parsed) check now. */
export function evaluate(check: Check, ctx: CheckContext): Verdict {
  if ('all' in check) {
    const failed = check.all.map((c) => evaluate(c, ctx)).find((v) => !v.passed);
    return failed ?? { passed: true, why: 'all passed' };
  }
  if ('any' in check) {
    const verdicts = check.any.map((c) => evaluate(c, ctx));
    return verdicts.find((v) => v.passed) ?? { passed: false, why: verdicts.map((v) => v.why).join('; or ') };
  }
  if ('not' in check) {
    const inner = evaluate(check.not, ctx);
    return { passed: !inner.passed, why: inner.passed ? `not wanted: ${inner.why}` : inner.why };
  }
  if ('trace' in check) {
    const n = ctx.traceCount(check.trace);
    const passed = countHolds(check.count === undefined ? undefined : String(check.count), n);
    return { passed, why: `${n} matching trace step(s) since the task opened` };
  }
  const name = 'object' in check ? check.object : check.objects;
  const [resourceName, objectName] = name.split('/') as [string, string | undefined];
  const resource = resolveResource(resourceName);
  if (resource === undefined) return { passed: false, why: `unknown resource ${resourceName}` };
  const namespace = !resource.namespaced
    ? null
    : check.namespace === '*'
      ? null
      : (check.namespace ?? 'default');
  const where = check.where ?? [];
  const node = check.node ?? [];
  if ('object' in check) {
    const object = ctx.reader.get(resource, namespace, objectName as string);
    if (check.exists === false)
      return object === null
        ? { passed: true, why: `${name} is gone` }
        : { passed: false, why: `${name} still exists` };
    if (object === null) return { passed: false, why: `${name} does not exist` };
    const why = failure(ctx, object, where, node);
    return why === null
      ? { passed: true, why: `${name} is as wanted` }
      : { passed: false, why: `${name}: ${why}` };
  }
  const selector = check.selector === undefined ? [] : parseLabelSelector(check.selector);
  let matching = 0;
  let lastWhy = `no ${name} match`;
  for (const kv of ctx.reader.range(resource, namespace)) {
    const object = ctx.reader.decode(resource, kv);
    if (!matchesLabels(selector, object.metadata.labels)) continue;
    const why = failure(ctx, object, where, node);
    if (why === null) matching++;
    else lastWhy = `${name}/${object.metadata.name}: ${why}`;
  }
  const count = check.count === undefined ? undefined : String(check.count);
  const passed = countHolds(count, matching);
  return {
    passed,
    why: passed
      ? `${matching} ${name} match`
      : `${matching} ${name} match, want ${count ?? '>= 1'}; ${lastWhy}`,
  };
}
