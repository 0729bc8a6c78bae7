/** Helpers for this folder's tests: default an object the way the apiserver would on decode. */
import { resourceForKind } from '../resources';
import type { KubeObject } from '../types';
import { applyDefaults } from './index';

/** Defaults `obj` for its own apiVersion and kind, failing loudly if that kind is not served. */
export function defaulted(obj: KubeObject): KubeObject {
  const resource = resourceForKind(obj.apiVersion, obj.kind);
  if (!resource) throw new Error(`not served: ${obj.apiVersion} ${obj.kind}`);
  return applyDefaults(resource, obj);
}

/** A one-container pod spec as `kubectl create` writes it into templates. */
export function podSpec(image = 'nginx', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { containers: [{ name: 'app', image, resources: {} }], ...extra };
}

/** The termination message fields every defaulted container carries. */
export const TERMINATION = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};

/** The fields every defaulted pod spec carries (pods also get enableServiceLinks). */
export const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

/** What defaulting makes of `podSpec(image)` in a template (pods also get enableServiceLinks). */
export function defaultedPodSpec(
  image = 'nginx',
  pullPolicy = 'Always',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    containers: [{ name: 'app', image, imagePullPolicy: pullPolicy, resources: {}, ...TERMINATION }],
    ...POD_SPEC_DEFAULTS,
    ...extra,
  };
}
