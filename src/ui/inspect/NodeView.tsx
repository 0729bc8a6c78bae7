import type { ReactNode } from 'react';
import type { NodeView, ProxyRulesView, SandboxView } from '../../worker/inspect/node';
import './node-scheduler.css';

/** A `key value` row of a definition list. */
function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One pod sandbox: its pause container's network, its containers and its volumes. */
function Sandbox({ sandbox }: { sandbox: SandboxView }) {
  const pod = `${sandbox.namespace}/${sandbox.name}`;
  return (
    <details className="nsv-item">
      <summary>
        <span className={`nsv-badge nsv-${sandbox.state === 'Ready' ? 'ok' : 'bad'}`}>{sandbox.state}</span>{' '}
        <span className="nsv-name">{pod}</span>{' '}
        <span className="nsv-dim nsv-mono">{sandbox.ip ?? 'host network'}</span>
      </summary>
      <dl className="nsv-fields">
        <Field term="sandbox">
          <span className="nsv-mono">{sandbox.id}</span> (pause, attempt {sandbox.attempt})
        </Field>
        <Field term="pod uid">
          <span className="nsv-mono">{sandbox.uid}</span>
        </Field>
        {sandbox.netns !== null && (
          <Field term="netns">
            <span className="nsv-mono">{sandbox.netns}</span>
          </Field>
        )}
        {sandbox.veth !== null && (
          <Field term="veth">
            <span className="nsv-mono">
              {sandbox.veth.host} ⇄ {sandbox.veth.pod}
            </span>{' '}
            (host ⇄ pod)
          </Field>
        )}
      </dl>
      <table className="nsv-table" aria-label={`Containers of ${pod}`}>
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">State</th>
            <th scope="col" title="Attempt (restart count)">
              Try
            </th>
            <th scope="col">Id</th>
          </tr>
        </thead>
        <tbody>
          {sandbox.containers.map((c) => (
            <tr key={c.id}>
              <th scope="row" title={c.image}>
                {c.name}
              </th>
              <td className={c.state === 'RUNNING' ? 'nsv-ok' : c.state === 'EXITED' ? 'nsv-bad' : ''}>
                {c.state}
                {c.exitCode === null ? '' : ` (${c.exitCode}${c.reason === null ? '' : ` ${c.reason}`})`}
              </td>
              <td>
                {c.attempt}
                {c.restartCount === c.attempt ? '' : ` of ${c.restartCount}`}
              </td>
              <td className="nsv-mono">{c.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sandbox.volumes.length > 0 && (
        <ul className="nsv-list" aria-label={`Volumes of ${pod}`}>
          {sandbox.volumes.map((v) => (
            <li key={v.name}>
              <span className="nsv-name">{v.name}</span>{' '}
              <span className="nsv-dim">
                {v.plugin}
                {v.readOnly ? ', ro' : ''}
                {v.mountPoint ? ', mount point' : ''}
              </span>
              <div className="nsv-mono nsv-path">{v.hostPath}</div>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** kube-proxy's Service rules: each address, the chain it jumps to and the endpoints it DNATs to. */
function ProxyRules({ rules }: { rules: ProxyRulesView }) {
  return (
    <ul className="nsv-list" aria-label={`kube-proxy ${rules.mode} rules`}>
      {rules.services.map((s) => (
        <li key={`${s.frontend} ${s.via}`}>
          <span className="nsv-name">{s.service}</span> <span className="nsv-dim">{s.via}</span>
          <div className="nsv-mono">
            {s.frontend} → {s.verdict === 'dnat' ? (s.chain ?? s.spread) : s.verdict.toUpperCase()}
          </div>
          {s.endpoints.length > 0 && (
            <ul className="nsv-endpoints">
              {s.endpoints.map((e) => (
                <li key={`${e.chain ?? ''}${e.destination}`} className="nsv-mono">
                  {e.chain === null ? '' : `${e.chain} `}
                  {e.probability === null ? '' : `p=${e.probability} `}→ DNAT {e.destination}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * One node as its shell shows it: the runtime and kubelet, the pod sandboxes with their
 * containers and volumes (`crictl pods`, `crictl ps -a`, `mount`), the CNI interfaces and
 * routes (`ip addr`, `ip route`) and kube-proxy's Service rules.
 */
export function NodeInspector({ view }: { view: NodeView }) {
  const { network, runtime } = view;
  const down = runtime.conditions.filter((c) => !c.status);
  return (
    <section className="nsv" aria-label={`Node ${view.name}`}>
      <h3>Node {view.name}</h3>
      <dl className="nsv-fields">
        <Field term="address">
          <span className="nsv-mono">{view.internalIP}</span>
        </Field>
        <Field term="pod CIDR">
          <span className="nsv-mono">{view.podCIDR ?? 'none yet'}</span>
        </Field>
        <Field term="runtime">
          {runtime.name} {runtime.version}
        </Field>
        <Field term="kubelet">
          {view.kubelet.version},{' '}
          <span className={view.kubelet.state === 'running' ? 'nsv-ok' : 'nsv-bad'}>
            {view.kubelet.state}
          </span>
        </Field>
      </dl>
      {down.map((c) => (
        <p key={c.type} className="nsv-warning" role="status">
          {c.type}=false {c.reason}: {c.message}
        </p>
      ))}
      <details open>
        <summary>
          <h4>Pod sandboxes ({view.sandboxes.length})</h4>
        </summary>
        {view.sandboxes.map((s) => (
          <Sandbox key={s.id} sandbox={s} />
        ))}
      </details>
      <details>
        <summary>
          <h4>Network ({network.plugin})</h4>
        </summary>
        <dl className="nsv-fields">
          <Field term="CNI">
            {network.binary}, <span className="nsv-mono">{network.config ?? 'no config loaded'}</span>
          </Field>
          <Field term="gateway">
            <span className="nsv-mono">{network.gateway ?? '-'}</span> ({network.allocations.length} IPs
            allocated)
          </Field>
        </dl>
        <table className="nsv-table" aria-label={`Interfaces of ${view.name}`}>
          <tbody>
            {network.interfaces.map((i) => (
              <tr key={i.name}>
                <th scope="row" className="nsv-mono">
                  {i.name}
                </th>
                <td>{i.kind}</td>
                <td className="nsv-mono">
                  {i.addresses.join(' ')}
                  {i.peer === undefined ? '' : ` ⇄ ${i.peer}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <pre className="nsv-pre" aria-label={`Routes of ${view.name}`}>
          {network.routes.join('\n')}
        </pre>
      </details>
      {view.csiStaging.length > 0 && (
        <details>
          <summary>
            <h4>CSI staging ({view.csiStaging.length})</h4>
          </summary>
          <ul className="nsv-list">
            {view.csiStaging.map((p) => (
              <li key={p} className="nsv-mono nsv-path">
                {p}
              </li>
            ))}
          </ul>
        </details>
      )}
      {view.proxy !== null && (
        <details>
          <summary>
            <h4>
              kube-proxy ({view.proxy.mode}, {view.proxy.services.length} rules)
            </h4>
          </summary>
          <ProxyRules rules={view.proxy} />
        </details>
      )}
    </section>
  );
}
