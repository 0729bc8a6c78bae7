/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go), reduced to
 * its plan: given the endpoints a Service should have, grouped by their port set, and the
 * slices that exist, decide which slices to create, update and delete. Endpoints stay in the
 * slice they are in when they can; slices left empty are deleted; new endpoints fill slices
 * that change anyway, then slices with room, then new slices of at most 100 endpoints; a
 * Service without endpoints keeps one placeholder slice with neither endpoints nor ports.
 * Like upstream's finalize, a slice that would be created while one of the Service's is to be
 * deleted takes that one's place instead (an update under its name).
 */
import type { KubeObject } from '../../apiserver/types';
import type { ServiceObject } from './types';

/** Upstream's --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** One endpoint of a slice (discovery.k8s.io/v1 Endpoint). */
export interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** One port of a slice. */
export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** An EndpointSlice as the informer delivers it. */
export type SliceObject = KubeObject & {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[];
};

/** The endpoints that share one port set. */
export interface EndpointGroup {
  readonly ports: readonly EndpointPort[];
  readonly endpoints: readonly Endpoint[];
}

/** What to write. Slices to create have no name yet (the apiserver generates it). */
export interface SlicePlan {
  readonly create: SliceObject[];
  readonly update: SliceObject[];
  readonly remove: SliceObject[];
}

/** The key of a port set (upstream's port-mapping hash). */
export function portsKey(ports: readonly EndpointPort[] | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? '']));
}

/** An endpoint's identity: the pod it points at and its addresses. */
function endpointKey(e: Endpoint): string {
  const ref = e.targetRef;
  return `${ref?.namespace ?? ''}/${ref?.name ?? ''}|${e.addresses.join(',')}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Plans the slices of `svc`. `fresh(group)` builds an unsaved slice for a port set (labels,
 * owner already set); `needsMetaUpdate(slice)` returns the slice with its labels corrected,
 * or null when they are already right.
 */
export function planSlices(
  svc: ServiceObject,
  groups: readonly EndpointGroup[],
  existing: readonly SliceObject[],
  fresh: (ports: readonly EndpointPort[]) => SliceObject,
  needsMetaUpdate: (slice: SliceObject) => SliceObject | null,
): SlicePlan {
  const create: SliceObject[] = [];
  const update = new Map<SliceObject, SliceObject>();
  const remove: SliceObject[] = [];
  const keep: SliceObject[] = [];
  const wanted = new Map(
    groups.map((g) => [portsKey(g.ports), new Map(g.endpoints.map((e) => [endpointKey(e), e]))]),
  );
  for (const slice of existing) {
    const owned = slice.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid) === true;
    const desired = wanted.get(portsKey(slice.ports));
    if (!owned || desired === undefined || slice.addressType !== 'IPv4') {
      remove.push(slice);
      continue;
    }
    const current = slice.endpoints ?? [];
    const next: Endpoint[] = [];
    for (const e of current) {
      const key = endpointKey(e);
      const want = desired.get(key);
      if (want === undefined) continue;
      next.push(want);
      desired.delete(key);
    }
    const meta = needsMetaUpdate(slice);
    if (next.length === 0 && current.length > 0) remove.push(slice);
    else if (!same(next, current) || meta !== null)
      update.set(slice, { ...(meta ?? slice), endpoints: next });
    else keep.push(slice);
  }
  for (const group of groups) {
    const left = [...(wanted.get(portsKey(group.ports)) ?? new Map<string, Endpoint>()).values()];
    const fits = (s: SliceObject) => portsKey(s.ports) === portsKey(group.ports);
    // Slices that change anyway first, then unchanged ones with room.
    for (const [, next] of update) {
      if (!fits(next)) continue;
      const room = MAX_ENDPOINTS_PER_SLICE - (next.endpoints ?? []).length;
      if (room > 0) next.endpoints = [...(next.endpoints ?? []), ...left.splice(0, room)];
    }
    for (const slice of [...keep]) {
      const room = MAX_ENDPOINTS_PER_SLICE - (slice.endpoints ?? []).length;
      if (left.length === 0 || room <= 0 || !fits(slice)) continue;
      keep.splice(keep.indexOf(slice), 1);
      update.set(slice, { ...slice, endpoints: [...(slice.endpoints ?? []), ...left.splice(0, room)] });
    }
    while (left.length > 0)
      create.push({ ...fresh(group.ports), endpoints: left.splice(0, MAX_ENDPOINTS_PER_SLICE) });
  }
  if (create.length === 0 && update.size === 0 && keep.length === 0) {
    // No endpoints at all: keep (or create) one placeholder slice.
    const placeholder = remove.find(
      (s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0 && s.addressType === 'IPv4',
    );
    // Upstream's placeholderSliceCompare: reuse it only if owner and labels are as wanted.
    const reusable =
      placeholder !== undefined &&
      remove.length === 1 &&
      placeholder.metadata.ownerReferences?.[0]?.uid === svc.metadata.uid &&
      needsMetaUpdate(placeholder) === null;
    if (reusable) remove.splice(0, 1);
    else create.push({ ...fresh([]), endpoints: [] });
  }
  const updates = [...update.values()];
  // finalize: turn creates into updates of slices that would otherwise be deleted.
  for (let i = 0; i < remove.length && create.length > 0;) {
    const old = remove[i] as SliceObject;
    const slice = create.at(-1) as SliceObject;
    const owned = old.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid) === true;
    if (old.addressType !== slice.addressType || !owned) {
      i++;
      continue;
    }
    create.pop();
    remove.splice(i, 1);
    updates.push({
      ...slice,
      metadata: { ...slice.metadata, name: old.metadata.name, resourceVersion: old.metadata.resourceVersion },
    });
  }
  return { create, update: updates, remove };
}
