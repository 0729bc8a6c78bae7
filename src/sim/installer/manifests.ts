import type { Volume } from 'kubernetes-types/core/v1';

/** Small builders for the installer's manifests, so each addon file reads like its YAML. */

type Json = Record<string, unknown>;

/** An object in kube-system. */
export function systemObject(apiVersion: string, kind: string, name: string, labels: Json, rest: Json): Json {
  return { apiVersion, kind, metadata: { name, namespace: 'kube-system', labels }, ...rest };
}

/** A hostPath volume. */
export function hostPathVolume(name: string, path: string, type?: string): Volume {
  return { name, hostPath: { path, ...(type === undefined ? {} : { type }) } };
}

/** An env var from a field of the pod (the downward API). */
export function fieldEnv(name: string, fieldPath: string): Json {
  return { name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } };
}

/** A ServiceAccount in kube-system. */
export function serviceAccount(name: string, labels: Json = {}): Json {
  return systemObject('v1', 'ServiceAccount', name, labels, {});
}

/** Tolerates every taint: what node agents (kube-proxy, CNI daemons) run with. */
export const TOLERATE_ALL = [{ operator: 'Exists' }];

/** The node selector every kubeadm addon uses. */
export const LINUX = { 'kubernetes.io/os': 'linux' };
