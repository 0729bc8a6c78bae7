import type { Edge, Node } from '@xyflow/react';
import type { ComponentKind, Topology, TopologyComponent, TopologyLink } from '../../sim/topology';
import { infoFor, type ComponentInfo } from '../catalog';
import { FULL_WORKERS_MAX, layoutCompactWorkers, workersFrameSize, WORKERS_FRAME } from './compact-workers';
import { EXTRA_INFO, INTERNET_CARD, podsCard, type ExtraKind } from './extra-cards';

/**
 * Data carried by a card on the graph: a topology component, or one of the UI's extra cards
 * (a node's pods, the internet), which have no `component`.
 */
export type ComponentNodeData = {
  component: TopologyComponent | null;
  kind: ComponentKind | ExtraKind;
  info: ComponentInfo;
};
/**
 * Data carried by a machine (node) frame on the graph, or by the frame of a large cluster's
 * collapsed workers (`workers`, with how many).
 */
export type MachineNodeData = { name: string; role: 'control-plane' | 'worker' | 'workers'; count?: number };

export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;
export type MachineFlowNode = Node<MachineNodeData, 'machine'>;
export type ClusterFlowNode = ComponentFlowNode | MachineFlowNode;
export type LinkFlowEdge = Edge<{ protocol: TopologyLink['protocol'] | 'plugin' }>;
/** A card's box in flow coordinates. */
export type Rect = { x: number; y: number; width: number; height: number };

export const CARD = { width: 212, height: 60 } as const;
const GAP = { x: 32, y: 36 } as const;
const PAD = 20;
const HEADER = 36;
const MACHINE_GAP = 36;
const WORKERS_PER_ROW = 4;

type Slot = readonly [column: number, row: number];

/** Where each kind sits inside its machine, in card slots. */
const CONTROL_PLANE_SLOTS: Partial<Record<ComponentKind, Slot>> = {
  'kube-scheduler': [0, 0],
  'kube-controller-manager': [1, 0],
  'cloud-controller-manager': [2, 0],
  'kube-apiserver': [1, 1],
  etcd: [2, 1],
  // A kubeadm control plane also runs the node agents (its pods are static pods and addons);
  // kubelet sits between its runtime and its pods card.
  'kube-proxy': [0, 2],
  'container-runtime': [1, 2],
  kubelet: [2, 2],
};
const WORKER_SLOTS: Partial<Record<ComponentKind, Slot>> = {
  kubelet: [0, 0],
  'kube-proxy': [1, 0],
  'container-runtime': [0, 1],
};
/** Where a machine's pods card sits: the worker's free slot, a fourth column on the control plane. */
const PODS_SLOT = { worker: [1, 1], 'control-plane': [3, 2] } as const satisfies Record<string, Slot>;

const slotPosition = ([column, row]: Slot) => ({
  x: PAD + column * (CARD.width + GAP.x),
  y: HEADER + row * (CARD.height + GAP.y),
});
const frameSize = (columns: number, rows: number) => ({
  width: 2 * PAD + columns * CARD.width + (columns - 1) * GAP.x,
  height: HEADER + PAD + rows * CARD.height + (rows - 1) * GAP.y,
});

/** What layoutCluster draws: React Flow's nodes and edges, and every card's absolute box. */
export interface ClusterLayout {
  readonly nodes: ClusterFlowNode[];
  readonly edges: LinkFlowEdge[];
  readonly rects: ReadonlyMap<string, Rect>;
  /** The nodes the first view fits, when not all of them (a large cluster's control plane and first rows). */
  readonly focus: readonly string[] | null;
}

/**
 * Lays the cluster out for React Flow: the control-plane node on top with kube-apiserver at
 * its centre, kubectl to its left, and worker nodes in rows below. Every machine with a
 * kubelet also gets a pods card (where steps to pods, CNI and CSI land), and the control plane
 * an internet card beside it. Above FULL_WORKERS_MAX workers, each worker collapses to one
 * small card (compact-workers.ts). Positions are fixed for a given topology, so the picture
 * never jumps between renders.
 */
export function layoutCluster(topology: Topology): ClusterLayout {
  const nodes: ClusterFlowNode[] = [];
  const absolute = new Map<string, { x: number; y: number }>();
  const workers = topology.machines.filter((m) => m.role === 'worker');
  const controlPlanes = new Set(
    topology.machines.filter((m) => m.role === 'control-plane').map((m) => m.name),
  );
  const hasKubelet = new Set(topology.components.filter((c) => c.kind === 'kubelet').map((c) => c.machine));
  const cpAgents = [...controlPlanes].some((m) => hasKubelet.has(m));
  const cpRows = cpAgents ? 3 : 2;
  const cpFrame = frameSize(cpAgents ? 4 : 3, cpRows);
  const workerFrame = frameSize(2, 2);
  const compact = workers.length > FULL_WORKERS_MAX;
  const perRow = Math.min(Math.max(workers.length, 1), WORKERS_PER_ROW);
  const workersWidth = compact
    ? workersFrameSize(workers.length).width
    : perRow * workerFrame.width + (perRow - 1) * MACHINE_GAP;
  const cpOrigin = { x: Math.max(0, (workersWidth - cpFrame.width) / 2), y: 0 };

  const place = (
    machine: string,
    origin: { x: number; y: number },
    slots: Partial<Record<ComponentKind, Slot>>,
  ) => {
    for (const component of topology.components.filter((c) => c.machine === machine)) {
      const slot = slots[component.kind];
      if (slot === undefined) throw new Error(`no place for ${component.kind} on ${machine}`);
      const position = slotPosition(slot);
      absolute.set(component.id, { x: origin.x + position.x, y: origin.y + position.y });
      nodes.push(componentNode(component, position, machine));
    }
    if (!hasKubelet.has(machine)) return;
    const position = slotPosition(PODS_SLOT[controlPlanes.has(machine) ? 'control-plane' : 'worker']);
    absolute.set(podsCard(machine), { x: origin.x + position.x, y: origin.y + position.y });
    nodes.push(extraNode(podsCard(machine), 'pods', position, machine));
  };

  for (const machine of topology.machines) {
    if (machine.role === 'control-plane') {
      nodes.push(machineNode(machine.name, 'control-plane', cpOrigin, cpFrame));
      place(machine.name, cpOrigin, CONTROL_PLANE_SLOTS);
    } else if (!compact) {
      const index = workers.indexOf(machine);
      const origin = {
        x: (index % WORKERS_PER_ROW) * (workerFrame.width + MACHINE_GAP),
        y:
          cpFrame.height +
          2 * MACHINE_GAP +
          Math.floor(index / WORKERS_PER_ROW) * (workerFrame.height + MACHINE_GAP),
      };
      nodes.push(machineNode(machine.name, 'worker', origin, workerFrame));
      place(machine.name, origin, WORKER_SLOTS);
    }
  }
  const apiserver = [...absolute.entries()].find(([id]) => id.endsWith('/kube-apiserver'))?.[1] ?? {
    x: 0,
    y: 0,
  };
  for (const component of topology.components.filter((c) => c.machine === null)) {
    const position = { x: cpOrigin.x - CARD.width - 2 * MACHINE_GAP, y: apiserver.y };
    absolute.set(component.id, position);
    nodes.push(componentNode(component, position, null));
  }
  const cpPods = absolute.get(podsCard('control-plane'));
  if (cpPods !== undefined) {
    const position = { x: cpOrigin.x + cpFrame.width + 2 * MACHINE_GAP, y: cpPods.y };
    absolute.set(INTERNET_CARD, position);
    nodes.push(extraNode(INTERNET_CARD, 'internet', position, null));
  }

  const collapsed = compact
    ? layoutCompactWorkers(
        workers.map((m) => m.name),
        { x: 0, y: cpFrame.height + 2 * MACHINE_GAP },
        topology.components.find((c) => c.kind === 'kube-apiserver')?.id ?? 'control-plane/kube-apiserver',
      )
    : null;
  if (collapsed !== null) nodes.push(...collapsed.nodes);

  const plugins = [...hasKubelet]
    .filter((m): m is string => m !== null && absolute.has(podsCard(m)))
    .map((m): TopologyLink | { from: string; to: string; protocol: 'plugin' } => ({
      from: `${m}/kubelet`,
      to: podsCard(m),
      protocol: 'plugin',
    }));
  const drawn = [...topology.links, ...plugins].filter((l) => absolute.has(l.from) && absolute.has(l.to));
  const edges = drawn.map((link): LinkFlowEdge => {
    const [sourceHandle, targetHandle] = handlesBetween(absolute.get(link.from), absolute.get(link.to));
    return {
      id: `${link.from}->${link.to}`,
      source: link.from,
      target: link.to,
      sourceHandle: `source-${sourceHandle}`,
      targetHandle: `target-${targetHandle}`,
      className: `link link-${link.protocol}`,
      data: { protocol: link.protocol },
      ...(EDGE_LABELS[link.protocol] === undefined ? {} : { label: EDGE_LABELS[link.protocol] }),
      focusable: false,
      selectable: false,
    };
  });
  const rects = new Map<string, Rect>(collapsed?.rects);
  for (const [id, at] of absolute) rects.set(id, { ...at, ...CARD });
  if (collapsed === null) return { nodes, edges, rects, focus: null };
  edges.push(collapsed.edge);
  const outside = nodes.filter((n) => n.parentId === undefined && n.id !== WORKERS_FRAME).map((n) => n.id);
  return { nodes, edges, rects, focus: [...outside, ...collapsed.firstRows] };
}

/** Edge labels for the protocols that are not the Kubernetes API. */
const EDGE_LABELS: Readonly<Record<string, string>> = { etcd: 'gRPC', cri: 'CRI' };

type Side = 'top' | 'bottom' | 'left' | 'right';

/** Which sides of two cards an edge should leave and enter by. */
export function handlesBetween(from?: { x: number; y: number }, to?: { x: number; y: number }): [Side, Side] {
  if (from === undefined || to === undefined) return ['right', 'left'];
  const dy = to.y - from.y;
  if (Math.abs(dy) > CARD.height / 2) return dy > 0 ? ['bottom', 'top'] : ['top', 'bottom'];
  return to.x >= from.x ? ['right', 'left'] : ['left', 'right'];
}

function machineNode(
  name: string,
  role: MachineNodeData['role'],
  position: { x: number; y: number },
  size: { width: number; height: number },
): MachineFlowNode {
  return {
    id: `machine:${name}`,
    type: 'machine',
    position,
    data: { name, role },
    style: size,
    ...size,
    ariaRole: 'group',
    ariaLabel: role === 'control-plane' ? `${name} (control-plane node)` : `${name} (worker node)`,
    selectable: false,
    focusable: false,
    draggable: false,
  };
}

function extraNode(
  id: string,
  kind: ExtraKind,
  position: { x: number; y: number },
  machine: string | null,
): ComponentFlowNode {
  const info = EXTRA_INFO[kind];
  return {
    id,
    type: 'component',
    position,
    data: { component: null, kind, info },
    ...CARD,
    ...(machine === null ? {} : { parentId: `machine:${machine}`, extent: 'parent' as const }),
    ariaRole: 'button',
    ariaLabel: machine === null ? `${info.title} (${info.role})` : `${info.title} on ${machine}`,
    draggable: false,
  };
}

function componentNode(
  component: TopologyComponent,
  position: { x: number; y: number },
  machine: string | null,
): ComponentFlowNode {
  const info = infoFor(component);
  return {
    id: component.id,
    type: 'component',
    position,
    data: { component, kind: component.kind, info },
    ...CARD,
    ...(machine === null ? {} : { parentId: `machine:${machine}`, extent: 'parent' as const }),
    ariaRole: 'button',
    ariaLabel: machine === null ? `${info.title} (${info.role})` : `${info.title} on ${machine}`,
    draggable: false,
  };
}
