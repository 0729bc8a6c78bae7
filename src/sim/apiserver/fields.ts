/**
 * The fields each resource lets clients select on (`--field-selector`), as upstream's
 * registries declare them. Every resource supports metadata.name and metadata.namespace.
 */
import type { ResourceInfo } from './resources';
import { badRequest } from './status';
import type { KubeObject } from './types';

type Extractor = (o: KubeObject) => string | undefined;

const at =
  (...path: string[]): Extractor =>
  (o) => {
    let v: unknown = o;
    for (const p of path)
      v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[p] : undefined;
    return v === undefined || v === null ? '' : String(v);
  };

const EXTRA: Readonly<Record<string, Readonly<Record<string, Extractor>>>> = {
  pods: {
    'spec.nodeName': at('spec', 'nodeName'),
    'spec.restartPolicy': at('spec', 'restartPolicy'),
    'spec.schedulerName': at('spec', 'schedulerName'),
    'spec.serviceAccountName': at('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) =>
      String((o.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork ?? false),
    'status.phase': at('status', 'phase'),
    'status.podIP': at('status', 'podIP'),
    'status.nominatedNodeName': at('status', 'nominatedNodeName'),
  },
  events: {
    'involvedObject.kind': at('involvedObject', 'kind'),
    'involvedObject.namespace': at('involvedObject', 'namespace'),
    'involvedObject.name': at('involvedObject', 'name'),
    'involvedObject.uid': at('involvedObject', 'uid'),
    'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source', 'component'),
    type: at('type'),
  },
  nodes: {
    'spec.unschedulable': (o) =>
      String((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false),
  },
  namespaces: { 'status.phase': at('status', 'phase') },
  secrets: { type: at('type') },
  replicasets: { 'status.replicas': at('status', 'replicas') },
  replicationcontrollers: { 'status.replicas': at('status', 'replicas') },
  jobs: { 'status.successful': at('status', 'succeeded') },
  persistentvolumeclaims: { name: at('metadata', 'name') },
};

/** The selectable field values of an object. */
export function selectableFields(resource: ResourceInfo, obj: KubeObject): Record<string, string> {
  const fields: Record<string, string> = {
    'metadata.name': obj.metadata.name ?? '',
    'metadata.namespace': obj.metadata.namespace ?? '',
  };
  const extra = resource.group === '' || resource.plural !== 'events' ? EXTRA[resource.plural] : undefined;
  for (const [field, get] of Object.entries(extra ?? {})) fields[field] = get(obj) ?? '';
  return fields;
}

/** Rejects a field selector naming a field the resource does not support, as upstream does. */
export function checkSelectableFields(resource: ResourceInfo, fields: readonly string[]): void {
  const known = new Set([
    'metadata.name',
    'metadata.namespace',
    ...Object.keys(EXTRA[resource.plural] ?? {}),
  ]);
  for (const field of fields) {
    if (!known.has(field)) throw badRequest(`field label not supported: ${field}`);
  }
}
