import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../worker/host';
import type { Command, HostEvent, InspectionView } from '../../worker/protocol';
import { createInspectStore } from './inspect-store';

/** A host that records commands and lets the test play the simulation's part. */
function fakeHost() {
  const sent: Command[] = [];
  const listeners: ((e: HostEvent) => void)[] = [];
  const host: SimHost = {
    kind: 'in-process',
    send: (c) => sent.push(c),
    subscribe: (l) => {
      listeners.push(l);
      return () => {};
    },
    dispose: () => {},
  };
  return { host, sent, emit: (e: HostEvent) => listeners.forEach((l) => l(e)) };
}

const missing = (message: string): InspectionView => ({ kind: 'missing', message });

describe('the inspectors’ store', () => {
  it('opens an inspection per target, replacing the old one, and closes it', () => {
    const { host, sent } = fakeHost();
    const store = createInspectStore(host);
    const pod = { kind: 'object', resource: 'pods', namespace: 'default', name: 'web' } as const;
    store.getState().show('object', pod);
    store.getState().show('object', pod);
    store.getState().show('component', { kind: 'scheduler' });
    store.getState().show('object', { ...pod, name: 'db' });
    store.getState().show('object', null);
    expect(sent).toEqual([
      { type: 'inspect', id: 1, target: pod },
      { type: 'inspect', id: 2, target: { kind: 'scheduler' } },
      { type: 'uninspect', id: 1 },
      { type: 'inspect', id: 3, target: { ...pod, name: 'db' } },
      { type: 'uninspect', id: 3 },
    ]);
    expect(store.getState().targets).toEqual({
      component: { kind: 'scheduler' },
      object: null,
      picker: null,
    });
  });

  it('shows the views of the current targets only', () => {
    const { host, emit } = fakeHost();
    const store = createInspectStore(host);
    store.getState().show('object', { kind: 'object', resource: 'pods', namespace: null, name: 'a' });
    emit({ type: 'inspection', id: 1, view: missing('pods "a" not found') });
    expect(store.getState().views.object).toEqual(missing('pods "a" not found'));
    store.getState().show('object', { kind: 'object', resource: 'pods', namespace: null, name: 'b' });
    expect(store.getState().views.object).toBeNull();
    // A view of the old target, sent before the simulation saw the change, is dropped.
    emit({ type: 'inspection', id: 1, view: missing('late') });
    expect(store.getState().views.object).toBeNull();
    emit({ type: 'inspection', id: 2, view: missing('pods "b" not found') });
    expect(store.getState().views).toEqual({
      component: null,
      object: missing('pods "b" not found'),
      picker: null,
    });
  });

  it('keeps the etcd tree in view while the next selection loads', () => {
    const { host, emit } = fakeHost();
    const store = createInspectStore(host);
    store.getState().show('component', { kind: 'etcd', key: null });
    emit({ type: 'inspection', id: 1, view: missing('tree') });
    store.getState().show('component', { kind: 'etcd', key: '/registry/pods/' });
    expect(store.getState().views.component).toEqual(missing('tree'));
    store.getState().show('component', { kind: 'scheduler' });
    expect(store.getState().views.component).toBeNull();
    // The etcd view reopens at the key last selected.
    expect(store.getState().etcd).toEqual({ kind: 'etcd', key: '/registry/pods/' });
  });

  it('opens an object with the picker listing its type and namespace', () => {
    const { host } = fakeHost();
    const store = createInspectStore(host);
    store.getState().show('picker', { kind: 'objects', resource: 'pods', namespace: 'kube-system' });
    store.getState().openObject({ kind: 'object', resource: 'nodes', namespace: null, name: 'node-1' });
    expect(store.getState().targets.picker).toEqual({
      kind: 'objects',
      resource: 'nodes',
      namespace: 'kube-system',
    });
    store
      .getState()
      .openObject({ kind: 'object', resource: 'deployments.apps', namespace: 'web', name: 'x' });
    expect(store.getState().targets).toMatchObject({
      object: { kind: 'object', resource: 'deployments.apps', namespace: 'web', name: 'x' },
      picker: { kind: 'objects', resource: 'deployments.apps', namespace: 'web' },
    });
  });
});
