/**
 * Test helpers for the ReplicaSet controller: a cluster running only the controllers under
 * test, manifests, and a stand-in for kubelet that sets pod status through /status.
 */
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { TraceStep } from '../../kernel/trace';
import type { ControllerDescriptor } from '../manager';
import { replicaSet } from '.';
import type { PodObject, WorkloadObject } from './types';
import { clusterWith } from '../testing';

export const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
export const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
export const REPLICASETS = findResource('apps', 'v1', 'replicasets') as ResourceInfo;
export const RCS = findResource('', 'v1', 'replicationcontrollers') as ResourceInfo;

/** A cluster with only `descriptors` in kube-controller-manager, and a kubectl client. */
export function setup(descriptors: readonly ControllerDescriptor[] = [replicaSet]) {
  const cluster = clusterWith(descriptors);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const pods = (ns = 'default') =>
    client
      .list<PodObject>(PODS, ns)
      .items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const rs = (name: string, ns = 'default') => client.get<WorkloadObject>(REPLICASETS, ns, name);
  const events = (ns = 'default') =>
    client.list<KubeObject & { reason?: string; message?: string; source?: { component?: string } }>(
      EVENTS,
      ns,
    ).items;
  return { cluster, client, steps, run, pods, rs, events };
}

/** A ReplicaSet manifest selecting `app=<name>`. */
export function replicaSetManifest(
  name: string,
  replicas: number,
  extra: { minReadySeconds?: number; labels?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      ...(extra.minReadySeconds === undefined ? {} : { minReadySeconds: extra.minReadySeconds }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...extra.labels }, annotations: { note: 'from-template' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  };
}

/** A bare pod with `labels`, optionally bound to a node, created `ownerReferences`-free. */
export function podManifest(name: string, labels: Record<string, string>, nodeName?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      ...(nodeName === undefined ? {} : { nodeName }),
      containers: [{ name: 'web', image: 'nginx:1.27' }],
    },
  };
}

/** Sets a pod's status as kubelet would (PUT /status on the latest version). */
export function setPodStatus(client: ApiClient, name: string, status: PodStatus, ns = 'default'): void {
  const pod = client.get<PodObject>(PODS, ns, name);
  client.update(PODS, { ...pod, status: { ...pod.status, ...status } }, 'status');
}

/** A Running pod whose Ready condition turned `ready` at `since` (an RFC 3339 stamp). */
export function running(ready: boolean, since: string, restarts = 0): PodStatus {
  const condition: PodCondition = {
    type: 'Ready',
    status: ready ? 'True' : 'False',
    lastTransitionTime: since,
  };
  return {
    phase: 'Running',
    conditions: [condition],
    containerStatuses: [
      { name: 'web', image: 'nginx:1.27', imageID: '', ready, restartCount: restarts, started: true },
    ],
  };
}

/** The chain of steps from `step` back to the outside input that started it. */
export function chainOf(steps: readonly TraceStep[], step: TraceStep | undefined): TraceStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const chain: TraceStep[] = [];
  for (let s = step; s !== undefined; s = s.causedBy === null ? undefined : byId.get(s.causedBy))
    chain.push(s);
  return chain;
}
