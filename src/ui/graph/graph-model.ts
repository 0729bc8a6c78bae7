/**
 * One cluster's graph, computed once per topology and shared by the graph view, its
 * animation and the timeline's filters: the layout and the endpoint-to-card mapping.
 */
import type { Topology } from '../../sim/topology';
import { AnchorResolver } from './anchors';
import { layoutCluster, type ClusterLayout } from './layout';

/** A topology's layout and anchors. */
export interface GraphModel {
  readonly layout: ClusterLayout;
  readonly anchors: AnchorResolver;
  /** The card a step endpoint animates on. */
  readonly cardOf: (id: string) => string;
}

const models = new WeakMap<Topology, GraphModel>();

/** The graph model of `topology` (the same object for the same topology). */
export function graphModel(topology: Topology): GraphModel {
  let model = models.get(topology);
  if (model === undefined) {
    const layout = layoutCluster(topology);
    const anchors = new AnchorResolver(layout.rects.keys());
    model = { layout, anchors, cardOf: (id) => anchors.resolve(id).card };
    models.set(topology, model);
  }
  return model;
}
