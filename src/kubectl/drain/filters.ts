/**
 * Which pods `kubectl drain` removes from a node (pkg/drain's filters): DaemonSet pods stay
 * (and need `--ignore-daemonsets`), mirror pods stay, pods with emptyDir data need
 * `--delete-emptydir-data`, pods without a controller need `--force`. Each pod gets the
 * status of the last filter it passed, or of the first that kept it; warnings and errors
 * are grouped by message as kubectl prints them.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { RestClient } from '../client/rest';
import { hasReason } from '../errors';

/** What the filters decided for one pod. */
export interface PodDeleteStatus {
  readonly delete: boolean;
  readonly reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  readonly message: string;
}

/** A pod on the node and what becomes of it. */
export interface PodDelete {
  readonly pod: Pod;
  readonly status: PodDeleteStatus;
}

/** The drain options the filters read. */
export interface FilterOptions {
  readonly force: boolean;
  readonly ignoreAllDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  /** `--skip-wait-for-delete-timeout`: pods deleted longer ago than this many seconds are skipped. */
  readonly skipWaitForDeleteTimeoutSeconds: number;
  /** Wall-clock time in epoch ms. */
  readonly now: number;
}

const OKAY: PodDeleteStatus = { delete: true, reason: 'Okay', message: '' };
const SKIP: PodDeleteStatus = { delete: false, reason: 'Skip', message: '' };
const warning = (del: boolean, message: string): PodDeleteStatus => ({
  delete: del,
  reason: 'Warning',
  message,
});
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: Pod) => pod.metadata?.ownerReferences?.find((r) => r.controller === true);

/** Whether a pod was deleted more than `seconds` ago (drain then skips it). */
export function shouldSkipPod(pod: Pod, seconds: number, now: number): boolean {
  const deleted = pod.metadata?.deletionTimestamp;
  return seconds > 0 && deleted !== undefined && Math.trunc((now - Date.parse(deleted)) / 1000) > seconds;
}

type Filter = (pod: Pod) => PodDeleteStatus | Promise<PodDeleteStatus>;

function filters(client: RestClient, o: FilterOptions): Filter[] {
  return [
    (pod) => (shouldSkipPod(pod, o.skipWaitForDeleteTimeoutSeconds, o.now) ? SKIP : OKAY),
    async (pod) => {
      const ref = controllerOf(pod);
      if (ref?.kind !== 'DaemonSet' || finished(pod)) return OKAY;
      const namespace = encodeURIComponent(pod.metadata?.namespace ?? '');
      try {
        await client.json({
          path: `/apis/apps/v1/namespaces/${namespace}/daemonsets/${encodeURIComponent(ref.name)}`,
          target: { group: 'apps', resource: 'daemonsets', name: ref.name },
        });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return hasReason(e, 'NotFound') && o.force ? warning(true, message) : error(message);
      }
      return o.ignoreAllDaemonSets
        ? warning(false, 'ignoring DaemonSet-managed Pods')
        : error('DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    },
    (pod) => (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined ? SKIP : OKAY),
    (pod) => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) || finished(pod)) return OKAY;
      return o.deleteEmptyDirData
        ? warning(true, 'deleting Pods with local storage')
        : error('Pods with local storage (use --delete-emptydir-data to override)');
    },
    (pod) => {
      if (finished(pod) || controllerOf(pod) !== undefined) return OKAY;
      return o.force
        ? warning(true, 'deleting Pods that declare no controller')
        : error('cannot delete Pods that declare no controller (use --force to override)');
    },
  ];
}

/** Runs the filters over the node's pods (filterPods). */
export async function filterPods(
  client: RestClient,
  pods: readonly Pod[],
  options: FilterOptions,
): Promise<PodDelete[]> {
  const list: PodDelete[] = [];
  for (const pod of pods) {
    let status = OKAY;
    for (const filter of filters(client, options)) {
      status = await filter(pod);
      if (!status.delete) break;
    }
    list.push({ pod, status });
  }
  return list;
}

/** Pod names (`ns/name`) grouped by message, for the pods whose status has `reason`. */
function grouped(list: readonly PodDelete[], reason: PodDeleteStatus['reason']): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { pod, status } of list) {
    if (status.reason !== reason) continue;
    const message = status.message === '' && reason === 'Error' ? 'unexpected error' : status.message;
    const names = groups.get(message) ?? [];
    names.push(`${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`);
    groups.set(message, names);
  }
  return groups;
}

/** The pods to remove. */
export const podsToDelete = (list: readonly PodDelete[]): Pod[] =>
  list.filter((p) => p.status.delete).map((p) => p.pod);

/** PodDeleteList.Warnings: `message: ns/a, ns/b; other: ns/c`, or ''. */
export function deleteWarnings(list: readonly PodDelete[]): string {
  return [...grouped(list, 'Warning')].map(([message, pods]) => `${message}: ${pods.join(', ')}`).join('; ');
}

/** PodDeleteList.errors: one `cannot delete <message>: <pods>` per message. */
export function deleteErrors(list: readonly PodDelete[]): Error[] {
  return [...grouped(list, 'Error')].map(
    ([message, pods]) => new Error(`cannot delete ${message}: ${pods.join(', ')}`),
  );
}
