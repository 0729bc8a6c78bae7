/**
 * The pod sandbox part of SyncPod: the runtime handler of the pod's RuntimeClass, then
 * RunPodSandbox with the pod's hostname and DNS settings (the runtime calls CNI ADD for its
 * IP); a failure is a `FailedCreatePodSandBox` warning and the pod waits in ContainerCreating
 * for the retry. Before any of it, a pod that needs the pod network waits while the runtime's
 * network is not ready (`NetworkNotReady`), as upstream's SyncPod does.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { CriError } from '../cri/handlers';
import type { KubeletContext, PodRecord } from './context';
import { podDns, podHostname } from './pod-files';

const RUNTIME_CLASSES = findResource('node.k8s.io', 'v1', 'runtimeclasses') as ResourceInfo;

/** Upstream's NetworkNotReadyErrorMsg. */
export const NETWORK_NOT_READY = 'network is not ready';

/** Whether the pod must wait for the runtime's network (after a `NetworkNotReady` warning). */
export function networkNotReady(ctx: KubeletContext, record: PodRecord, cause: number | null): boolean {
  const error = ctx.networkError();
  if (error === null || record.pod.spec?.hostNetwork === true) return false;
  ctx.recorder.event(record.pod, 'Warning', 'NetworkNotReady', `${NETWORK_NOT_READY}: ${error}`, cause);
  return true;
}

/** createPodSandbox failed: the pod keeps waiting in ContainerCreating and is retried. */
function sandboxFailed(ctx: KubeletContext, record: PodRecord, message: string, cause: number | null): void {
  ctx.recorder.event(
    record.pod,
    'Warning',
    'FailedCreatePodSandBox',
    `Failed to create pod sandbox: ${message}`,
    cause,
  );
}

/**
 * The runtime handler of the pod's RuntimeClass (RuntimeClassManager.LookupRuntimeHandler):
 * '' without one; null, after a FailedCreatePodSandBox event, when the class is gone.
 */
function runtimeHandler(ctx: KubeletContext, record: PodRecord, cause: number | null): string | null {
  const name = record.pod.spec?.runtimeClassName;
  if (name === undefined || name === '') return '';
  try {
    return (ctx.client.get(RUNTIME_CLASSES, null, name, cause) as { handler?: string }).handler ?? '';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    sandboxFailed(
      ctx,
      record,
      `failed to get sandbox runtime handler for RuntimeClass "${name}": ${reason}`,
      cause,
    );
    return null;
  }
}

/** Runs the pod's sandbox and keeps it on the record; returns the step, or null when it failed. */
export function createSandbox(ctx: KubeletContext, record: PodRecord, cause: number | null): number | null {
  const pod = record.pod;
  const dns = podDns(pod);
  const handler = runtimeHandler(ctx, record, cause);
  if (handler === null) return null;
  try {
    const sandbox = ctx.runtime.runPodSandbox(
      {
        runtimeHandler: handler,
        name: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? 'default',
        uid: record.uid,
        attempt: 0,
        hostNetwork: pod.spec?.hostNetwork === true,
        hostname: pod.spec?.hostNetwork === true ? ctx.nodeName : podHostname(pod).hostname,
        dnsConfig: { servers: dns.nameservers, searches: dns.searches, options: dns.options },
      },
      cause,
    );
    record.sandbox = sandbox.value;
    return sandbox.step;
  } catch (error) {
    if (!(error instanceof CriError)) throw error;
    sandboxFailed(ctx, record, error.message, error.step);
    return null;
  }
}
