/**
 * What `kubectl wait --for=...` waits for, and how an object is checked against it:
 * `delete`, `create`, `condition=Name[=value]` (a status condition, compared ignoring case,
 * not before the controller observed the object's generation) and `jsonpath={...}[=value]`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { goSprint } from '../printers/gofmt';
import { relaxedJsonPath } from '../printers/custom-columns';
import { JsonPath } from '../printers/jsonpath/eval';
import { parseJsonPath } from '../printers/jsonpath/parser';

/** A parsed `--for`. */
export type WaitFor =
  | { readonly kind: 'delete' }
  | { readonly kind: 'create' }
  | { readonly kind: 'check'; readonly check: (object: KubeObject) => boolean };

/** Splits `{.a}=b` at single `=` signs (a `==` stays inside its part). */
function splitJsonPathInput(input: string): string[] {
  const parts: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      parts.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  return [...parts, element];
}

/** Go's strings.EqualFold, near enough: a comparison ignoring case. */
const equalFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** ConditionalWait.checkCondition. */
function conditionCheck(name: string, value: string): (object: KubeObject) => boolean {
  return (object) => {
    const status = (object.status ?? {}) as {
      conditions?: Record<string, unknown>[];
      observedGeneration?: number;
    };
    for (const condition of status.conditions ?? []) {
      if (typeof condition.type !== 'string' || !equalFold(condition.type, name)) continue;
      if (typeof condition.status !== 'string') continue;
      const generation = object.metadata.generation;
      if (generation !== undefined) {
        const observed =
          typeof condition.observedGeneration === 'number'
            ? condition.observedGeneration
            : status.observedGeneration;
        if (observed !== undefined && observed < generation) return false;
      }
      return equalFold(condition.status, value);
    }
    return false;
  };
}

/** JSONPathWait.checkCondition. */
function jsonPathCheck(path: JsonPath, value: string): (object: KubeObject) => boolean {
  return (object) => {
    const results = path.findResults(object);
    const first = results[0];
    if (first === undefined || first.length === 0) return false;
    if (results.length > 1) throw new Error('given jsonpath expression matches more than one list');
    if (first.length > 1) throw new Error('given jsonpath expression matches more than one value');
    if (value === '') return true;
    const found = first[0];
    if (typeof found === 'object' && found !== null)
      throw new Error('jsonpath leads to a nested object or list which is not supported');
    return goSprint(found).trim() === value.trim();
  };
}

/** Parses `--for` (conditionFuncFor); throws kubectl's error for one it does not know. */
export function parseWaitFor(condition: string): WaitFor {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (condition.startsWith('condition=')) {
    const rest = condition.slice('condition='.length);
    const eq = rest.indexOf('=');
    return {
      kind: 'check',
      check: conditionCheck(eq < 0 ? rest : rest.slice(0, eq), eq < 0 ? 'true' : rest.slice(eq + 1)),
    };
  }
  if (condition.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(condition.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2)
      throw new Error(
        "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
      );
    const expression = relaxedJsonPath(parts[0] ?? '');
    let value = '';
    if (parts.length === 2) {
      value = (parts[1] ?? '').replace(/^['"]+|['"]+$/g, '');
      if (value === '')
        throw new Error(
          "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
        );
    }
    if (expression === '') throw new Error('jsonpath expression cannot be empty');
    return { kind: 'check', check: jsonPathCheck(new JsonPath(parseJsonPath(expression), true), value) };
  }
  throw new Error(`unrecognized condition: ${JSON.stringify(condition)}`);
}
