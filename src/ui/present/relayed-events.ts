/**
 * Checks the simulation events an audience window receives from the presenter (see
 * messages.ts): only those its views use (the cluster's shape, its steps, node health,
 * rewinds, task checks, errors), each checked field by field against the protocol's types,
 * and rebuilt from the fields checked, so nothing else reaches the store.
 */
import type { Json, StepKind } from '../../sim/kernel/trace';
import type { ComponentKind, Topology, TopologyLink, TopologyMachine } from '../../sim/topology';
import { clusterOptionsError } from '../../worker/cluster-options';
import type { NodeHealth } from '../../worker/node-health';
import type { ResolvedClusterOptions } from '../../sim/cluster';
import type { ClockState, HostEvent, Speed, TaskStatus, TraceStep } from '../../worker/protocol';

/** The most trace steps one relayed batch may carry (a late audience's catch-up included). */
export const MAX_RELAYED_STEPS = 50_000;

const MAX_ITEMS = 10_000;
const MAX_TEXT = 100_000;
const MAX_DEPTH = 32;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const whole = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const list = (v: unknown, max = MAX_ITEMS): v is unknown[] => Array.isArray(v) && v.length <= max;

const STEP_KINDS: ReadonlySet<StepKind> = new Set([
  'request',
  'response',
  'watch',
  'storage',
  'decision',
  'runtime',
]);
const READY = new Set(['True', 'False', 'Unknown']);
const ROLES = new Set(['control-plane', 'worker']);
const PROTOCOLS = new Set(['kubernetes-api', 'etcd', 'cri']);
const COMPONENT_KINDS: ReadonlySet<ComponentKind> = new Set([
  'kubectl',
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
  'cloud-controller-manager',
  'kubelet',
  'container-runtime',
  'kube-proxy',
]);

/** Whether `v` is JSON data (what a step's detail is), no deeper than MAX_DEPTH. */
function isJson(v: unknown, depth = 0): v is Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.every((item) => isJson(item, depth + 1));
  if (!isRecord(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every((item) => isJson(item, depth + 1));
}

/** A speed as the clock reports it: a positive multiple of real time, or `max`. */
const isSpeed = (v: unknown): v is Speed =>
  v === 'max' || (typeof v === 'number' && Number.isFinite(v) && v > 0);

function clock(v: unknown): ClockState | null {
  if (!isRecord(v)) return null;
  const { time, playing, speed, pending, next } = v;
  if (!(typeof time === 'number' && Number.isFinite(time) && time >= 0)) return null;
  if (typeof playing !== 'boolean' || !isSpeed(speed) || !whole(pending)) return null;
  if (next !== null && !text(next)) return null;
  return { time, playing, speed, pending, next };
}

function traceStep(v: unknown): TraceStep | null {
  if (!isRecord(v)) return null;
  const { id, time, from, to, kind, summary, detail, causedBy } = v;
  if (!whole(id) || id === 0 || typeof time !== 'number' || !Number.isFinite(time)) return null;
  if (!text(from) || !text(to) || !text(summary) || !STEP_KINDS.has(kind as StepKind)) return null;
  if (causedBy !== null && !whole(causedBy)) return null;
  if (!isJson(detail)) return null;
  return { id, time, from, to, kind: kind as StepKind, summary, detail, causedBy };
}

/** `items` each rebuilt by `item`, or null if one is not well formed. */
function every<T>(items: unknown, item: (v: unknown) => T | null, max = MAX_ITEMS): T[] | null {
  if (!list(items, max)) return null;
  const out: T[] = [];
  for (const v of items) {
    const parsed = item(v);
    if (parsed === null) return null;
    out.push(parsed);
  }
  return out;
}

function topology(v: unknown): Topology | null {
  if (!isRecord(v)) return null;
  const machines = every(v.machines, (m) =>
    isRecord(m) && text(m.name) && ROLES.has(m.role as string)
      ? { name: m.name, role: m.role as TopologyMachine['role'] }
      : null,
  );
  const components = every(v.components, (c) =>
    isRecord(c) &&
    text(c.id) &&
    COMPONENT_KINDS.has(c.kind as ComponentKind) &&
    (c.machine === null || text(c.machine)) &&
    (c.implementation === undefined || text(c.implementation))
      ? {
          id: c.id,
          kind: c.kind as ComponentKind,
          machine: c.machine,
          ...(c.implementation === undefined ? {} : { implementation: c.implementation }),
        }
      : null,
  );
  const links = every(v.links, (l) =>
    isRecord(l) && text(l.from) && text(l.to) && PROTOCOLS.has(l.protocol as string)
      ? { from: l.from, to: l.to, protocol: l.protocol as TopologyLink['protocol'] }
      : null,
  );
  return machines === null || components === null || links === null ? null : { machines, components, links };
}

function health(v: unknown): Record<string, NodeHealth> | null {
  if (!isRecord(v) || Object.keys(v).length > MAX_ITEMS) return null;
  const out: Record<string, NodeHealth> = {};
  for (const [name, h] of Object.entries(v)) {
    if (!isRecord(h) || !READY.has(h.ready as string) || typeof h.unschedulable !== 'boolean') return null;
    const pressure = every(h.pressure, (p) => (text(p) ? p : null), 10);
    if (pressure === null) return null;
    out[name] = { ready: h.ready as NodeHealth['ready'], pressure, unschedulable: h.unschedulable };
  }
  return out;
}

function tasks(v: unknown): TaskStatus[] | null {
  return every(
    v,
    (t) =>
      isRecord(t) && text(t.id) && typeof t.done === 'boolean' && text(t.why)
        ? { id: t.id, done: t.done, why: t.why }
        : null,
    200,
  );
}

/** The cluster options an init reports: those createCluster resolved, every one set. */
function resolvedOptions(v: unknown): ResolvedClusterOptions | null {
  if (!isRecord(v) || clusterOptionsError(v) !== null) return null;
  const { seed, workerNodes, epoch, cni, kubeProxyMode, ingressController, containerRuntime } = v;
  if (!whole(workerNodes) || typeof epoch !== 'number' || !text(cni) || !text(kubeProxyMode)) return null;
  if (!text(ingressController) || !text(containerRuntime)) return null;
  return {
    seed,
    workerNodes,
    epoch,
    cni,
    kubeProxyMode,
    ingressController,
    containerRuntime,
  } as ResolvedClusterOptions;
}

/** `value` as a simulation event an audience uses, or null if it is not a well-formed one. */
export function parseRelayedEvent(value: unknown): HostEvent | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'init': {
      const { id } = value;
      const options = resolvedOptions(value.options);
      const c = clock(value.clock);
      const t = topology(value.topology);
      if (options === null || c === null || t === null || (id !== undefined && !whole(id))) return null;
      const init = { type: 'init', options, topology: t, clock: c } as const;
      return id === undefined ? init : { ...init, id };
    }
    case 'batch': {
      const c = clock(value.clock);
      const steps = every(value.steps, traceStep, MAX_RELAYED_STEPS);
      return c === null || steps === null ? null : { type: 'batch', clock: c, steps };
    }
    case 'nodes': {
      const h = health(value.health);
      return h === null ? null : { type: 'nodes', health: h };
    }
    case 'rewound': {
      const c = clock(value.clock);
      return c === null || !whole(value.lastStep)
        ? null
        : { type: 'rewound', clock: c, lastStep: value.lastStep };
    }
    case 'checks': {
      const t = tasks(value.tasks);
      return t === null ? null : { type: 'checks', tasks: t };
    }
    case 'error':
      return text(value.message) ? { type: 'error', message: value.message } : null;
    default:
      return null;
  }
}

/** Whether the presenter relays events of this type (the ones parseRelayedEvent accepts). */
export const isRelayed = (event: HostEvent): boolean =>
  ['init', 'batch', 'nodes', 'rewound', 'checks', 'error'].includes(event.type);
