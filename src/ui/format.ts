import type { Speed } from '../sim/kernel/player';

/** Virtual time as `HH:MM:SS.t` (elapsed since the cluster started). */
export function formatClock(ms: number): string {
  const tenths = Math.floor(ms / 100);
  const s = Math.floor(tenths / 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${tenths % 10}`;
}

/** A speed as the control shows it: `0.25×`, `10×`, `Max`. */
export function formatSpeed(speed: Speed): string {
  return speed === 'max' ? 'Max' : `${speed}×`;
}

/**
 * A component id as people read it: control-plane components by name (`kube-apiserver`),
 * node components with their node (`kubelet (node-1)`), clients as they are (`kubectl`).
 */
export function componentLabel(id: string): string {
  const [machine, kind] = id.split('/');
  if (kind === undefined) return id;
  return machine === 'control-plane' ? kind : `${kind} (${machine})`;
}
