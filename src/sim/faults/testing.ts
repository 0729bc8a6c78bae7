/** Test helpers: a settled cluster, a kubectl-like client, and readers for pods and nodes. */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster, type Cluster } from '../cluster';
import { FAULT_API_VERSION, type Fault, type FaultSpec } from './crd';
import { FAULTS } from './controller';

const resource = (group: string, version: string, plural: string) =>
  findResource(group, version, plural) as ResourceInfo;
export const PODS = resource('', 'v1', 'pods');
export const NODES = resource('', 'v1', 'nodes');
export const EVENTS = resource('', 'v1', 'events');
export const DEPLOYMENTS = resource('apps', 'v1', 'deployments');
export const REPLICASETS = resource('apps', 'v1', 'replicasets');

/** A cluster with its addons up, and a client acting as kubectl. */
export interface Lab {
  readonly cluster: Cluster;
  readonly kubectl: ApiClient;
  /** Advances virtual time by `seconds`. */
  run(seconds: number): void;
  pods(namespace?: string): (Pod & KubeObject)[];
  node(name: string): Node & KubeObject;
  fault(name: string): Fault;
  inject(name: string, spec: FaultSpec): void;
  heal(name: string): void;
}

export function lab(seed = 7): Lab {
  const cluster = createCluster({ seed });
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl-client-side-apply');
  const run = (seconds: number) => void cluster.kernel.runUntil(cluster.kernel.clock.now() + seconds * 1000);
  run(60);
  return {
    cluster,
    kubectl,
    run,
    pods: (namespace = 'default') => kubectl.list(PODS, namespace).items as (Pod & KubeObject)[],
    node: (name) => kubectl.get(NODES, null, name) as Node & KubeObject,
    fault: (name) => kubectl.get(FAULTS, null, name),
    inject: (name, spec) =>
      void kubectl.create(FAULTS, null, {
        apiVersion: FAULT_API_VERSION,
        kind: 'Fault',
        metadata: { name },
        spec,
      }),
    heal: (name) => void kubectl.delete(FAULTS, null, name),
  };
}

/** A bare pod, optionally pinned to a node. */
export function pod(name: string, image: string, nodeName?: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(nodeName === undefined ? {} : { nodeName }), containers: [{ name: 'main', image }] },
  };
}

/** The node's condition of `type`. */
export const condition = (node: Node, type: string) => node.status?.conditions?.find((c) => c.type === type);
