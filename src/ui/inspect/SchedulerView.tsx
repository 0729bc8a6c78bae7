import type { CacheNodeView, QueuedPodView, SchedulerView } from '../../worker/inspect/scheduler';
import { formatClock } from '../format';
import './node-scheduler.css';

/** Millicores as kubectl shows them (`850m`, `2`). */
function cpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes in Mi (or Gi from 10 Gi up), rounded. */
function memory(bytes: number): string {
  const mi = bytes / (1024 * 1024);
  return mi >= 10 * 1024 ? `${Math.round(mi / 1024)}Gi` : `${Math.round(mi)}Mi`;
}

/** A share of a node's allocatable, for the meter. */
const share = (used: number, total: number) => (total <= 0 ? 0 : Math.min(1, used / total));

function CacheNode({ node }: { node: CacheNodeView }) {
  const rows: [string, number, number, (n: number) => string][] = [
    ['cpu', node.requested.milliCPU, node.allocatable.milliCPU, cpu],
    ['memory', node.requested.memory, node.allocatable.memory, memory],
    ['pods', node.pods, node.allowedPods, String],
  ];
  return (
    <li>
      <span className="nsv-name">{node.name}</span>
      {node.unschedulable && <span className="nsv-dim"> (cordoned)</span>}
      {rows.map(([name, used, total, fmt]) => (
        <div key={name} className="nsv-meter-row">
          <span className="nsv-dim">{name}</span>
          <meter
            min={0}
            max={1}
            high={0.9}
            value={share(used, total)}
            aria-label={`${node.name} ${name} requested`}
          />
          <span className="nsv-mono">
            {fmt(used)}/{fmt(total)}
          </span>
        </div>
      ))}
    </li>
  );
}

/** One sub-queue of the scheduling queue. */
function Queue({ title, pods, now }: { title: string; pods: readonly QueuedPodView[]; now: number }) {
  return (
    <details open={pods.length > 0}>
      <summary>
        <h4>
          {title} ({pods.length})
        </h4>
      </summary>
      <ul className="nsv-list" aria-label={title}>
        {pods.map((p) => (
          <li key={p.pod}>
            <span className="nsv-name">{p.pod}</span>{' '}
            <span className="nsv-dim">
              {p.attempts} attempt{p.attempts === 1 ? '' : 's'}
              {p.gated ? ', gated' : ''}
              {p.backoffExpiry === null
                ? ''
                : `, backoff until ${formatClock(p.backoffExpiry)} (${Math.max(0, (p.backoffExpiry - now) / 1000).toFixed(1)} s)`}
            </span>
            {p.lastFailure !== null && <div className="nsv-failure">{p.lastFailure}</div>}
            {p.unschedulablePlugins.length > 0 && (
              <div className="nsv-dim">rejected by {p.unschedulablePlugins.join(', ')}</div>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * kube-scheduler from the inside: its profile's plugins per extension point (with Score
 * weights), the scheduling queue, its last cycles and its cache of nodes.
 */
export function SchedulerInspector({ view }: { view: SchedulerView }) {
  if (!view.running)
    return (
      <section className="nsv" aria-label="kube-scheduler">
        <h3>kube-scheduler</h3>
        <p className="nsv-dim">
          This cluster runs no kube-scheduler: pods stay Pending unless bound by hand.
        </p>
      </section>
    );
  const { queue } = view;
  return (
    <section className="nsv" aria-label="kube-scheduler">
      <h3>kube-scheduler</h3>
      <p className="nsv-dim">
        {view.schedulingCycle} scheduling cycles; percentageOfNodesToScore{' '}
        {view.percentageOfNodesToScore === 0 ? '0 (adaptive)' : view.percentageOfNodesToScore}: looks for{' '}
        {view.numFeasibleNodesToFind} feasible node{view.numFeasibleNodesToFind === 1 ? '' : 's'}.
      </p>
      {view.profiles.map((profile) => (
        <details key={profile.schedulerName}>
          <summary>
            <h4>Profile {profile.schedulerName}</h4>
          </summary>
          <table className="nsv-table" aria-label={`Plugins of ${profile.schedulerName}`}>
            <tbody>
              {profile.extensionPoints.map((point) => (
                <tr key={point.name}>
                  <th scope="row">{point.name}</th>
                  <td>
                    {point.plugins
                      .map((p) => (p.weight === undefined ? p.name : `${p.name} ×${p.weight}`))
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
      <Queue title="activeQ" pods={queue.active} now={view.now} />
      <Queue title="backoffQ" pods={queue.backoff} now={view.now} />
      <Queue title="Unschedulable" pods={queue.unschedulable} now={view.now} />
      <details open>
        <summary>
          <h4>Recent cycles ({view.cycles.length})</h4>
        </summary>
        <ol className="nsv-list" aria-label="Recent scheduling cycles, newest first">
          {view.cycles.map((c) => (
            <li key={c.cycle}>
              <span className="nsv-dim nsv-mono">
                #{c.cycle} {formatClock(c.time)}
              </span>{' '}
              <span className="nsv-name">{c.pod}</span>{' '}
              {c.node === null ? (
                <div className="nsv-failure">FailedScheduling: {c.message}</div>
              ) : (
                <span className="nsv-ok">
                  → {c.node}
                  {c.feasible === null ? '' : ` (${c.feasible}/${c.evaluated ?? '?'} feasible)`}
                </span>
              )}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary>
          <h4>Cache ({view.nodes.length} nodes)</h4>
        </summary>
        <ul className="nsv-list" aria-label="Nodes in the scheduler cache">
          {view.nodes.map((n) => (
            <CacheNode key={n.name} node={n} />
          ))}
        </ul>
        {view.assumedPods.length > 0 && (
          <p className="nsv-dim">Assumed (binding in flight): {view.assumedPods.join(', ')}</p>
        )}
      </details>
    </section>
  );
}
