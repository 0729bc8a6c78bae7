/** A cluster running only the garbage collector, and helpers for its tests. */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient, resourcePath } from '../../client/rest';
import { createCluster } from '../../cluster';
import type { TraceStep } from '../../kernel/trace';
import { createControllerManager } from '../manager';
import { garbageCollector } from './index';

export const CONFIGMAPS = findResource('', 'v1', 'configmaps')!;
export const SECRETS = findResource('', 'v1', 'secrets')!;
export const PODS = findResource('', 'v1', 'pods')!;
export const DEPLOYMENTS = findResource('apps', 'v1', 'deployments')!;
export const REPLICASETS = findResource('apps', 'v1', 'replicasets')!;

const POD_SPEC = { containers: [{ name: 'c', image: 'nginx' }] };
const SELECTOR = { matchLabels: { app: 'web' } };
const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: POD_SPEC };

/** A test cluster (seed 1) with kube-controller-manager running the garbage collector. */
export function gcTestbed(options: { started?: boolean } = {}) {
  const cluster = createCluster({
    seed: 1,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  const manager = createControllerManager(cluster.kernel, cluster.apiserver, [garbageCollector]);
  if (options.started !== false) manager.start();
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms = 5_000) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const get = (resource: ResourceInfo, name: string): KubeObject | null => {
    try {
      return client.get(resource, 'default', name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return null;
      throw error;
    }
  };
  /** An ownerReference to `owner`. */
  const ownedBy = (
    owner: KubeObject,
    extra: { blockOwnerDeletion?: boolean; controller?: boolean } = {},
  ) => ({
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    ...extra,
  });
  const configMap = (name: string, owners: object[] = [], finalizers?: string[]) =>
    client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ownerReferences: owners, ...(finalizers === undefined ? {} : { finalizers }) },
    });
  /** A Deployment `web` owning ReplicaSet `web-1` owning Pods `web-1-a` and `web-1-b`, all blocking. */
  const deploymentChain = () => {
    const blocking = { controller: true, blockOwnerDeletion: true };
    const deploy = client.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: SELECTOR, template: TEMPLATE },
    });
    const rs = client.create(REPLICASETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', labels: { app: 'web' }, ownerReferences: [ownedBy(deploy, blocking)] },
      spec: { selector: SELECTOR, template: TEMPLATE },
    });
    for (const name of ['web-1-a', 'web-1-b'])
      client.create(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'web' }, ownerReferences: [ownedBy(rs, blocking)] },
        spec: POD_SPEC,
      });
  };
  /** DELETE as kubectl sends it; returns the status code and the request's trace step. */
  const remove = (resource: ResourceInfo, name: string, propagationPolicy?: string) => {
    const response = client.request('DELETE', resourcePath(resource, 'default', name), {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(propagationPolicy ? { propagationPolicy } : {}) },
    });
    const step = steps.findLast(
      (s) => s.kind === 'request' && s.summary.startsWith('DELETE') && s.from === 'kubectl',
    );
    return { status: response.status, step: step?.id };
  };
  /** The steps kube-controller-manager's garbage collector decided. */
  const decisions = () =>
    steps
      .filter((s) => s.kind === 'decision' && s.summary.startsWith('garbage-collector:'))
      .map((s) => s.summary);
  return {
    cluster,
    manager,
    client,
    steps,
    run,
    get,
    ownedBy,
    configMap,
    deploymentChain,
    remove,
    decisions,
  };
}
