/**
 * Test helpers: a cluster from createCluster (whose Service network runs on every node with a
 * kubelet), a kubectl client, and manifests for a web Deployment behind a Service and a client pod.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster } from '../cluster';
import type { TraceStep } from '../kernel/trace';
import type { ProxyMode } from '../node/kube-proxy';
import type { CniPluginName } from './cni-agent';
import type { ConnectionTarget } from './path';

const resource = (group: string, version: string, plural: string) =>
  findResource(group, version, plural) as ResourceInfo;
export const DEPLOYMENTS = resource('apps', 'v1', 'deployments');
export const SERVICES = resource('', 'v1', 'services');
export const PODS = resource('', 'v1', 'pods');
export const NETWORK_POLICIES = resource('networking.k8s.io', 'v1', 'networkpolicies');

export interface NetworkSetup {
  readonly cni?: CniPluginName;
  readonly proxyMode?: ProxyMode;
  readonly seed?: number;
}

export function setupNetwork(setup: NetworkSetup = {}) {
  const cluster = createCluster({
    seed: setup.seed ?? 7,
    workerNodes: 2,
    cni: setup.cni ?? 'calico',
    kubeProxyMode: setup.proxyMode ?? 'iptables',
  });
  const network = cluster.network;
  if (network === null) throw new Error('the cluster has no network');
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const create = (r: ResourceInfo, obj: object, namespace = 'default') => kubectl.create(r, namespace, obj);
  return { cluster, network, kubectl, steps, run, create };
}

/** A Deployment of nginx pods labelled `app: <name>`, serving on a port named `http`. */
export function webDeployment(name: string, replicas: number, extra: Partial<Container> = {}): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], ...extra },
          ],
        },
      },
    },
  };
}

/** A Service selecting `app: <name>`, port 80 to the pods' `http` port. */
export function webService(name: string, spec: object = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

/** A long-running busybox pod, optionally pinned to a node. */
export function clientPod(name: string, nodeName?: string, spec: object = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }],
      ...(nodeName === undefined ? {} : { nodeName }),
      ...spec,
    },
  };
}

/** Every nginx pod answers HTTP on port 80; nothing else listens. */
export const NGINX: ConnectionTarget = {
  accept: (endpoint) =>
    endpoint.port === 80 && endpoint.pod?.name.startsWith('client') !== true ? 'HTTP/1.1 200 OK' : null,
  external: (ip, port) => (port === 80 ? `HTTP/1.1 200 OK from ${ip}` : null),
};

/** The pods of the cluster whose Ready condition is True, by name. */
export function readyPods(kubectl: ApiClient, app: string): KubeObject[] {
  return kubectl
    .list(PODS, 'default', { labelSelector: `app=${app}` })
    .items.filter((p) =>
      ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      ),
    );
}

/** The chain of steps from `id` back to its first cause. */
export function chainOf(steps: readonly TraceStep[], id: number | null): TraceStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const chain: TraceStep[] = [];
  for (
    let s = id === null ? undefined : byId.get(id);
    s !== undefined;
    s = s.causedBy === null ? undefined : byId.get(s.causedBy)
  )
    chain.unshift(s);
  return chain;
}
