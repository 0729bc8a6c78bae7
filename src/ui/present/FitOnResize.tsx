import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Fits the cluster view to its pane again whenever the pane changes size: a presentation's
 * graph stays whole when its window moves to the projector, goes full screen, or the
 * presenter's narration grows. Rendered inside the graph's ReactFlow.
 */
export function FitOnResize({ options }: { options: FitViewOptions }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(options);
  }, [fitView, options, width, height]);
  return null;
}
