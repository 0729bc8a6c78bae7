/**
 * A large cluster's worker nodes, collapsed: above FULL_WORKERS_MAX workers, each worker is
 * one small card in a grid inside a "worker nodes" frame (its kubelet, kube-proxy, runtime and
 * pods all land on that card), and one edge from the frame to kube-apiserver stands for all
 * of their API traffic. A hundred nodes then stay a tidy grid instead of four hundred cards
 * and hundreds of crossing edges.
 */
import { EXTRA_INFO, workerCard } from './extra-cards';
import type { ComponentFlowNode, LinkFlowEdge, MachineFlowNode, Rect } from './layout';

/** The most worker nodes drawn with a card per component. */
export const FULL_WORKERS_MAX = 8;

/** A collapsed worker's card. */
const WORKER_CARD = { width: 196, height: 52 } as const;
const COLUMNS = 8;
/** How many rows of workers the first view shows under the control plane. */
const FIRST_ROWS = 3;
const GAP = 14;
const PAD = 20;
const HEADER = 36;

/** The id of the frame holding the collapsed workers. */
export const WORKERS_FRAME = 'machine:workers';

/** The size of the frame holding `count` collapsed workers. */
export function workersFrameSize(count: number): { width: number; height: number } {
  const columns = Math.min(Math.max(count, 1), COLUMNS);
  const rows = Math.ceil(count / COLUMNS);
  return {
    width: 2 * PAD + columns * WORKER_CARD.width + (columns - 1) * GAP,
    height: HEADER + PAD + rows * WORKER_CARD.height + (rows - 1) * GAP,
  };
}

/** The collapsed workers at `origin`: their frame and cards, their boxes, and the frame's edge. */
export interface CompactWorkers {
  readonly nodes: (MachineFlowNode | ComponentFlowNode)[];
  readonly rects: ReadonlyMap<string, Rect>;
  readonly edge: LinkFlowEdge;
  /** The cards of the first rows, which the first view shows with the control plane. */
  readonly firstRows: readonly string[];
}

/** Lays out `workers` (machine names) as a grid of small cards, the frame's top-left at `origin`. */
export function layoutCompactWorkers(
  workers: readonly string[],
  origin: { x: number; y: number },
  apiserver: string,
): CompactWorkers {
  const size = workersFrameSize(workers.length);
  const frame: MachineFlowNode = {
    id: WORKERS_FRAME,
    type: 'machine',
    position: origin,
    data: { name: 'worker nodes', role: 'workers', count: workers.length },
    style: size,
    ...size,
    ariaRole: 'group',
    ariaLabel: `${workers.length} worker nodes`,
    selectable: false,
    focusable: false,
    draggable: false,
  };
  const nodes: (MachineFlowNode | ComponentFlowNode)[] = [frame];
  const rects = new Map<string, Rect>();
  workers.forEach((machine, index) => {
    const position = {
      x: PAD + (index % COLUMNS) * (WORKER_CARD.width + GAP),
      y: HEADER + Math.floor(index / COLUMNS) * (WORKER_CARD.height + GAP),
    };
    const id = workerCard(machine);
    rects.set(id, { x: origin.x + position.x, y: origin.y + position.y, ...WORKER_CARD });
    nodes.push({
      id,
      type: 'component',
      position,
      data: { component: null, kind: 'worker', info: { ...EXTRA_INFO.worker, title: machine } },
      ...WORKER_CARD,
      parentId: WORKERS_FRAME,
      extent: 'parent',
      ariaRole: 'button',
      ariaLabel: `${machine} (worker node: kubelet, kube-proxy, container runtime and pods)`,
      draggable: false,
    });
  });
  const edge: LinkFlowEdge = {
    id: `${WORKERS_FRAME}->${apiserver}`,
    source: WORKERS_FRAME,
    target: apiserver,
    sourceHandle: 'source-top',
    targetHandle: 'target-bottom',
    className: 'link link-kubernetes-api link-workers',
    data: { protocol: 'kubernetes-api' },
    focusable: false,
    selectable: false,
  };
  return { nodes, rects, edge, firstRows: workers.slice(0, FIRST_ROWS * COLUMNS).map(workerCard) };
}
