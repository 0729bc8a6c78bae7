/** Helpers shared by this folder's apply tests: objects, a shorthand apply, conflict capture. */

import { ApplyConflictError, serverSideApply } from './index';
import type { ApplySchema, ManagedFieldsEntry } from './index';
import type { KubeObject } from '../types';
import { DEPLOYMENT } from './testdata';

export const T1 = '2025-01-01T10:00:00Z';
export const T2 = '2025-01-01T10:05:00Z';
export const T3 = '2025-01-01T10:10:00Z';

export const obj = (o: object) => o as KubeObject;
export const mf = (o: KubeObject) => o.metadata.managedFields as ManagedFieldsEntry[] | undefined;
export const entry = (o: KubeObject, manager: string) => mf(o)?.find((e) => e.manager === manager);

export interface DeployOpts {
  replicas?: number;
  labels?: Record<string, string>;
  containers?: object[];
  nodeSelector?: Record<string, string>;
}

export const container = (image = 'nginx:1.27', extra: object = {}) => ({ name: 'nginx', image, ...extra });

export function deployment(o: DeployOpts = {}): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: o.containers ?? [container()],
        ...(o.nodeSelector === undefined ? {} : { nodeSelector: o.nodeSelector }),
      },
    },
  };
  if (o.replicas !== undefined) spec.replicas = o.replicas;
  return obj({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: o.labels ?? { app: 'web' } },
    spec,
  });
}

/** A stored object: what the create handler would have added. */
export const stored = (o: KubeObject): KubeObject =>
  obj({ ...o, metadata: { ...o.metadata, uid: 'u-1', resourceVersion: '7', creationTimestamp: T1 } });

export function apply(
  live: KubeObject | null,
  applied: KubeObject,
  manager: string,
  now = T1,
  force = false,
  schema: ApplySchema | null = DEPLOYMENT,
): KubeObject {
  return serverSideApply(live, applied, manager, force, schema ?? undefined, now);
}

export function conflictOf(fn: () => unknown): ApplyConflictError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApplyConflictError) return error;
    throw error;
  }
  throw new Error('expected an apply conflict');
}
