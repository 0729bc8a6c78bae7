/**
 * The `Priority` admission plugin (upstream's plugin/pkg/admission/priority), mutating and
 * validating:
 *
 * - on a pod CREATE it resolves `spec.priorityClassName` to `spec.priority` and
 *   `spec.preemptionPolicy` from the PriorityClass (the global default class when no name is
 *   given, priority 0 and PreemptLowerPriority when there is none), refuses a class that does
 *   not exist, and refuses a `priority` or `preemptionPolicy` the pod sets that disagrees;
 * - on a pod UPDATE it keeps the priority it set at creation when the new object omits it;
 * - on a PriorityClass CREATE or UPDATE it refuses a second `globalDefault` class.
 *
 * Classes are read from storage, as the namespace check reads namespaces.
 */
import type { RequestScope } from './handlers/scope';
import { RESOURCES } from './resources';
import { forbidden } from './status';
import type { KubeObject } from './types';

const PRIORITY_CLASSES = RESOURCES.find(
  (r) => r.group === 'scheduling.k8s.io' && r.plural === 'priorityclasses',
);

/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS = 0;

/** The fields of a PriorityClass the plugin reads. */
interface PriorityClassObject extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** The class named `name`, or null. */
function getClass(scope: RequestScope, name: string): PriorityClassObject | null {
  if (PRIORITY_CLASSES === undefined) return null;
  const { kv } = scope.etcd.get(scope.storage.key(PRIORITY_CLASSES, null, name), {
    client: scope.server,
    causedBy: scope.step,
  });
  return kv === null ? null : (JSON.parse(kv.value) as PriorityClassObject);
}

/**
 * The global default class (getDefaultPriorityClass): should a race have left more than one,
 * the one with the lowest value.
 */
function defaultClass(scope: RequestScope): PriorityClassObject | null {
  if (PRIORITY_CLASSES === undefined) return null;
  const classes = scope.storage.list(PRIORITY_CLASSES, null, {}, { causedBy: scope.step })
    .items as PriorityClassObject[];
  let found: PriorityClassObject | null = null;
  for (const pc of classes) {
    if (pc.globalDefault === true && (found === null || (found.value ?? 0) > (pc.value ?? 0))) found = pc;
  }
  return found;
}

/**
 * Mutates a pod's `spec` on CREATE (see the file comment). Throws 403 Forbidden with
 * upstream's messages when the class is unknown or the pod's own values disagree.
 */
export function admitPodPriority(scope: RequestScope, pod: KubeObject, spec: Record<string, unknown>): void {
  const name = pod.metadata.name ?? '';
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let priority: number;
  let policy: string | undefined;
  if (className === '') {
    const dpc = defaultClass(scope);
    if (dpc === null) {
      priority = DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS;
      policy = 'PreemptLowerPriority';
    } else {
      spec.priorityClassName = dpc.metadata.name;
      priority = dpc.value ?? 0;
      policy = dpc.preemptionPolicy;
    }
  } else {
    const pc = getClass(scope, className);
    if (pc === null)
      throw forbidden(scope.resource, name, `no PriorityClass with name ${className} was found`);
    priority = pc.value ?? 0;
    policy = pc.preemptionPolicy;
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    throw forbidden(
      scope.resource,
      name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy === undefined) return;
  if (typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== policy) {
    throw forbidden(
      scope.resource,
      name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = policy;
}

/**
 * On a pod UPDATE whose object omits `spec.priority`, keeps the stored one (validation forbids
 * changing it, so nothing else needs restoring). Returns whether it changed the spec.
 */
export function keepPodPriority(scope: RequestScope, spec: Record<string, unknown>): boolean {
  if (spec.priority !== undefined || scope.name === null) return false;
  const { kv } = scope.etcd.get(scope.storage.key(scope.resource, scope.namespace, scope.name), {
    client: scope.server,
    causedBy: scope.step,
  });
  const old = kv === null ? undefined : (JSON.parse(kv.value) as { spec?: { priority?: number } }).spec;
  if (old?.priority === undefined) return false;
  spec.priority = old.priority;
  return true;
}

/**
 * Validating half for PriorityClasses: a class may become the global default only when no
 * other class is one (`PriorityClass <name> is already marked as default. Only one default can
 * exist`, 403). Returns whether the plugin looked at the object.
 */
export function validatePriorityClassDefault(
  scope: RequestScope,
  pc: KubeObject,
  operation: 'CREATE' | 'UPDATE',
): boolean {
  const r = scope.resource;
  if (r.group !== 'scheduling.k8s.io' || r.plural !== 'priorityclasses' || scope.subresource !== null)
    return false;
  if ((pc as PriorityClassObject).globalDefault !== true) return true;
  const dpc = defaultClass(scope);
  if (dpc !== null && (operation === 'CREATE' || dpc.metadata.name !== pc.metadata.name)) {
    throw forbidden(
      scope.resource,
      pc.metadata.name ?? '',
      `PriorityClass ${dpc.metadata.name ?? ''} is already marked as default. Only one default can exist`,
    );
  }
  return true;
}
