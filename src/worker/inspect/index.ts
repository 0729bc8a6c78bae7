/**
 * The inspectors the runner keeps open for the UI. Inspectors are observers outside the
 * simulation, like a debugger: they read through untraced, read-only accessors, record no
 * trace step, change no state and never touch the kernel's RNG, so the trace is the same
 * whatever panels a user opens.
 */
import type { Cluster } from '../../sim/cluster';
import { etcdView } from './etcd';
import { nodeView } from './node';
import { ObjectInspector } from './object';
import { objectsView } from './objects';
import { RegistryReader } from './registry';
import { schedulerView } from './scheduler';
import type { InspectionView, InspectTarget } from './types';

export type { InspectionView, InspectTarget } from './types';

/** The most inspections open at once (one UI opens two or three). */
export const MAX_INSPECTIONS = 16;

/** Builds a view of one target; may keep what it read until the store's revision moves. */
type Builder = (cluster: Cluster, reader: RegistryReader) => InspectionView;

interface Inspection {
  readonly target: InspectTarget;
  build: Builder;
  /** The serialisation of the view last sent, or null before the first. */
  sent: string | null;
}

/** An `inspection` event: the view of inspection `id` changed. */
export interface InspectionUpdate {
  readonly type: 'inspection';
  readonly id: number;
  readonly view: InspectionView;
}

/**
 * The open inspections, by the id the UI chose. After each frame in which the simulation
 * changed, {@link Inspections.refresh} works every view out again and returns those that
 * differ from what was last sent.
 */
export class Inspections {
  readonly #open = new Map<number, Inspection>();
  #cluster: Cluster | null = null;
  #reader: RegistryReader | null = null;

  /** Opens inspection `id`, or points it at a new target; its view goes out at the next refresh. */
  open(id: number, target: InspectTarget): void {
    if (!this.#open.has(id) && this.#open.size >= MAX_INSPECTIONS)
      throw new Error(`too many inspections open (at most ${MAX_INSPECTIONS}): close one first`);
    this.#open.set(id, { target, build: builder(target), sent: null });
  }

  /** Closes inspection `id`; nothing more is sent for it. */
  close(id: number): void {
    this.#open.delete(id);
  }

  /** How many inspections are open. */
  get size(): number {
    return this.#open.size;
  }

  /** The views of `cluster` that changed since they were last sent (all of them after a new cluster). */
  refresh(cluster: Cluster): InspectionUpdate[] {
    if (cluster !== this.#cluster || this.#reader === null) {
      this.#cluster = cluster;
      this.#reader = new RegistryReader(cluster.etcd);
      // A rebuilt cluster (reset, rewind) reuses revision numbers: drop what was kept.
      for (const inspection of this.#open.values()) inspection.build = builder(inspection.target);
    }
    const updates: InspectionUpdate[] = [];
    for (const [id, inspection] of this.#open) {
      const view = safely(() => inspection.build(cluster, this.#reader as RegistryReader));
      const text = JSON.stringify(view);
      if (text === inspection.sent) continue;
      inspection.sent = text;
      updates.push({ type: 'inspection', id, view });
    }
    return updates;
  }
}

/** The builder for `target`. */
function builder(target: InspectTarget): Builder {
  switch (target.kind) {
    case 'object': {
      const inspector = new ObjectInspector(target);
      return (cluster, reader) =>
        inspector.view(reader, cluster.kernel.clock.epoch + cluster.kernel.clock.now());
    }
    case 'objects':
      return byRevision((_, reader) => objectsView(reader, target));
    case 'etcd':
      return byRevision((cluster) => etcdView(cluster.etcd, target));
    case 'node':
      return (cluster) =>
        nodeView(cluster, target.name) ?? { kind: 'missing', message: `nodes "${target.name}" not found` };
    case 'scheduler':
      return (cluster) => schedulerView(cluster);
  }
}

/** A builder that works its view out again only once the store's revision has moved. */
function byRevision(build: Builder): Builder {
  let kept: { readonly revision: number; readonly view: InspectionView } | null = null;
  return (cluster, reader) => {
    if (kept?.revision !== reader.revision)
      kept = { revision: reader.revision, view: build(cluster, reader) };
    return kept.view;
  };
}

/** The view `build` makes; if it fails, a view saying why, so one view cannot stop the frame. */
function safely(build: () => InspectionView): InspectionView {
  try {
    return build();
  } catch (error) {
    return {
      kind: 'missing',
      message: `cannot inspect this: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
