/**
 * Test helpers for the StatefulSet controller: a cluster running only it (no scheduler, no
 * kubelets), a manifest, and a stand-in for kubelet that marks pods Running and Ready.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { TraceStep } from '../../kernel/trace';
import type { Revision } from './history';
import { statefulSet } from './index';
import {
  CONTROLLER_REVISIONS,
  PODS,
  PVCS,
  STATEFULSETS,
  type Claim,
  type Pod,
  type StatefulSet,
} from './types';
import { clusterWith } from '../testing';

export { CONTROLLER_REVISIONS, PODS, PVCS, STATEFULSETS };

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** A StatefulSet `web` (service `nginx`, `app: web`), with whatever `spec` overrides. */
export function setManifest(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      },
      ...spec,
    },
  };
}

/** The cluster, a kubectl-like client, and helpers. */
export function testbed() {
  const cluster = clusterWith([statefulSet]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const kernel = cluster.kernel;
  const run = (ms = 1_000) => kernel.runUntil(kernel.clock.now() + ms);
  const byName = <T extends KubeObject>(items: T[]) =>
    items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const pods = () => byName(client.list<Pod>(PODS, 'default').items);
  const names = () => pods().map((p) => p.metadata.name);
  const claims = () => byName(client.list<Claim>(PVCS, 'default').items);
  const revisions = () =>
    client.list<Revision>(CONTROLLER_REVISIONS, 'default').items.sort((a, b) => a.revision - b.revision);
  const set = () => client.get<StatefulSet>(STATEFULSETS, 'default', 'web');
  /**
   * Plays scheduler and kubelet: binds the pod to `node-1` (so deleting it is graceful and
   * it lingers, terminating, until {@link forceDelete}), then marks it Running, and Ready
   * unless told otherwise.
   */
  const ready = (name: string, isReady = true) => {
    let pod = client.get<Pod>(PODS, 'default', name);
    if (pod.spec?.nodeName === undefined) {
      client.request('POST', `/api/v1/namespaces/default/pods/${name}/binding`, {
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name },
          target: { kind: 'Node', name: 'node-1' },
        },
      });
      pod = client.get<Pod>(PODS, 'default', name);
    }
    const stamp = kernel.clock.timestamp();
    const status = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False', lastTransitionTime: stamp }],
    };
    client.update(PODS, { ...pod, status }, 'status');
  };
  /** Marks every existing, not terminating pod ready, then runs. */
  const readyAll = () => {
    for (const p of pods()) if (p.metadata.deletionTimestamp === undefined) ready(p.metadata.name ?? '');
    run();
  };
  /** Deletes a pod at once (what kubelet's final delete does for a terminating pod). */
  const forceDelete = (name: string) =>
    client.request('DELETE', `/api/v1/namespaces/default/pods/${name}`, {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
    });
  const events = () =>
    client.list<KubeObject & { reason: string; message: string; source: { component: string } }>(
      EVENTS,
      'default',
    ).items;
  return {
    cluster,
    kernel,
    client,
    steps,
    run,
    pods,
    names,
    claims,
    revisions,
    set,
    ready,
    readyAll,
    forceDelete,
    events,
  };
}
