/**
 * Test helpers for the DaemonSet controller: a cluster running only it (no scheduler, no
 * kubelets), Node objects, a manifest, and a stand-in for scheduler and kubelet.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { Revision } from '../statefulset/history';
import { CONTROLLER_REVISIONS, PODS } from '../statefulset/types';
import { daemonSet } from './index';
import { DAEMONSETS, NODES, targetNode, type DaemonSet, type Pod } from './types';
import { clusterWith } from '../testing';

export { DAEMONSETS, NODES, PODS };

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** A DaemonSet `agent` (`app: agent`), with whatever `spec` overrides. */
export function dsManifest(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:1' }] },
      },
      ...spec,
    },
  };
}

/** The cluster, a kubectl-like client, and helpers. */
export function testbed() {
  const cluster = clusterWith([daemonSet]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const kernel = cluster.kernel;
  const run = (ms = 1_000) => kernel.runUntil(kernel.clock.now() + ms);
  /** Creates (or replaces) a Node with labels and taints. */
  const node = (name: string, labels: Record<string, string> = {}, taints: object[] = []) =>
    client.create(NODES, null, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { taints },
    });
  const pods = () => client.list<Pod>(PODS, 'default').items;
  const live = () => pods().filter((p) => p.metadata.deletionTimestamp === undefined);
  /** node name -> images of the live pods targeting it. */
  const placement = () => {
    const out: Record<string, string[]> = {};
    for (const p of live()) (out[targetNode(p) ?? '?'] ??= []).push(p.spec?.containers[0]?.image ?? '');
    return out;
  };
  /** Plays scheduler and kubelet: binds each pod to its target node, Running and Ready. */
  const readyAll = () => {
    for (const p of live()) {
      const name = p.metadata.name ?? '';
      if (p.spec?.nodeName === undefined)
        client.request('POST', `/api/v1/namespaces/default/pods/${name}/binding`, {
          body: {
            apiVersion: 'v1',
            kind: 'Binding',
            metadata: { name },
            target: { kind: 'Node', name: targetNode(p) },
          },
        });
      const pod = client.get<Pod>(PODS, 'default', name);
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      const status = {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: kernel.clock.timestamp() }],
      };
      client.update(PODS, { ...pod, status }, 'status');
    }
    run();
  };
  /** Plays kubelet finishing graceful deletions. */
  const reap = () => {
    for (const p of pods())
      if (p.metadata.deletionTimestamp !== undefined)
        client.request('DELETE', `/api/v1/namespaces/default/pods/${p.metadata.name ?? ''}`, {
          body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
        });
    run();
  };
  const ds = () => client.get<DaemonSet>(DAEMONSETS, 'default', 'agent');
  const revisions = () => client.list<Revision>(CONTROLLER_REVISIONS, 'default').items;
  const events = () => client.list<KubeObject & { reason: string; message: string }>(EVENTS, 'default').items;
  return { cluster, kernel, client, run, node, pods, live, placement, readyAll, reap, ds, revisions, events };
}
