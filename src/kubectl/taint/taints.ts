/**
 * Taint arguments and how they change a node's taints, as `kubectl taint` reads and applies
 * them: `key=value:Effect` adds (or with `--overwrite` replaces), `key:Effect-` removes one,
 * `key-` removes every taint with the key; the result is `tainted`, `untainted` or `modified`.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { isQualifiedName, isValidLabelValue } from '../../sim/apiserver/validation/names';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: `key=value:Effect`, leaving out what is empty. */
export function taintString(t: Taint): string {
  const value = t.value ?? '';
  if ((t.effect ?? '') === '') return value === '' ? t.key : `${t.key}=${value}:`;
  return value === '' ? `${t.key}:${t.effect}` : `${t.key}=${value}:${t.effect}`;
}

/** Go's %v of a Taint: `{key value NoSchedule <nil>}`. */
const goTaint = (t: Taint) => `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;

function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0] ?? '';
  else if (parts.length === 2) {
    effect = parts[1] ?? '';
    if (!EFFECTS.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = (parts[0] ?? '').split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0] ?? '';
    if (kv.length === 2) {
      value = kv[1] ?? '';
      const errors = isValidLabelValue(value);
      if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errors = isQualifiedName(key);
  if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
  return { key, ...(value === '' ? {} : { value }), effect };
}

/** The taints to add and to remove that the arguments ask for; throws kubectl's parse errors. */
export function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const taint = parseTaint(spec.slice(0, -1));
      remove.push({ key: taint.key, effect: taint.effect });
      continue;
    }
    const taint = parseTaint(spec);
    if ((taint.effect ?? '') === '') throw new Error(`invalid taint spec: ${spec}`);
    const id = `${taint.effect}\u0000${taint.key}`;
    if (seen.has(id)) throw new Error(`duplicated taints with the same key and effect: ${goTaint(taint)}`);
    seen.add(id);
    add.push(taint);
  }
  return { add, remove };
}

/** The `key=Effect` list of taints both added and removed, which kubectl refuses. */
export function conflicts(add: readonly Taint[], remove: readonly Taint[]): string[] {
  const out: string[] = [];
  for (const a of add)
    for (const r of remove)
      if (a.key === r.key && ((r.effect ?? '') === '' || a.effect === r.effect))
        out.push(`${r.key}=${r.effect ?? ''}`);
  return out;
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * The node's new taints and the operation's name (reorganizeTaints), or the error kubectl
 * gives: an existing taint without `--overwrite`, or a taint to remove that is not there.
 */
export function updateTaints(
  node: string,
  old: readonly Taint[],
  add: readonly Taint[],
  remove: readonly Taint[],
  overwrite: boolean,
): { taints: Taint[]; operation: string } {
  if (!overwrite) {
    const existing = add
      .filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect))
      .map((t) => t.key);
    if (existing.length > 0)
      throw new Error(
        `node ${node} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`,
      );
  }
  let taints = [...add, ...old.filter((o) => !add.some((t) => matches(t, o)))];
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => ((r.effect ?? '') === '' ? t.key !== r.key : !matches(r, t)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, operation };
}
