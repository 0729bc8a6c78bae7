/**
 * A test cluster running only the Deployment controller. No ReplicaSet controller runs, so
 * tests play its part: they write ReplicaSet status to say how many pods exist and are
 * available.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { TraceStep } from '../../kernel/trace';
import { DEPLOYMENTS, PODS, REPLICASETS } from './context';
import { deployment } from './index';
import type { Deployment, ReplicaSet } from './types';
import { clusterWith } from '../testing';

export { DEPLOYMENTS, PODS, REPLICASETS };

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** A Deployment manifest: `web`, `app: web`, one nginx container, whatever `spec` overrides. */
export function deploymentManifest(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...metadata },
    spec: {
      replicas: 3,
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
  const cluster = clusterWith([deployment]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const kernel = cluster.kernel;
  /** Runs the cluster for `ms` of virtual time. */
  const run = (ms = 2_000) => kernel.runUntil(kernel.clock.now() + ms);

  const getDeployment = (name = 'web') => client.get<Deployment>(DEPLOYMENTS, 'default', name);
  /** The ReplicaSets in `default`, oldest revision first. */
  const replicaSets = () =>
    client
      .list<ReplicaSet>(REPLICASETS, 'default')
      .items.sort(
        (a, b) =>
          Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) -
          Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0),
      );
  const replicaSet = (name: string) => client.get<ReplicaSet>(REPLICASETS, 'default', name);

  /**
   * Plays the ReplicaSet controller for one ReplicaSet: `available` of its pods (all of its
   * spec.replicas by default) exist, are ready and available; spec.replicas pods exist.
   */
  const setStatus = (name: string, available?: number, existing?: number) => {
    const rs = replicaSet(name);
    const want = rs.spec.replicas ?? 0;
    const ready = Math.min(available ?? want, want);
    const status = {
      replicas: existing ?? want,
      fullyLabeledReplicas: existing ?? want,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    client.update(REPLICASETS, { ...rs, status }, 'status');
  };
  /** Every ReplicaSet's pods exist and are available (as many as it wants). */
  const settleAll = () => {
    for (const rs of replicaSets()) setStatus(rs.metadata.name ?? '');
  };
  /** Rounds of: run the controller, then make every ReplicaSet fully available. */
  const rollOut = (rounds = 10) => {
    for (let i = 0; i < rounds; i++) {
      run();
      settleAll();
    }
    run();
  };

  const events = () =>
    client
      .list<KubeObject & { reason: string; message: string; type: string; source: { component: string } }>(
        EVENTS,
        'default',
      )
      .items.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const messages = (reason = 'ScalingReplicaSet') =>
    events()
      .filter((e) => e.reason === reason)
      .map((e) => e.message);

  const ignoreNotFound = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return null;
      throw error;
    }
  };

  return {
    cluster,
    kernel,
    client,
    steps,
    run,
    getDeployment,
    replicaSets,
    replicaSet,
    setStatus,
    settleAll,
    rollOut,
    events,
    messages,
    ignoreNotFound,
  };
}
