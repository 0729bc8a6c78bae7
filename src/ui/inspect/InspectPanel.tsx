import { useLab } from '../lab-context';
import { ComponentInspection, componentTarget } from './ComponentInspection';
import { ObjectSection } from './ObjectSection';

/**
 * The Inspect tab: the object inspector, and the live view inside the component selected in
 * the graph (etcd, kube-scheduler, or a node's kubelet, runtime or kube-proxy).
 */
export function InspectPanel() {
  const selected = useLab((s) => s.selected);
  const topology = useLab((s) => s.topology);
  const store = useLab((s) => s.inspect);
  const inside =
    selected !== null && topology !== null && componentTarget(topology, selected, store) !== null;
  return (
    <div className="details inspect-panel">
      <ObjectSection />
      {inside && selected !== null ? (
        <ComponentInspection card={selected} />
      ) : (
        <p className="panel hint">
          Select etcd, kube-scheduler, or a node’s kubelet, container runtime or kube-proxy in the graph to
          look inside it, live.
        </p>
      )}
    </div>
  );
}
