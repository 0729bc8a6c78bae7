/**
 * The inspectors' slice of the UI state: what each inspector panel looks at and the live
 * view the simulation last sent for it. Each change of target opens a new inspection (a new
 * id) and closes the old one, so a view still on its way for the old target is ignored.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import type { EtcdTarget, ObjectTarget } from '../../worker/inspect/types';
import type { InspectionView, InspectTarget } from '../../worker/protocol';

/**
 * The inspector panels: the selected component's (etcd, the scheduler or a node), the
 * object view, and the object picker's list of names.
 */
export type InspectSlot = 'component' | 'object' | 'picker';

const SLOTS: readonly InspectSlot[] = ['component', 'object', 'picker'];

/** What the inspector panels show. */
export interface InspectState {
  readonly targets: Readonly<Record<InspectSlot, InspectTarget | null>>;
  /**
   * The view of each slot's target; null until the first arrives. While a new etcd or picker
   * target loads, the previous view stays, so the tree does not flicker.
   */
  readonly views: Readonly<Record<InspectSlot, InspectionView | null>>;
  /** The last etcd target shown, so the etcd view reopens where the user left it. */
  readonly etcd: EtcdTarget;
}

/** What the inspector panels can do. */
export interface InspectActions {
  /** Points `slot` at `target` (live from now on), or closes it (null). */
  show(slot: InspectSlot, target: InspectTarget | null): void;
  /** Opens the object inspector on `target`, its picker listing the objects next to it. */
  openObject(target: ObjectTarget): void;
}

/** The inspectors' slice. */
export type InspectStore = StoreApi<InspectState & InspectActions>;

const none = <T>(value: T): Record<InspectSlot, T> => ({ component: value, object: value, picker: value });

/** Whether a slot keeps showing its old view while the view of `next` loads. */
const keepsView = (previous: InspectTarget | null, next: InspectTarget): boolean =>
  previous?.kind === next.kind && (next.kind === 'etcd' || next.kind === 'objects');

/** Creates the inspectors' slice for `host`: it sends inspect commands and takes in the views. */
export function createInspectStore(host: SimHost): InspectStore {
  let nextId = 1;
  const ids = none<number | null>(null);
  const store = createStore<InspectState & InspectActions>()((set, get) => ({
    targets: none(null),
    views: none(null),
    etcd: { kind: 'etcd', key: null },
    show(slot, target) {
      const { targets, views } = get();
      const previous = targets[slot];
      if (JSON.stringify(previous) === JSON.stringify(target)) return;
      const old = ids[slot];
      if (old !== null) host.send({ type: 'uninspect', id: old });
      ids[slot] = target === null ? null : nextId++;
      if (target !== null) host.send({ type: 'inspect', id: ids[slot] as number, target });
      set({
        targets: { ...targets, [slot]: target },
        views: { ...views, [slot]: target !== null && keepsView(previous, target) ? views[slot] : null },
        ...(target?.kind === 'etcd' ? { etcd: target } : {}),
      });
    },
    openObject(target) {
      const { show, targets } = get();
      const listed = targets.picker?.kind === 'objects' ? targets.picker.namespace : null;
      show('object', target);
      show('picker', {
        kind: 'objects',
        resource: target.resource,
        namespace: target.namespace ?? listed ?? 'default',
      });
    },
  }));
  host.subscribe((event) => {
    if (event.type !== 'inspection') return;
    const slot = SLOTS.find((s) => ids[s] === event.id);
    if (slot !== undefined) store.setState((state) => ({ views: { ...state.views, [slot]: event.view } }));
  });
  return store;
}
