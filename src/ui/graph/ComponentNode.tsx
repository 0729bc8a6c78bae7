import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ComponentFlowNode } from './layout';

const SIDES = [Position.Top, Position.Bottom, Position.Left, Position.Right] as const;

/** A component card: its name, its job, and hidden handles on every side for edges. */
function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  const { info, kind } = data;
  return (
    <div className={`card tier-${info.tier}${selected ? ' selected' : ''}`} data-kind={kind}>
      <span className="card-accent" aria-hidden="true" />
      <span className="card-text">
        <span className="card-title">{info.title}</span>
        <span className="card-role">{info.role}</span>
      </span>
      {SIDES.map((side) => (
        <Handle key={`t-${side}`} id={`target-${side}`} type="target" position={side} isConnectable={false} />
      ))}
      {SIDES.map((side) => (
        <Handle key={`s-${side}`} id={`source-${side}`} type="source" position={side} isConnectable={false} />
      ))}
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
