import { PLUGIN_ABBREVIATIONS, type SchedulerTable } from '../explain/scheduler-table';

/**
 * One scheduling decision as a table: every node the scheduler evaluated; for those that
 * passed the Filter plugins, each Score plugin's normalized score (raw score on hover) and
 * the weighted total; for the others, the plugin that rejected them and why.
 */
export function SchedulerTableView({ table }: { table: SchedulerTable }) {
  const { plugins, weights } = table;
  const columns = plugins.length + 1;
  return (
    <div className="sched">
      <h3>Filter and score, node by node</h3>
      <p className="sched-summary">
        {table.chosen === null
          ? `No node fits ${table.pod}.`
          : `${table.pod} → ${table.chosen}` +
            (table.feasible === null
              ? ''
              : ` (${table.feasible} of ${table.evaluated ?? '?'} nodes passed the filters)`)}
        {table.nominatedNode === null ? '' : ` Nominated to ${table.nominatedNode} after preemption.`}
      </p>
      <div className="sched-scroll">
        <table className="sched-table" aria-label={`Scheduling ${table.pod}`}>
          <thead>
            <tr>
              <th scope="col">Node</th>
              {plugins.map((p) => (
                <th key={p} scope="col" title={p}>
                  {PLUGIN_ABBREVIATIONS[p] ?? p}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
            {weights !== null && (
              <tr className="sched-weights">
                <th scope="row">weight</th>
                {plugins.map((p) => (
                  <td key={p}>×{weights[p]}</td>
                ))}
                <td />
              </tr>
            )}
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.node} className={`sched-${row.verdict}`}>
                <th
                  scope="row"
                  title={
                    row.verdict === 'filtered' ? 'Rejected by a Filter plugin' : 'Passed every Filter plugin'
                  }
                >
                  {row.verdict === 'chosen' ? '★ ' : row.verdict === 'feasible' ? '✓ ' : '✗ '}
                  {row.node}
                </th>
                {row.rejected === null ? (
                  <>
                    {plugins.map((p) => {
                      const score = row.scores[p];
                      return (
                        <td
                          key={p}
                          title={
                            score === undefined
                              ? ''
                              : `${p}: raw ${score.raw}, normalized ${score.normalized}`
                          }
                        >
                          {score?.normalized ?? '–'}
                        </td>
                      );
                    })}
                    <td className="sched-total">{row.total ?? '–'}</td>
                  </>
                ) : (
                  <td className="sched-rejected" colSpan={columns}>
                    <strong>{row.rejected.plugin}</strong>: {row.rejected.message}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.message !== null && <p className="sched-message">{table.message}</p>}
      <p className="hint sched-hint">
        {plugins.length === 0
          ? 'Scoring only runs when more than one node passes the filters.'
          : weights === null
            ? 'Total: each plugin’s normalized score (0–100) times its weight, summed; the trace does not record the weights.'
            : 'Total: each plugin’s normalized score (0–100) times its weight (kube-scheduler’s defaults), summed; the highest total wins. Hover a score for its raw value.'}
      </p>
    </div>
  );
}
