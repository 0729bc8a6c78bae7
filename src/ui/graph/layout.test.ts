import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../sim/topology';
import { FULL_WORKERS_MAX, WORKERS_FRAME } from './compact-workers';
import { workerCard } from './extra-cards';
import { CARD, handlesBetween, layoutCluster } from './layout';

type Box = { x: number; y: number; width: number; height: number };

function absoluteBoxes(workers: number, agents = false): Map<string, Box & { parent?: string }> {
  const { nodes } = layoutCluster(buildTopology(workers, agents));
  const boxes = new Map<string, Box & { parent?: string }>();
  for (const node of nodes) {
    const parent = node.parentId === undefined ? undefined : boxes.get(node.parentId);
    boxes.set(node.id, {
      x: node.position.x + (parent?.x ?? 0),
      y: node.position.y + (parent?.y ?? 0),
      width: node.width ?? 0,
      height: node.height ?? 0,
      ...(node.parentId === undefined ? {} : { parent: node.parentId }),
    });
  }
  return boxes;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('layoutCluster', () => {
  it.each([
    ['containerd', 'containerd, via CRI'],
    ['cri-o', 'CRI-O, via CRI'],
  ])('labels a %s node runtime with its name', (runtime, role) => {
    const { nodes } = layoutCluster(buildTopology(1, false, runtime));
    const card = nodes.find((n) => n.id === 'node-1/container-runtime');
    expect(card?.data).toMatchObject({ info: { role } });
    expect(card?.ariaLabel).toBe('container runtime on node-1');
  });

  it.each([
    [1, false],
    [3, false],
    [3, true],
    [4, true],
    [7, false],
    [8, true],
    [9, true],
    [100, true],
  ])(
    'with %s worker nodes (control-plane agents: %s), draws every component once, inside its machine, without overlaps',
    (workers, agents) => {
      const topology = buildTopology(workers, agents);
      const boxes = absoluteBoxes(workers, agents);
      const compact = workers > FULL_WORKERS_MAX;
      for (const component of topology.components)
        expect(
          boxes.has(
            component.machine?.startsWith('node-') && compact ? workerCard(component.machine) : component.id,
          ),
        ).toBe(true);
      const all = [...boxes.entries()];
      const frames = all.filter(([id]) => id.startsWith('machine:'));
      const cards = all.filter(([id]) => !id.startsWith('machine:'));
      expect(frames).toHaveLength(compact ? 2 : workers + 1);
      for (const [id, box] of cards) {
        if (box.parent !== undefined) expect(inside(box, boxes.get(box.parent)!), id).toBe(true);
      }
      for (const group of [frames, cards]) {
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            expect(overlaps(group[i]![1], group[j]![1]), `${group[i]![0]} overlaps ${group[j]![0]}`).toBe(
              false,
            );
          }
        }
      }
    },
  );

  it('gives every component and machine an accessible name', () => {
    const { nodes } = layoutCluster(buildTopology(3));
    const labels = nodes.map((n) => n.ariaLabel);
    expect(labels).toContain('kube-apiserver on control-plane');
    expect(labels).toContain('container runtime on node-2');
    expect(labels).toContain('node-3 (worker node)');
    expect(labels).toContain('kubectl (your terminal)');
    expect(new Set(labels).size).toBe(nodes.length);
  });

  it('draws one edge per link, labelled where it is not the Kubernetes API', () => {
    const topology = buildTopology(2);
    const { edges } = layoutCluster(topology);
    const links = edges.filter((e) => e.data?.protocol !== 'plugin');
    expect(links).toHaveLength(topology.links.length);
    expect(edges.find((e) => e.target === 'control-plane/etcd')?.label).toBe('gRPC');
    expect(edges.find((e) => e.target === 'node-1/container-runtime')?.label).toBe('CRI');
  });

  it('gives every machine with a kubelet a pods card, and the control plane the internet beside it', () => {
    const { nodes, edges, rects } = layoutCluster(buildTopology(2, true));
    const extra = nodes.filter((n) => n.type === 'component' && n.data.component === null).map((n) => n.id);
    expect(extra.sort()).toEqual(['control-plane/pods', 'internet', 'node-1/pods', 'node-2/pods']);
    expect(edges.filter((e) => e.data?.protocol === 'plugin').map((e) => e.id)).toEqual([
      'control-plane/kubelet->control-plane/pods',
      'node-1/kubelet->node-1/pods',
      'node-2/kubelet->node-2/pods',
    ]);
    for (const node of nodes) if (node.type === 'component') expect(rects.has(node.id), node.id).toBe(true);
    expect(layoutCluster(buildTopology(2, false)).rects.has('internet')).toBe(false);
  });

  it.each([3, 40])('reports each card’s absolute box (%s workers)', (workers) => {
    const boxes = absoluteBoxes(workers, true);
    const { rects } = layoutCluster(buildTopology(workers, true));
    for (const [id, rect] of rects) {
      const box = boxes.get(id);
      expect({ x: box?.x, y: box?.y, width: box?.width, height: box?.height }, id).toEqual(rect);
    }
  });

  it(`draws each component up to ${FULL_WORKERS_MAX} workers, and fits the whole cluster in the first view`, () => {
    const layout = layoutCluster(buildTopology(FULL_WORKERS_MAX, true));
    expect(layout.focus).toBeNull();
    expect(layout.rects.has(`node-${FULL_WORKERS_MAX}/kubelet`)).toBe(true);
  });

  it('collapses a large cluster’s workers to one card each, joined to kube-apiserver by one edge', () => {
    const topology = buildTopology(100, true);
    const { nodes, edges, rects, focus } = layoutCluster(topology);
    const workerCards = nodes.filter((n) => n.type === 'component' && n.data.kind === 'worker');
    expect(workerCards).toHaveLength(100);
    expect(workerCards[36]?.ariaLabel).toBe(
      'node-37 (worker node: kubelet, kube-proxy, container runtime and pods)',
    );
    expect(rects.has('node-37/kubelet')).toBe(false);
    expect(nodes.length).toBeLessThan(130);
    // Every edge joins two drawn nodes; the workers' API traffic is one edge from their frame.
    const ids = new Set(nodes.map((n) => n.id));
    for (const edge of edges) expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
    expect(edges.filter((e) => e.source === WORKERS_FRAME).map((e) => e.target)).toEqual([
      'control-plane/kube-apiserver',
    ]);
    expect(edges.length).toBeLessThan(20);
    // The first view: everything outside the workers' frame, and its first rows.
    expect(focus).toContain('machine:control-plane');
    expect(focus).toContain('kubectl');
    expect(focus).toContain('node-1/worker');
    expect(focus).toContain('node-24/worker');
    expect(focus).not.toContain('node-25/worker');
  });

  it.each([
    [{ x: 0, y: 300 }, { x: 0, y: 0 }, ['top', 'bottom']],
    [{ x: 0, y: 0 }, { x: 0, y: 300 }, ['bottom', 'top']],
    [{ x: 0, y: 0 }, { x: 400, y: CARD.height / 4 }, ['right', 'left']],
    [{ x: 400, y: 0 }, { x: 0, y: 0 }, ['left', 'right']],
  ])('an edge from %j to %j leaves by %j', (from, to, sides) => {
    expect(handlesBetween(from, to)).toEqual(sides);
  });
});
