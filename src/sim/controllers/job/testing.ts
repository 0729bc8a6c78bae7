/**
 * Test helpers for the Job controller: a cluster running only the controllers under test, a
 * Job manifest, and a stand-in for kubelet that sets pod phases through /status.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { ControllerDescriptor } from '../manager';
import { job as jobController } from '.';
import type { JobObject, PodObject } from './types';
import { clusterWith } from '../testing';

export const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
export const JOBS = findResource('batch', 'v1', 'jobs') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** A cluster with only `descriptors` in kube-controller-manager, and a kubectl client. */
export function setup(descriptors: readonly ControllerDescriptor[] = [jobController]) {
  const cluster = clusterWith(descriptors);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const pods = (ns = 'default') =>
    client
      .list<PodObject>(PODS, ns)
      .items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const job = (name: string, ns = 'default') => client.get<JobObject>(JOBS, ns, name);
  const events = (ns = 'default') =>
    client
      .list<KubeObject & { reason?: string; message?: string; type?: string }>(EVENTS, ns)
      .items.map((e) => `${e.type ?? ''} ${e.reason ?? ''} ${e.message ?? ''}`);
  /** Sets a pod's phase as kubelet would (PUT /status). */
  const setPhase = (name: string, phase: string, extra: PodStatus = {}) => {
    const pod = client.get<PodObject>(PODS, 'default', name);
    client.update(PODS, { ...pod, status: { ...pod.status, ...extra, phase } }, 'status');
  };
  /** Sets the phase of every pod of the Job still Pending or Running. */
  const finishAll = (phase: string) => {
    for (const pod of pods())
      if (
        pod.metadata.deletionTimestamp === undefined &&
        ['Pending', 'Running', undefined].includes(pod.status?.phase)
      )
        setPhase(pod.metadata.name ?? '', phase);
  };
  return { cluster, client, run, pods, job, events, setPhase, finishAll };
}

/** A Job manifest running busybox. */
export function jobManifest(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        metadata: { labels: { app: name } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}
