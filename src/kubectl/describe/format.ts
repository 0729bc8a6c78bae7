/**
 * The small formatting pieces every describer shares: multi-line label, annotation, taint
 * and toleration blocks, Go's time and value formats, and controller references.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { parseTime } from '../../sim/apiserver/printers/duration';
import { compareStrings } from '../../sim/apiserver/printers/format';
import { goSort } from './gosort';
import { LEVEL_0, type PrefixWriter } from './writer';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Go's zero time.Time, which prints for unset timestamps. */
const GO_ZERO_TIME = -62_135_596_800_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function utcParts(timestamp: unknown) {
  const d = new Date(parseTime(timestamp) ?? GO_ZERO_TIME);
  return {
    day: DAYS[d.getUTCDay()] ?? '',
    date: pad2(d.getUTCDate()),
    month: MONTHS[d.getUTCMonth()] ?? '',
    monthNumber: pad2(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()).padStart(4, '0'),
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
  };
}

/**
 * A timestamp as Go's time.RFC1123Z prints it (`Mon, 02 Jan 2006 15:04:05 +0000`). Times
 * are shown in UTC, which is what kubectl prints when its time zone is UTC.
 */
export function rfc1123z(timestamp: unknown): string {
  const p = utcParts(timestamp);
  return `${p.day}, ${p.date} ${p.month} ${p.year} ${p.time} +0000`;
}

/** A timestamp as Go's time.Time.String() prints it in UTC: `2006-01-02 15:04:05 +0000 UTC`. */
export function goTimeString(timestamp: unknown): string {
  const p = utcParts(timestamp);
  return `${p.year}-${p.monthNumber}-${p.date} ${p.time} +0000 UTC`;
}

/** A string list as Go's %v prints it: `[a b c]`. */
export function goList(values: readonly unknown[] | undefined | null): string {
  return `[${(values ?? []).map((v) => String(v)).join(' ')}]`;
}

/** `True` or `False`, kubectl's printBool. */
export function printBool(value: boolean | undefined): string {
  return value === true ? 'True' : 'False';
}

/** The string, or `<none>` when empty. */
export function stringOrNone(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

/** Length in bytes of the UTF-8 encoding, which Go's len() measures. */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** The first `max` bytes of `s` followed by `...`, when it is longer. */
function shorten(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= max) return s;
  return `${new TextDecoder().decode(bytes.slice(0, max))}...`;
}

/**
 * A `Title:` block of `key=value` lines in key order, or `<none>`. `initialIndent` starts the
 * title and every continuation line; `innerIndent` separates title from values.
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

/**
 * A `Title:` block of annotations in key order (kubectl's last-applied-configuration left
 * out); long or multi-line values go on indented lines of their own, cut at 140 bytes.
 */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined | null,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort(compareStrings);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** A taint as Taint.ToString() prints it: `key=value:Effect`. */
function taintString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** A `Taints:` block, ordered by effect then key. */
export function printTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: readonly Taint[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.line('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  goSort([...taints], (a, b) => key(a) < key(b)).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** A `Tolerations:` block, ordered by key, each as `key=value:Effect op=Exists for Ns`. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.line('<none>');
    return;
  }
  goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? '')).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
      text += ` for ${t.tolerationSeconds}s`;
    }
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** `Kind/name` of the object's controller (the owner reference with controller: true), or ''. */
export function controllerOf(meta: ObjectMeta | undefined): string {
  const ref = meta?.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** Writes `Controlled By:` when the object has a controller. */
export function printControlledBy(w: PrefixWriter, meta: ObjectMeta | undefined): void {
  const controlledBy = controllerOf(meta);
  if (controlledBy !== '') w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
}
