import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useLab } from '../lab-context';
import type { MachineFlowNode } from './layout';
import { healthLabels } from './node-health';

const ROLE_LABELS = { 'control-plane': 'control plane', worker: 'worker', workers: 'nodes' } as const;

/**
 * The frame of one machine, holding the cards of the components that run on it; or, in a
 * large cluster, the frame of all the collapsed workers, whose one edge to kube-apiserver
 * leaves from its top.
 */
function MachineNodeView({ data }: NodeProps<MachineFlowNode>) {
  const labels = healthLabels(useLab((s) => s.nodeHealth[data.name]));
  return (
    <div className={`machine machine-${data.role}${labels.some((l) => l.bad) ? ' machine-unhealthy' : ''}`}>
      <div className="machine-header">
        <svg className="machine-icon" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="2" width="13" height="5" rx="1" />
          <rect x="1.5" y="9" width="13" height="5" rx="1" />
          <circle cx="4.5" cy="4.5" r="0.9" />
          <circle cx="4.5" cy="11.5" r="0.9" />
        </svg>
        <span className="machine-name">{data.name}</span>
        {labels.map((label) => (
          <span key={label.text} className={`machine-health${label.bad ? ' bad' : ''}`}>
            {label.text}
          </span>
        ))}
        <span className="machine-role">
          {data.count === undefined ? '' : `${data.count} `}
          {ROLE_LABELS[data.role]}
        </span>
      </div>
      {data.role === 'workers' && (
        <Handle id="source-top" type="source" position={Position.Top} isConnectable={false} />
      )}
    </div>
  );
}

export const MachineNode = memo(MachineNodeView);
