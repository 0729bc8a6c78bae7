/**
 * A short stand-in for the go-cmp report upstream appends to some "is immutable" errors.
 * go-cmp's output is deliberately unstable (it randomly swaps spaces for non-breaking
 * ones), so clients never match it exactly; this keeps its shape: the Go type, then the
 * changed top-level fields, old (-) and new (+).
 */
import { deepEqual } from './field';
import { rec } from './util';

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  os: 'OS',
};

function goName(jsonName: string): string {
  return GO_NAMES[jsonName] ?? jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}

/** The diff of two JSON objects as `type{ ... }` with the changed fields marked. */
export function structDiff(type: string, oldValue: unknown, newValue: unknown): string {
  const o = rec(oldValue);
  const n = rec(newValue);
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = [`  ${type}{`];
  let same = 0;
  const flush = (): void => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${goName(k)}: ${JSON.stringify(o[k] ?? null)},`);
    lines.push(`+ \t${goName(k)}: ${JSON.stringify(n[k] ?? null)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
