import { useMemo } from 'react';
import { graphModel } from '../graph/graph-model';
import { componentTarget } from '../inspect/ComponentInspection';
import { useLab } from '../lab-context';
import { useTrace } from '../trace/use-trace';
import { ComponentActivity } from './ComponentActivity';
import { Inspector } from './Inspector';
import { StepInspector } from './StepInspector';
import './inspector.css';

/**
 * The Steps tab's upper panel: the step under review when there is one; otherwise the
 * selected component (or card) with what it did recently, or the cluster as a whole. For
 * etcd, the scheduler and a node's parts, a button opens the live view in the Inspect tab.
 */
export function Details() {
  const step = useTrace((s) => s.selected);
  const selected = useLab((s) => s.selected);
  const topology = useLab((s) => s.topology);
  const inspect = useLab((s) => s.inspect);
  const showSidePanel = useLab((s) => s.showSidePanel);
  const extra = useMemo(() => {
    if (topology === null || selected === null) return null;
    const node = graphModel(topology).layout.nodes.find((n) => n.id === selected);
    return node?.type === 'component' && node.data.component === null ? { id: node.id, ...node.data } : null;
  }, [topology, selected]);

  if (step !== null) return <StepInspector id={step} />;
  return (
    <div className="details">
      {extra === null ? (
        <Inspector />
      ) : (
        <section className="panel inspector" aria-labelledby="inspector-title">
          <p className={`eyebrow tier-${extra.info.tier}`}>
            {extra.id.includes('/') ? extra.id.split('/')[0] : 'outside the cluster'}
          </p>
          <h2 id="inspector-title">{extra.info.title}</h2>
          <p className="role">{extra.info.role}</p>
          <p className="lede">{extra.info.description}</p>
        </section>
      )}
      {selected !== null && topology !== null && componentTarget(topology, selected, inspect) !== null && (
        <div className="ins-bar">
          <button type="button" className="live-button" onClick={() => showSidePanel('inspect')}>
            Look inside, live →
          </button>
        </div>
      )}
      {selected !== null && <ComponentActivity card={selected} />}
    </div>
  );
}
