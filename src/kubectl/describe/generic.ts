/**
 * kubectl's generic describer, for kinds without a describer of their own (Leases,
 * CustomResources...): the object's fields as an indented outline with readable labels.
 */
import { compareStrings } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import type { DescribeContext } from './index';
import { DescribeWriter, LEVEL_0, type PrefixWriter } from './writer';

const SKIPPED = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** Character classes for splitting camelCase: lower, upper, digit, other. */
function charClass(ch: string): number {
  if (/\p{Ll}/u.test(ch)) return 1;
  if (/\p{Lu}/u.test(ch)) return 2;
  if (/\p{Nd}/u.test(ch)) return 3;
  return 4;
}

/** Splits camelCase into words: `apiVersion` to `api`, `Version`; `PDFLoader` to `PDF`, `Loader`. */
function splitCamelCase(text: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of text) {
    const cls = charClass(ch);
    if (cls === last) runs[runs.length - 1]?.push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const run = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (charClass(run[0] ?? '') === 2 && charClass(next[0] ?? '') === 1) next.unshift(run.pop() ?? '');
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** A field name as a label: `holderIdentity` reads `Holder Identity`, `uid` reads `UID`. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) =>
      ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1),
    )
    .join(' ');
}

/**
 * A JSON number as Go's %v prints the decoded value: integers (int64) plainly, other
 * numbers (float64) in shortest form, with an exponent below 1e-4 or from 1e6.
 */
function goNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const [mantissa = '', exponentText = '0'] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(x);
}

/** Any JSON value as Go's %v prints the decoded value. */
function goAny(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goNumber(value);
  if (Array.isArray(value)) return `[${value.map(goAny).join(' ')}]`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const keys = Object.keys(map).sort(compareStrings);
    return `map[${keys.map((k) => `${k}:${goAny(map[k])}`).join(' ')}]`;
  }
  return String(value);
}

function printContent(
  w: PrefixWriter,
  level: number,
  content: Readonly<Record<string, unknown>>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    const value = content[field];
    const label = smartLabel(field);
    if (Array.isArray(value)) {
      w.write(level, `${label}:\n`);
      for (const child of value) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
          printContent(w, level + 1, child as Record<string, unknown>, path);
        } else {
          w.write(level + 1, `${goAny(child)}\n`);
        }
      }
    } else if (typeof value === 'object' && value !== null) {
      w.write(level, `${label}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${label}:\t${goAny(value)}\n`);
    }
  }
}

/** Describes any object from its fields alone, then its events. */
export async function describeGeneric(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printContent(w, LEVEL_0, obj, '');
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
