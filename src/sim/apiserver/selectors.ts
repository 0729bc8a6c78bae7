/**
 * Label and field selectors, parsed with the grammar of k8s.io/apimachinery's labels.Parse
 * and fields.ParseSelector, and matched against objects.
 */
import { badRequest } from './status';

export type LabelRequirement =
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'exists' | '!' }
  | { readonly key: string; readonly op: 'gt' | 'lt'; readonly value: number };

export type LabelSelector = readonly LabelRequirement[];

const TOKEN = /\s*(==|!=|=|\(|\)|,|!|>|<|[^\s=!(),<>]+)/y;
const NAME = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;
const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    const match = TOKEN.exec(input);
    if (match === null) break;
    if (match[1] !== undefined) tokens.push(match[1]);
  }
  return tokens;
}

/** Parses a label selector such as `app=web,tier in (front,back),!canary`. Throws a 400 ApiError. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  const requirements: LabelRequirement[] = [];
  let i = 0;
  const fail = (why: string) => badRequest(`unable to parse requirement: ${why}`);
  const value = (v: string | undefined) => {
    if (v === undefined || ['=', '==', '!=', '(', ')', ',', '!'].includes(v))
      throw fail(`found '${v ?? ''}', expected: identifier`);
    if (v.length > 63 || !NAME.test(v))
      throw fail(
        `values[0]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      );
    return v;
  };
  while (i < tokens.length) {
    let key = tokens[i++] ?? '';
    let op: string | undefined;
    if (key === '!') {
      key = tokens[i++] ?? '';
      op = '!';
    }
    if (!KEY.test(key)) throw fail(`found '${key}', expected: identifier`);
    if (op === '!') {
      requirements.push({ key, op: '!' });
    } else {
      const next = tokens[i];
      if (next === undefined || next === ',') {
        requirements.push({ key, op: 'exists' });
      } else if (next === '=' || next === '==' || next === '!=') {
        i++;
        const v = tokens[i] === ',' || tokens[i] === undefined ? '' : value(tokens[i++]);
        requirements.push({ key, op: next === '!=' ? 'notin' : 'in', values: [v] });
      } else if (next === 'in' || next === 'notin') {
        i++;
        if (tokens[i++] !== '(') throw fail(`found '${tokens[i - 1] ?? ''}', expected: '('`);
        const values: string[] = [];
        while (tokens[i] !== ')') {
          if (tokens[i] === undefined) throw fail(`found '', expected: ')'`);
          if (tokens[i] === ',') {
            i++;
            continue;
          }
          values.push(value(tokens[i++]));
        }
        i++;
        requirements.push({ key, op: next, values });
      } else if (next === '>' || next === '<') {
        i++;
        const n = Number(tokens[i++]);
        if (!Number.isInteger(n)) throw fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        requirements.push({ key, op: next === '>' ? 'gt' : 'lt', value: n });
      } else {
        throw fail(`found '${next}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    if (i < tokens.length) {
      if (tokens[i] !== ',') throw fail(`found '${tokens[i] ?? ''}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return requirements;
}

/** Whether labels satisfy every requirement of a selector. */
export function matchesLabels(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'in':
        return has && r.values.includes(v ?? '');
      case 'notin':
        return !has || !r.values.includes(v ?? '');
      case 'gt':
        return has && Number(v) > r.value;
      case 'lt':
        return has && Number(v) < r.value;
    }
  });
}

export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Parses a field selector such as `spec.nodeName=node-1,status.phase!=Running` (`\,` and `\=` escape). */
export function parseFieldSelector(input: string): FieldRequirement[] {
  if (input.trim() === '') return [];
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[++i];
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((part) => {
    const match = /^(.*?)(!=|==|=)(.*)$/s.exec(part);
    if (match === null) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    return {
      field: (match[1] ?? '').trim(),
      op: match[2] === '!=' ? '!=' : '=',
      value: unescape(match[3] ?? ''),
    };
  });
}

/** Whether an object's selectable fields satisfy a field selector. */
export function matchesFields(
  selector: readonly FieldRequirement[],
  fields: Readonly<Record<string, string>>,
): boolean {
  return selector.every((r) => (fields[r.field] === r.value) === (r.op === '='));
}
