import { useEffect } from 'react';
import type { Topology } from '../../sim/topology';
import type { InspectTarget } from '../../worker/inspect/types';
import { podsCard, workerCard } from '../graph/extra-cards';
import { useLab } from '../lab-context';
import { EtcdInspector } from './EtcdInspector';
import type { InspectStore } from './inspect-store';
import { NodeInspector } from './NodeView';
import { SchedulerInspector } from './SchedulerView';
import { useInspect } from './use-inspect';
import './inspect.css';

/** The components that are part of a node: selecting one opens that node's view. */
const NODE_PARTS = new Set(['kubelet', 'container-runtime', 'kube-proxy']);

/**
 * What selecting card `card` inspects: etcd (where it was left), the scheduler, or a node
 * (from its kubelet, runtime, kube-proxy, its pods card, or its compact card in a large
 * cluster); else nothing.
 */
export function componentTarget(topology: Topology, card: string, store: InspectStore): InspectTarget | null {
  const machine = topology.machines.find((m) => card === podsCard(m.name) || card === workerCard(m.name));
  if (machine !== undefined) return { kind: 'node', name: machine.name };
  const component = topology.components.find((c) => c.id === card);
  if (component === undefined) return null;
  if (component.kind === 'etcd') return store.getState().etcd;
  if (component.kind === 'kube-scheduler') return { kind: 'scheduler' };
  if (NODE_PARTS.has(component.kind) && component.machine !== null)
    return { kind: 'node', name: component.machine };
  return null;
}

/** The live view inside the selected component, for etcd, kube-scheduler and a node's parts. */
export function ComponentInspection({ card }: { card: string }) {
  const topology = useLab((s) => s.topology);
  const store = useLab((s) => s.inspect);
  const show = useInspect((s) => s.show);
  const target = useInspect((s) => s.targets.component);
  const view = useInspect((s) => s.views.component);
  useEffect(() => {
    show('component', topology === null ? null : componentTarget(topology, card, store));
    return () => show('component', null);
  }, [topology, card, store, show]);

  if (target === null) return null;
  return (
    <section className="panel ins ins-live" aria-label="Live view">
      {view === null ? (
        <p className="ins-dim" role="status">
          Looking inside…
        </p>
      ) : view.kind === 'etcd' ? (
        <EtcdInspector
          view={view}
          select={(key, revision) =>
            show('component', { kind: 'etcd', key, ...(revision === undefined ? {} : { revision }) })
          }
        />
      ) : view.kind === 'node' ? (
        <NodeInspector view={view} />
      ) : view.kind === 'scheduler' ? (
        <SchedulerInspector view={view} />
      ) : (
        view.kind === 'missing' && (
          <p className="ins-missing" role="status">
            {view.message}
          </p>
        )
      )}
    </section>
  );
}
