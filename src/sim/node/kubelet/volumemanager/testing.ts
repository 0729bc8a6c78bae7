/**
 * Test helpers for volumes and container configuration on a whole cluster (scheduler,
 * controllers, kubelets, the hostpath CSI driver): a kubectl client, the trace, a pod's
 * events, and `kubectl exec` through kube-apiserver and the kubelet's server.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiError } from '../../../apiserver/status';
import type { KubeObject, Status } from '../../../apiserver/types';
import { ApiClient } from '../../../client/rest';
import { createCluster } from '../../../cluster';
import type { TraceStep } from '../../../kernel/trace';
import { PODS, type PodObject } from '../context';

export const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
export const CONFIG_MAPS = findResource('', 'v1', 'configmaps') as ResourceInfo;
export const SECRETS = findResource('', 'v1', 'secrets') as ResourceInfo;

/** A 3-worker cluster that has come up (nodes ready, the CSI driver registered). */
export function volumeCluster(seed = 3) {
  const cluster = createCluster({ seed });
  const { kernel, apiserver } = cluster;
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  const client = new ApiClient(apiserver, 'kubectl', 'kubectl');
  const run = (ms: number) => kernel.runUntil(kernel.clock.now() + ms);
  run(20_000);
  const pod = (name: string, spec: Partial<PodSpec>, labels: Record<string, string> = {}): PodObject =>
    client.create<PodObject>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: { containers: [], ...spec },
    });
  const get = (name: string): PodObject | undefined => {
    try {
      return client.get<PodObject>(PODS, 'default', name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  };
  /** `reason: message` of the pod's events, oldest first. */
  const events = (name: string) =>
    client
      .list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(
        EVENTS,
        'default',
      )
      .items.filter((e) => e.involvedObject?.name === name)
      .map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
  /** `kubectl exec <pod> -c <container> -- <command>`: its output and final Status. */
  const exec = (name: string, container: string, command: string[]) => {
    const reply = apiserver.handle({
      method: 'GET',
      path: `/api/v1/namespaces/default/pods/${name}/exec`,
      query: { command, container: [container], stdout: ['true'], stderr: ['true'] },
      headers: { upgrade: 'websocket' },
      client: 'kubectl',
    });
    if (!('session' in reply)) throw new Error(`exec ${name}: no session`);
    let out = '';
    let status: Status | undefined;
    reply.session.start(
      (_stream, data) => (out += data),
      (s) => (status = s),
    );
    run(200);
    return { out, status };
  };
  /** The waiting reason (or running) of a container, as `kubectl get pod` derives STATUS. */
  const state = (name: string, container: string) => {
    const s = get(name)?.status?.containerStatuses?.find((c) => c.name === container)?.state;
    return s?.running !== undefined ? 'Running' : (s?.waiting?.reason ?? s?.terminated?.reason ?? '');
  };
  return { cluster, kernel, client, steps, run, pod, get, events, exec, state };
}
