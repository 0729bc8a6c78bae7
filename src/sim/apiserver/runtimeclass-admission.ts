/**
 * The `RuntimeClass` admission plugin (upstream's plugin/pkg/admission/runtimeclass): on a
 * pod CREATE naming `spec.runtimeClassName`, the RuntimeClass must exist (else 403 `pod
 * rejected: RuntimeClass "x" not found`); its `overhead.podFixed` becomes the pod's
 * `spec.overhead` (a pod that sets a different one is refused), and its `scheduling` adds
 * its node selector and tolerations to the pod's, so the scheduler places the pod on nodes
 * that have the handler. The kubelet later asks the runtime for the class's handler.
 */
import type { RequestScope } from './handlers/scope';
import { RESOURCES } from './resources';
import { forbidden } from './status';
import type { KubeObject } from './types';

const RUNTIME_CLASSES = RESOURCES.find((r) => r.group === 'node.k8s.io' && r.plural === 'runtimeclasses');

interface RuntimeClassObject extends KubeObject {
  handler?: string;
  overhead?: { podFixed?: Record<string, string> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Record<string, unknown>[] };
}

const NO_CLASS_OVERHEAD =
  'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Mutates a new pod's `spec` from its RuntimeClass; returns whether the plugin acted. */
export function admitRuntimeClass(
  scope: RequestScope,
  obj: KubeObject,
  spec: Record<string, unknown>,
): boolean {
  const className = spec.runtimeClassName;
  const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
  if (typeof className !== 'string' || className === '' || RUNTIME_CLASSES === undefined) {
    if (spec.overhead === undefined) return false;
    throw forbidden(scope.resource, name, NO_CLASS_OVERHEAD);
  }
  const { kv } = scope.etcd.get(scope.storage.key(RUNTIME_CLASSES, null, className), {
    client: scope.server,
    causedBy: scope.step,
  });
  if (kv === null)
    throw forbidden(scope.resource, name, `pod rejected: RuntimeClass "${className}" not found`);
  const rc = JSON.parse(kv.value) as RuntimeClassObject;
  const fixed = rc.overhead?.podFixed;
  if (fixed !== undefined) {
    if (spec.overhead !== undefined && !sameJson(spec.overhead, fixed))
      throw forbidden(
        scope.resource,
        name,
        "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
      );
    spec.overhead = { ...fixed };
  } else if (spec.overhead !== undefined) {
    throw forbidden(scope.resource, name, NO_CLASS_OVERHEAD);
  }
  const scheduling = rc.scheduling;
  if (scheduling?.nodeSelector !== undefined) {
    const own = (spec.nodeSelector as Record<string, string> | undefined) ?? {};
    for (const [key, value] of Object.entries(scheduling.nodeSelector)) {
      if (own[key] !== undefined && own[key] !== value)
        throw forbidden(
          scope.resource,
          name,
          `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${own[key]}`,
        );
    }
    spec.nodeSelector = { ...own, ...scheduling.nodeSelector };
  }
  if (scheduling?.tolerations !== undefined) {
    const own = (spec.tolerations as Record<string, unknown>[] | undefined) ?? [];
    spec.tolerations = [...own, ...scheduling.tolerations.filter((t) => !own.some((o) => sameJson(o, t)))];
  }
  return true;
}
