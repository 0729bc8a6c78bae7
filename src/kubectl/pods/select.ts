/**
 * Choosing pods the way kubectl's polymorphic helpers do for logs, exec and attach: the
 * label selector a workload stands for (SelectorsForObject), and the pods it selects,
 * sorted best-first for reading logs (podutils.ByLogging) or for attaching (the most active).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import type { Mapping } from '../client/restmapper';
import type { CommandContext } from '../cmd/types';
import { goSort } from '../describe/gosort';

/** The Go type kubectl names in errors for an object of `mapping`: `*v1.ConfigMap`. */
export function goTypeName(mapping: Mapping): string {
  const builtIn = mapping.group === '' || !mapping.group.includes('.') || mapping.group.endsWith('.k8s.io');
  return builtIn ? `*${mapping.version}.${mapping.kind}` : '*unstructured.Unstructured';
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function selectorString(selector: LabelSelector): string {
  const parts: [string, string][] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) parts.push([key, `${key}=${value}`]);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    parts.push([e.key, text]);
  }
  return parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join(',');
}

/**
 * The namespace and label selector of a workload (SelectorsForObject), or the error kubectl
 * gives for a kind that selects no pods: `cannot <doing> *v1.ConfigMap: ...`, where
 * `doing` is `get the logs from` or `attach to`.
 */
export function selectorFor(
  object: KubeObject,
  mapping: Mapping,
  doing: string,
): { namespace: string; selector: string } {
  const namespace = object.metadata.namespace ?? '';
  const spec = (object.spec ?? {}) as { selector?: LabelSelector | Record<string, string> };
  const fail = (why: string) => new Error(`cannot ${doing} ${goTypeName(mapping)}: ${why}`);
  switch (`${mapping.group}/${mapping.kind}`) {
    case '/ReplicationController':
    case '/Service': {
      const set = (spec.selector ?? {}) as Record<string, string>;
      if (mapping.kind === 'Service' && Object.keys(set).length === 0)
        throw fail(`invalid service '${object.metadata.name ?? ''}': Service is defined without a selector`);
      return { namespace, selector: selectorString({ matchLabels: set }) };
    }
    case 'apps/ReplicaSet':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
    case 'apps/Deployment':
    case 'batch/Job':
      return { namespace, selector: selectorString((spec.selector ?? {}) as LabelSelector) };
    default:
      throw fail(`selector for ${goTypeName(mapping)} not implemented`);
  }
}

const time = (t: string | undefined): number => (t === undefined || t === '' ? 0 : Date.parse(t));

/** afterOrZero: whether t1 is after t2, a zero time counting as after any other. */
const afterOrZero = (t1: number, t2: number): boolean => (t1 === 0 || t2 === 0 ? t1 === 0 : t1 > t2);

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

const readyTime = (pod: Pod): number =>
  time(pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);

function maxRestarts(pod: Pod): [number, number] {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount));
  const sidecars = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  const sidecar = Math.max(
    0,
    ...(pod.status?.initContainerStatuses ?? [])
      .filter((c) => sidecars.has(c.name))
      .map((c) => c.restartCount),
  );
  return [regular, sidecar];
}

const PHASE_ORDER: Readonly<Record<string, number>> = { Running: 0, Unknown: 1, Pending: 2 };
const ACTIVE_PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** An order of pods, as Go's sort.Interface Less. */
export type PodOrder = (a: Pod, b: Pod) => boolean;

/** sort.Reverse(podutils.ActivePods): the most active pod (running, ready, oldest) first. */
export const mostActiveFirst: PodOrder = (a, b) => activePodsLess(b, a);

/** podutils.ActivePods: unassigned, pending, not ready, deleting, recently ready pods first. */
function activePodsLess(a: Pod, b: Pod): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const pa = ACTIVE_PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = ACTIVE_PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  const da = time(a.metadata?.deletionTimestamp);
  const db = time(b.metadata?.deletionTimestamp);
  if ((da !== 0) !== (db !== 0)) return da !== 0;
  if (da !== 0 && db !== 0 && da !== db) return da < db;
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b))
    return afterOrZero(readyTime(a), readyTime(b));
  const [ra, sa] = maxRestarts(a);
  const [rb, sb] = maxRestarts(b);
  if (ra !== rb) return ra > rb;
  if (sa !== sb) return sa > sb;
  const ca = time(a.metadata?.creationTimestamp);
  const cb = time(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** podutils.ByLogging: the pod best suited to show logs first. */
export const byLogging: PodOrder = (a, b) => {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a);
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b))
    return afterOrZero(readyTime(b), readyTime(a));
  const [ra, sa] = maxRestarts(a);
  const [rb, sb] = maxRestarts(b);
  if (ra !== rb) return ra > rb;
  if (sa !== sb) return sa > sb;
  const ca = time(a.metadata?.creationTimestamp);
  const cb = time(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
};

/**
 * GetPodList: the pods `selector` matches in `namespace`, sorted by `order`. When there
 * are none yet it watches for the first one to appear, for at most `timeoutMs`.
 */
export async function podsFor(
  client: RestClient,
  namespace: string,
  selector: string,
  timeoutMs: number,
  order: PodOrder,
  run: Pick<CommandContext, 'sleep' | 'signal'>,
): Promise<Pod[]> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const list = await client.json<{ items?: Pod[]; metadata?: { resourceVersion?: string } }>({
    path,
    query: { labelSelector: [selector] },
  });
  const pods = list.items ?? [];
  if (pods.length > 0) return goSort(pods, order);
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, run.signal]);
  let found: Pod | undefined;
  const timedOut = run.sleep(timeoutMs, signal).then((elapsed) => elapsed && stop.abort());
  const query = {
    labelSelector: [selector],
    watch: ['true'],
    resourceVersion: [list.metadata?.resourceVersion ?? ''],
  };
  await client
    .watch(
      { path, query },
      (event) => {
        if (found !== undefined || (event.type !== 'ADDED' && event.type !== 'MODIFIED')) return;
        found = event.object as Pod;
        stop.abort();
      },
      signal,
    )
    .finally(() => stop.abort());
  await timedOut;
  if (found === undefined) throw new Error('timed out waiting for the condition');
  return [found];
}
