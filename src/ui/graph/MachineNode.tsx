import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { MachineFlowNode } from './layout';

/** The frame of one machine, holding the cards of the components that run on it. */
function MachineNodeView({ data }: NodeProps<MachineFlowNode>) {
  return (
    <div className={`machine machine-${data.role}`}>
      <div className="machine-header">
        <svg className="machine-icon" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="2" width="13" height="5" rx="1" />
          <rect x="1.5" y="9" width="13" height="5" rx="1" />
          <circle cx="4.5" cy="4.5" r="0.9" />
          <circle cx="4.5" cy="11.5" r="0.9" />
        </svg>
        <span className="machine-name">{data.name}</span>
        <span className="machine-role">{data.role === 'control-plane' ? 'control plane' : 'worker'}</span>
      </div>
    </div>
  );
}

export const MachineNode = memo(MachineNodeView);
