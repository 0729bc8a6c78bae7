import { useMemo } from 'react';
import type { StepKind } from '../../sim/kernel/trace';
import { componentLabel } from '../format';
import { graphModel } from '../graph/graph-model';
import { useLab } from '../lab-context';
import { STEP_KINDS } from '../trace/filters';
import { useTrace } from '../trace/use-trace';

const KIND_LABELS: Readonly<Record<StepKind, string>> = {
  request: 'request',
  response: 'response',
  watch: 'watch',
  storage: 'etcd',
  decision: 'decision',
  runtime: 'CRI·CNI·CSI',
};

/** The timeline's filters: search, kinds, one component, periodic work, and grouping. */
export function TimelineFilters() {
  const topology = useLab((s) => s.topology);
  const filters = useTrace((s) => s.filters);
  const grouped = useTrace((s) => s.grouped);
  const setFilters = useTrace((s) => s.setFilters);
  const setGrouped = useTrace((s) => s.setGrouped);
  const cards = useMemo(
    () => (topology === null ? [] : [...graphModel(topology).layout.rects.keys()].sort(byMachine)),
    [topology],
  );
  const toggleKind = (kind: StepKind) => {
    const kinds = new Set(filters.kinds);
    if (!kinds.delete(kind)) kinds.add(kind);
    setFilters({ kinds });
  };

  return (
    <div className="timeline-filters" role="group" aria-label="Timeline filters">
      <div className="timeline-row">
        <input
          type="search"
          className="timeline-search"
          placeholder="Search (binding, web, etcd…)"
          aria-label="Search steps"
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
        />
        <select
          aria-label="Component"
          value={filters.card ?? ''}
          onChange={(e) => setFilters({ card: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">All components</option>
          {cards.map((card) => (
            <option key={card} value={card}>
              {componentLabel(card)}
            </option>
          ))}
        </select>
      </div>
      <div className="kind-chips">
        {STEP_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`kind-chip kind-${kind}`}
            aria-pressed={filters.kinds.has(kind)}
            onClick={() => toggleKind(kind)}
            title={`Show ${KIND_LABELS[kind]}`}
          >
            {KIND_LABELS[kind]}
          </button>
        ))}
      </div>
      <div className="timeline-options">
        <label title="Kubelet probes, node leases and status, metrics scrapes, watch bookmarks">
          <input
            type="checkbox"
            checked={!filters.hidePeriodic}
            onChange={(e) => setFilters({ hidePeriodic: !e.target.checked })}
          />
          show periodic work
        </label>
        <label title="Group each action with everything it caused">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          group into journeys
        </label>
      </div>
    </div>
  );
}

/** kubectl and the control plane first, then the nodes in number order. */
function byMachine(a: string, b: string): number {
  const rank = (id: string) =>
    id === 'kubectl' ? 0 : id.startsWith('control-plane/') ? 1 : id === 'internet' ? 3 : 2;
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}
