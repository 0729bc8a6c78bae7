import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import { useLab } from '../lab-context';
import { ComponentNode } from './ComponentNode';
import { FlowAnimation } from './FlowAnimation';
import { graphModel } from './graph-model';
import { GraphHighlights } from './GraphHighlights';
import { MachineNode } from './MachineNode';

const NODE_TYPES = { component: ComponentNode, machine: MachineNode };

/** The cluster view: machines, their components, and who talks to whom. */
export function ClusterGraph() {
  const topology = useLab((s) => s.topology);
  const select = useLab((s) => s.select);
  const model = useMemo(() => (topology === null ? null : graphModel(topology)), [topology]);
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
      fitViewOptions={{ padding: 0.05 }}
      minZoom={0.3}
      maxZoom={2}
      colorMode="dark"
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1} />
      <Controls showInteractive={false} position="bottom-left" />
      <GraphHighlights model={model} />
      <FlowAnimation model={model} />
    </ReactFlow>
  );
}
