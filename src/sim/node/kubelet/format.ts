/**
 * Small formatting helpers the kubelet needs to write what upstream writes: Go's
 * time.Duration text, metav1.MicroTime, `format.Pod`, and two-way JSON merge patches.
 */
import type { VirtualClock } from '../../kernel/clock';
import type { Json } from '../../kernel/trace';

/** A duration in ms as Go's time.Duration prints it: `412ms`, `2.5s`, `1m20s`, `5m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${goDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms * 1000) / 1000}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}

/** A metav1.MicroTime (`2025-01-01T00:00:10.000000Z`) for virtual time `at`. */
export function microTime(clock: VirtualClock, at: number = clock.now()): string {
  return new Date(clock.epoch + Math.floor(at)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** How upstream's `format.Pod` names a pod in messages: `name_namespace(uid)`. */
export function formatPod(pod: { metadata: { name?: string; namespace?: string; uid?: string } }): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON merge patch (RFC 7386) that turns `from` into `to`: changed and new fields, `null`
 * for removed ones, lists whole. Undefined when nothing changed.
 */
export function mergePatchBetween(from: unknown, to: unknown): Json | undefined {
  if (isObject(from) && isObject(to)) {
    const patch: Record<string, Json> = {};
    for (const key of Object.keys(from)) if (!(key in to) || to[key] === undefined) patch[key] = null;
    for (const [key, value] of Object.entries(to)) {
      if (value === undefined) continue;
      const diff = mergePatchBetween(from[key], value);
      if (diff !== undefined) patch[key] = diff;
    }
    for (const key of Object.keys(patch))
      if (from[key] === undefined && patch[key] === null) delete patch[key];
    return Object.keys(patch).length === 0 ? undefined : patch;
  }
  return jsonEqual(from, to) ? undefined : (to as Json);
}

/** Deep equality of JSON values, ignoring the order of object keys. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}
