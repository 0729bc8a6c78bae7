import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import { useLab } from '../lab-context';
import { FitOnResize } from '../present/FitOnResize';
import { usePresentation } from '../present/presentation';
import { useTheme } from '../theme/controller';
import { ComponentNode } from './ComponentNode';
import { FlowAnimation } from './FlowAnimation';
import { graphModel } from './graph-model';
import { GraphHighlights } from './GraphHighlights';
import { MachineNode } from './MachineNode';

const NODE_TYPES = { component: ComponentNode, machine: MachineNode };
const PADDING = 0.05;

/** The cluster view: machines, their components, and who talks to whom. */
export function ClusterGraph() {
  const topology = useLab((s) => s.topology);
  const select = useLab((s) => s.select);
  const { theme } = useTheme();
  const presenting = usePresentation() !== null;
  const model = useMemo(() => (topology === null ? null : graphModel(topology)), [topology]);
  // A large cluster opens on its control plane and first workers, readable; the rest is a scroll away.
  const fitViewOptions = useMemo(() => {
    const focus = model?.layout.focus ?? null;
    return focus === null ? { padding: PADDING } : { padding: PADDING, nodes: focus.map((id) => ({ id })) };
  }, [model]);
  const onSelectionChange = useCallback(
    ({ nodes }: OnSelectionChangeParams) => select(nodes.find((n) => n.type === 'component')?.id ?? null),
    [select],
  );

  if (model === null) {
    return (
      <div className="graph-loading" role="status">
        Starting the cluster…
      </div>
    );
  }
  return (
    <ReactFlow
      key={JSON.stringify(topology?.machines)}
      aria-label="Cluster view"
      defaultNodes={model.layout.nodes}
      defaultEdges={model.layout.edges}
      nodeTypes={NODE_TYPES}
      onSelectionChange={onSelectionChange}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={model.layout.focus === null ? 0.3 : 0.1}
      maxZoom={2}
      colorMode={theme}
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
      <Controls showInteractive={false} position="bottom-left" />
      {model.layout.focus !== null && (
        <MiniMap position="top-right" ariaLabel="Overview of the cluster" pannable zoomable />
      )}
      <GraphHighlights model={model} />
      <FlowAnimation model={model} />
      {presenting && <FitOnResize options={fitViewOptions} />}
    </ReactFlow>
  );
}
