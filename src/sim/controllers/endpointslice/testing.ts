/**
 * Test helpers for the endpoint controllers: a cluster running only the controllers under
 * test, and stand-ins for the scheduler and kubelet (pods bound to a node, with an IP and a
 * Ready condition set through /status).
 */
import type { ContainerPort } from 'kubernetes-types/core/v1';
import { ApiClient } from '../../client/rest';
import type { TraceStep } from '../../kernel/trace';
import type { ControllerDescriptor } from '../manager';
import type { SliceObject } from './reconciler';
import { ENDPOINT_SLICES, NODES, PODS, SERVICES, type PodObject } from './types';
import { clusterWith } from '../testing';

/** A cluster with only `descriptors` in kube-controller-manager, and a kubectl client. */
export function setup(descriptors: readonly ControllerDescriptor[]) {
  const cluster = clusterWith(descriptors);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const slices = (service: string, ns = 'default') =>
    client.list<SliceObject>(ENDPOINT_SLICES, ns, { labelSelector: `kubernetes.io/service-name=${service}` })
      .items;
  return { cluster, client, steps, run, slices };
}

/** Creates a Service selecting `app=<app>` with `ports`. */
export function createService(
  client: ApiClient,
  name: string,
  app: string,
  ports: { name?: string; port: number; targetPort?: number | string }[] = [{ port: 80 }],
  extra: { labels?: Record<string, string>; clusterIP?: string } = {},
) {
  return client.create(SERVICES, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(extra.labels === undefined ? {} : { labels: extra.labels }) },
    spec: {
      selector: { app },
      ports,
      ...(extra.clusterIP === undefined ? {} : { clusterIP: extra.clusterIP }),
    },
  });
}

/** Creates a Node, optionally in a zone. */
export function createNode(client: ApiClient, name: string, zone?: string) {
  return client.create(NODES, null, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { ...(zone === undefined ? {} : { 'topology.kubernetes.io/zone': zone }) } },
  });
}

/**
 * Creates a pod labelled `app=<app>` on `node`, then (as kubelet) gives it `ip` and a Ready
 * condition `ready` through /status.
 */
export function createPod(
  client: ApiClient,
  name: string,
  app: string,
  opts: { node?: string; ip?: string; ready?: boolean; ports?: ContainerPort[]; at?: string } = {},
): PodObject {
  const pod = client.create<PodObject>(PODS, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app } },
    spec: {
      nodeName: opts.node ?? 'node-1',
      containers: [{ name: 'web', image: 'nginx:1.27', ports: opts.ports ?? [] }],
    },
  });
  if (opts.ip === undefined) return pod;
  return setPodReady(client, name, opts.ready ?? true, opts.at ?? '2025-01-01T00:00:00Z', opts.ip);
}

/** Sets a pod's IP and Ready condition as kubelet would. */
export function setPodReady(client: ApiClient, name: string, ready: boolean, at: string, ip?: string) {
  const pod = client.get<PodObject>(PODS, 'default', name);
  const podIP = ip ?? pod.status?.podIP ?? '';
  return client.update<PodObject>(
    PODS,
    {
      ...pod,
      status: {
        ...pod.status,
        phase: 'Running',
        podIP,
        podIPs: [{ ip: podIP }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at }],
      },
    },
    'status',
  );
}
